"""Many kiosks at once against a real server: every acknowledged response is in the log exactly once.

A uvicorn server runs the app in a background thread; 16 client threads
submit about 3,000 kiosk responses, about a tenth of them resubmissions of
ids already sent, half of those racing the first submission from another
thread. Afterwards a separate reader checks the committed log.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import uvicorn

from services.collector.application import Collector
from services.collector.bootstrap import build, build_http
from services.collector.demo import DemoCredentials, seed_demo
from services.collector.domain.ids import stable_id
from services.collector.settings import Settings, eventsourcing_env

THREADS = 16
ROUNDS = 20               # racing rounds: in each, thread pairs send the same new id at the same moment
PER_THREAD = 160          # distinct ids each thread sends on its own
RESENT = 10               # of those, ids each thread sends again after their first answer
SUBMITTED = "services.collector.domain.responses:Response.Submitted"
STARTUP_S = 30.0


@dataclass(frozen=True)
class Server:
    base_url: str
    demo: DemoCredentials


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    """The API over a seeded log, served by uvicorn on a free port; stopping it drains the group commit."""
    siang = build(settings)
    demo = seed_demo(siang.collector, "test")
    config = uvicorn.Config(build_http(siang), log_level="warning", access_log=False, lifespan="on", ws="none")
    uvicorn_server = uvicorn.Server(config)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [listener]}, name="uvicorn",
                              daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_S
        while not uvicorn_server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                pytest.fail("the server did not start")
            time.sleep(0.02)
        yield Server(f"http://127.0.0.1:{port}", demo)
    finally:
        uvicorn_server.should_exit = True
        thread.join(STARTUP_S)
        listener.close()
        siang.close()
    assert not thread.is_alive(), "the server did not stop"


@dataclass(frozen=True)
class Sent:
    response_id: str
    status: int
    body: bytes


Request = tuple[str, bytes, str]  # response id, body, kiosk device token


@dataclass(frozen=True)
class Plan:
    racing: list[list[Request]]   # per round, per thread: pairs of threads share an id
    solo: list[list[Request]]     # per thread, its own ids, then some of them again

    def sends(self) -> Counter[str]:
        return Counter(r[0] for requests in (*self.racing, *self.solo) for r in requests)


def make_plan(demo: DemoCredentials) -> Plan:
    base = datetime.now(UTC) - timedelta(hours=1)
    serial = iter(range(10**6))

    def new_request() -> Request:
        n = next(serial)
        response_id = str(uuid.uuid4())
        _, _, token = demo.kiosks[n % len(demo.kiosks)]
        body = json.dumps({
            "response_id": response_id, "survey_code": "a11", "survey_version": 1, "channel": "kiosk",
            "answers": {"satisfaction": 1 + n % 5, "fairness": 1 + n // 5 % 5},
            "client_time": (base + timedelta(milliseconds=n)).isoformat(),
        }).encode()
        return response_id, body, token

    racing = []
    for _ in range(ROUNDS):
        pairs = [new_request() for _ in range(THREADS // 2)]
        racing.append([pairs[t // 2] for t in range(THREADS)])
    solo = []
    for _ in range(THREADS):
        own = [new_request() for _ in range(PER_THREAD)]
        solo.append(own + own[PER_THREAD // 2:PER_THREAD // 2 + RESENT])
    return Plan(racing, solo)


@pytest.mark.slow
def test_concurrent_submissions_are_each_recorded_once(server: Server, settings: Settings) -> None:
    plan = make_plan(server.demo)
    sends = plan.sends()
    results: list[Sent] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    together = threading.Barrier(THREADS)

    def kiosk(t: int) -> None:
        mine: list[Sent] = []
        try:
            with httpx.Client(base_url=server.base_url, timeout=120) as http:

                def send(request: Request) -> None:
                    response_id, body, token = request
                    answer = http.post("/v1/responses/", content=body, headers={
                        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                    mine.append(Sent(response_id, answer.status_code, answer.content))

                for round_requests in plan.racing:
                    together.wait()
                    send(round_requests[t])
                for request in plan.solo[t]:
                    send(request)
        except BaseException as error:  # reported below, with the thread's results
            together.abort()
            with lock:
                errors.append(error)
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=kiosk, args=(t,), name=f"kiosk-{t}") for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == sum(sends.values())
    assert sum(sends.values()) >= 3000
    assert sum(n - 1 for n in sends.values()) >= 0.09 * sum(sends.values())
    statuses = Counter(r.status for r in results)
    assert set(statuses) <= {200, 201}, statuses
    by_id: dict[str, list[Sent]] = defaultdict(list)
    for r in results:
        by_id[r.response_id].append(r)
    assert {k: len(v) for k, v in by_id.items()} == dict(sends)
    for response_id, answers in by_id.items():
        assert [a.status for a in answers].count(201) == 1, response_id
        assert len({a.body for a in answers}) == 1, f"{response_id} got different receipts"
    acknowledged = set(by_id)

    reader = Collector(env=eventsourcing_env(settings))
    try:
        in_log: Counter[uuid.UUID] = Counter()
        start_id: int | None = None
        while True:
            page = reader.recorder.select_notifications(start=start_id, limit=1000, topics=[SUBMITTED],
                                                        inclusive_of_start=start_id is None)
            if not page:
                break
            in_log.update(uuid.UUID(str(n.originator_id)) for n in page)
            start_id = page[-1].id
    finally:
        reader.close()
    expected = {stable_id("response", response_id) for response_id in acknowledged}
    assert set(in_log) == expected
    assert set(in_log.values()) == {1}
