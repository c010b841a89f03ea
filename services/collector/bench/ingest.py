"""`siang bench ingest`: the HTTP write path against two baselines measured in the same run.

One run, against the local PostgreSQL:

1. a throwaway database `siang_bench_<random>` (or a given one), seeded with the demo units;
2. the bare baseline: one psycopg connection inserting the same JSON payloads, one row per
   commit, into a plain table (what a naive service does);
3. `siang serve` as a subprocess (with the echo endpoint), warmed up;
4. wrk against `POST /v1/responses/`, then against `POST /v1/bench/echo` (same body and
   validation, no I/O: the HTTP layer's own ceiling);
5. an open-loop phase at a fixed rate from a separate process, latency measured from each
   request's scheduled time (no coordinated omission), every acknowledged id recorded;
6. verification against the log: duplicates, and acknowledged responses missing from it.

Progress goes to stderr; the result is one JSON object, the last line on stdout.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import math
import multiprocessing
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit
from uuid import uuid4

import click
import msgspec
import psycopg
from psycopg import sql
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..bootstrap import build
from ..demo import is_seeded, seed_demo
from ..domain import default_survey
from ..settings import Settings, load_settings

T = TypeVar("T")

WRK_SCRIPT = Path(__file__).with_name("wrk_submit.lua")
RESPONSES_PATH = "/v1/responses/"
ECHO_PATH = "/v1/bench/echo"
SUBMITTED_TOPIC = "%Response.Submitted"
DEFAULT_EVENTS_TABLE = "collector_events"
BENCH_ACTOR = "bench:siang"
# The same body the wrk script sends (see wrk_submit.lua): a one-tap kiosk answer to survey a11 v1.
BODY_TEMPLATE = ('{{"response_id":"{response_id}","survey_code":"' + default_survey.CODE + '","survey_version":1,'
                 '"channel":"kiosk","answers":{{"satisfaction":{satisfaction}}},"client_time":"{client_time}"}}')
TARGETS: dict[str, tuple[str, float]] = {  # name → (comparison, threshold)
    "accepted_per_s": (">=", 3000.0),
    "ratio_vs_bare": (">=", 1.3),
    "ratio_vs_echo": (">=", 0.6),
    "p99_ms": ("<", 50.0),
    "lost": ("==", 0.0),
    "duplicates_found": ("==", 0.0),
}


class BenchError(click.ClickException):
    """The benchmark could not run (a missing tool, a server that did not start, …)."""


# -- configuration and results ------------------------------------------------------


@dataclass(frozen=True)
class BenchConfig:
    """What `siang bench ingest` was asked to do (its defaults are the command's)."""

    seconds: float
    rounds: int
    warmup_seconds: float
    rate: float
    workers: int
    connections: int
    wrk_threads: int
    postgres_url: str
    database_url: str | None = None
    keep: bool = False
    port: int = 0
    latency_connections: int = 64


@dataclass(frozen=True)
class WrkResult:
    """One wrk run, as its script's `done` reported it, plus the CPU wrk itself used."""

    requests: int
    duration_us: int
    created: int
    replayed: int
    other_2xx: int
    client_err: int
    server_err: int
    other: int
    connect_errors: int
    read_errors: int
    write_errors: int
    timeouts: int
    latency_p50_us: int
    latency_p99_us: int
    latency_max_us: int
    bytes: int = 0
    cpu_s: float = 0.0

    @property
    def ok(self) -> int:
        """Answers with a 2xx status."""
        return self.created + self.replayed + self.other_2xx

    @property
    def seconds(self) -> float:
        """How long wrk ran."""
        return self.duration_us / 1e6

    @property
    def socket_errors(self) -> int:
        """Connect, read, write errors and timeouts."""
        return self.connect_errors + self.read_errors + self.write_errors + self.timeouts


@dataclass(frozen=True)
class BareResult:
    """The naive baseline: single-row autocommit inserts."""

    inserted: int
    seconds: float

    @property
    def per_s(self) -> float:
        """Inserts committed per second."""
        return self.inserted / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class OpenLoopPlan:
    """The fixed-rate phase: what to send, where, and how fast."""

    host: str
    port: int
    path: str
    rate: float
    seconds: float
    connections: int
    tokens: tuple[str, ...]
    timeout_s: float = 10.0


@dataclass
class OpenLoopResult:
    """Every request of the fixed-rate phase: latency from its scheduled time, and its status."""

    latencies_ms: list[float] = field(default_factory=list)
    send_lags_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)  # status 0: no answer (transport error, timeout)
    acknowledged: list[str] = field(default_factory=list)  # response ids answered with a 2xx, as hex
    seconds: float = 0.0


@dataclass(frozen=True)
class LogCounts:
    """What the log holds after the run."""

    window_events: list[int]  # response events committed in each round's wrk window
    run_events: int  # all response events of the run
    distinct_ids: int
    missing_acknowledged: int  # ids the open-loop phase saw acknowledged that the log lacks


# -- preconditions ------------------------------------------------------------------------


def require_wrk() -> str:
    """The path of `wrk`, or an error saying how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise BenchError("wrk is not installed; install it with `apt-get install wrk`")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def with_dbname(url: str, dbname: str) -> str:
    """`url` pointing at database `dbname` on the same server."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{dbname}", parts.query, parts.fragment))


# -- the database ---------------------------------------------------------------------------


@contextmanager
def bench_database(config: BenchConfig, console: Console) -> Iterator[str]:
    """The database to run in: the given one, or a throwaway one dropped afterwards unless kept."""
    if config.database_url is not None:
        yield config.database_url
        return
    name = f"siang_bench_{secrets.token_hex(4)}"
    with psycopg.connect(config.postgres_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    console.log(f"created database [bold]{name}[/]")
    try:
        yield with_dbname(config.postgres_url, name)
    finally:
        if config.keep:
            console.log(f"kept database [bold]{name}[/]")
        else:
            drop_database(config.postgres_url, name)
            console.log(f"dropped database {name}")


def drop_database(postgres_url: str, name: str) -> None:
    """Drop `name`, disconnecting whoever is still in it."""
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@dataclass(frozen=True)
class PreparedLog:
    """What the run needs from the log: kiosk tokens, the events table, and kiosks to retire afterwards."""

    tokens: list[str]
    table: str
    bench_kiosks: list[str]


def settings_for(database_url: str) -> Settings:
    """Siang's settings from the environment, pointed at `database_url`."""
    return msgspec.structs.replace(load_settings(), database_url=database_url)


def prepare_log(database_url: str) -> PreparedLog:
    """Seed the demo into the log, or register two bench kiosks in an already seeded one."""
    siang = build(settings_for(database_url))
    try:
        collector = siang.collector
        table = str(getattr(collector.recorder, "events_table_name", DEFAULT_EVENTS_TABLE))
        if not is_seeded(collector):
            return PreparedLog([token for _, _, token in seed_demo(collector, BENCH_ACTOR).kiosks], table, [])
        run = secrets.token_hex(3).upper()
        kiosks = [(f"BENCH-{run}-{unit}", unit) for unit in ("PNK", "PTW")]
        tokens = [collector.register_kiosk(kiosk_id, unit, "siang bench ingest", default_survey.CODE, BENCH_ACTOR)
                  for kiosk_id, unit in kiosks]
        return PreparedLog(tokens, table, [kiosk_id for kiosk_id, _ in kiosks])
    finally:
        siang.close()


def retire_kiosks(database_url: str, kiosk_ids: Sequence[str]) -> None:
    """Retire the kiosks the run registered in an existing log, so their tokens stop working."""
    if not kiosk_ids:
        return
    siang = build(settings_for(database_url))
    try:
        for kiosk_id in kiosk_ids:
            siang.collector.retire_kiosk(kiosk_id, BENCH_ACTOR)
    finally:
        siang.close()


def table_ident(name: str) -> sql.Identifier:
    """A possibly schema-qualified table name as an SQL identifier."""
    return sql.Identifier(*name.split("."))


def log_head(database_url: str, table: str) -> int:
    """The highest notification id in the log (0 when empty)."""
    query = sql.SQL("SELECT coalesce(max(notification_id), 0) FROM {}").format(table_ident(table))
    with psycopg.connect(database_url) as conn:
        row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


# -- the bare baseline ----------------------------------------------------------------------


def body_for(response_id: str, satisfaction: int, client_time: str) -> str:
    """The JSON body of one kiosk response, byte for byte what the wrk script sends."""
    return BODY_TEMPLATE.format(response_id=response_id, satisfaction=satisfaction, client_time=client_time)


def utc_stamp() -> str:
    """Now, to the second, as the wrk script writes `client_time`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bare_baseline(database_url: str, seconds: float, stop: threading.Event) -> BareResult:
    """Insert the same payloads one row per commit (autocommit) into a plain table for `seconds`."""
    table = sql.Identifier(f"siang_bench_bare_{secrets.token_hex(4)}")
    create = sql.SQL("CREATE TABLE {} (response_id uuid PRIMARY KEY, body jsonb NOT NULL)").format(table)
    insert = sql.SQL("INSERT INTO {} (response_id, body) VALUES (%s, %s::jsonb)").format(table)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(create)
        try:
            inserted, elapsed = _insert_loop(conn, insert, seconds, stop)
        finally:
            conn.execute(sql.SQL("DROP TABLE {}").format(table))
    return BareResult(inserted, elapsed)


def _insert_loop(conn: psycopg.Connection[Any], insert: sql.Composed, seconds: float,
                 stop: threading.Event) -> tuple[int, float]:
    rng = secrets.SystemRandom()
    inserted = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline and not stop.is_set():
        response_id = uuid4()
        conn.execute(insert, (response_id, body_for(str(response_id), rng.randint(1, 5), utc_stamp())))
        inserted += 1
    return inserted, time.perf_counter() - start


# -- the server ---------------------------------------------------------------------------


@contextmanager
def running_server(database_url: str, port: int, workers: int, console: Console) -> Iterator[int]:
    """`siang serve` with the echo endpoint on `port`, ready (yields its pid); stopped with SIGTERM afterwards."""
    env = {**os.environ, "SIANG_DATABASE_URL": database_url, "SIANG_ENABLE_ECHO": "true",
           "SIANG_HOST": "127.0.0.1", "SIANG_PORT": str(port), "SIANG_WORKERS": str(workers)}
    env.setdefault("SIANG_LOG_LEVEL", "warning")  # no per-request access log
    command = [sys.executable, "-c", "from services.collector.cli.main import main; main()",
               "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with tempfile.NamedTemporaryFile(prefix="siang-bench-server-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(server, port, log_path)
        console.log(f"server ready at {base} ({workers} worker{'s' if workers > 1 else ''}), log {log_path}")
        yield server.pid
    finally:
        stop_server(server, console)
        log_path.unlink(missing_ok=True)


def wait_ready(server: subprocess.Popen[bytes], port: int, log_path: Path, timeout_s: float = 60.0) -> None:
    """Poll `/v1/ready` until it answers 200 several times in a row (every worker is up)."""
    deadline = time.monotonic() + timeout_s
    streak = 0
    while streak < 10:
        if server.poll() is not None:
            raise BenchError(f"the server exited with {server.returncode}:\n{tail(log_path)}")
        if time.monotonic() > deadline:
            raise BenchError(f"the server was not ready within {timeout_s:.0f} s:\n{tail(log_path)}")
        streak = streak + 1 if ready_status(port) == 200 else 0
        time.sleep(0.05 if streak else 0.2)


def ready_status(port: int) -> int:
    """The status of `GET /v1/ready` on a new connection, 0 when nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/v1/ready")
        return conn.getresponse().status
    except OSError:
        return 0
    finally:
        conn.close()


def tail(path: Path, lines: int = 30) -> str:
    """The end of a log file."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def stop_server(server: subprocess.Popen[bytes], console: Console, timeout_s: float = 30.0) -> None:
    """SIGTERM (the server drains its group commit), then SIGKILL if it does not stop in time."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout_s)
    except subprocess.TimeoutExpired:
        console.log("[red]the server did not stop after SIGTERM; killing it[/]")
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    else:
        console.log(f"server stopped (exit status {server.returncode})")


def tree_cpu_s(pid: int) -> float:
    """CPU seconds used so far by `pid` and its live descendants (the server and its workers; Linux only)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        times[child] = (int(fields[11]) + int(fields[12])) / tick
    tree = {pid}
    grew = True
    while grew:
        found = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    return sum(times.get(p, 0.0) for p in tree)


# -- wrk ------------------------------------------------------------------------------------


def run_wrk(wrk: str, url: str, config: BenchConfig, seconds: float, tokens: Sequence[str],
            stop: threading.Event) -> WrkResult:
    """Run wrk with the submit script against `url` and return what it counted."""
    command = [wrk, f"-t{config.wrk_threads}", f"-c{config.connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "-s", str(WRK_SCRIPT), url, "--", str(secrets.randbits(31)), *tokens]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as wrk_run:  # noqa: S603
        stdout, stderr = communicate_unless(wrk_run, stop, seconds + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return parse_wrk(stdout, stderr, cpu_s)


def communicate_unless(child: subprocess.Popen[str], stop: threading.Event, timeout_s: float) -> tuple[str, str]:
    """The child's output once it exits; it is killed if `stop` is set or it overruns `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return child.communicate(timeout=0.2)
        except subprocess.TimeoutExpired:
            if stop.is_set() or time.monotonic() > deadline:
                child.kill()
                child.communicate()
                raise BenchError("wrk was stopped before it finished") from None


def parse_wrk(stdout: str, stderr: str, cpu_s: float) -> WrkResult:
    """The `WRK_RESULT {json}` line the script's `done` printed."""
    match = re.search(r"^WRK_RESULT (\{.*\})$", stdout, re.MULTILINE)
    if match is None:
        raise BenchError(f"wrk printed no result:\n{stdout}\n{stderr}")
    return WrkResult(**json.loads(match.group(1)), cpu_s=cpu_s)


# -- the open-loop latency phase (runs in its own process) ----------------------------------


class _Connection:
    """A keep-alive HTTP/1.1 connection, (re)opened on first use, that sends a prepared request."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """The open streams, connecting first if needed."""
        if self.streams is None:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.streams = reader, writer
        return self.streams

    async def exchange(self, request: bytes) -> int:
        """Send `request`, read the whole answer, return its status."""
        reader, writer = await self.connect()
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = content_length(head)
        if length:
            await reader.readexactly(length)
        return status

    def close(self) -> None:
        """Drop the connection; the next exchange opens a new one."""
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def content_length(head: bytes) -> int:
    """The Content-Length of an answer's header block (answers here are never chunked)."""
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
    if match is None:
        raise ValueError("an answer without Content-Length")
    return int(match.group(1))


def prepared_requests(plan: OpenLoopPlan) -> list[tuple[str, bytes]]:
    """Every request of the phase, built before the clock starts: (response id hex, raw bytes)."""
    rng = secrets.SystemRandom()
    stamp = utc_stamp()
    requests = []
    for i in range(math.ceil(plan.rate * plan.seconds)):
        response_id = uuid4()
        body = body_for(str(response_id), rng.randint(1, 5), stamp).encode()
        head = (f"POST {plan.path} HTTP/1.1\r\nHost: {plan.host}:{plan.port}\r\n"
                f"Authorization: Bearer {plan.tokens[i % len(plan.tokens)]}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        requests.append((response_id.hex, head.encode() + body))
    return requests


async def _timed_exchange(plan: OpenLoopPlan, pool: asyncio.Queue[_Connection], scheduled: float,
                          request: bytes, result: OpenLoopResult, response_id: str) -> None:
    conn = await pool.get()
    result.send_lags_ms.append((time.perf_counter() - scheduled) * 1000)
    try:
        status = await asyncio.wait_for(conn.exchange(request), plan.timeout_s)
    except (OSError, EOFError, ValueError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        status = 0
        conn.close()
    pool.put_nowait(conn)
    result.latencies_ms.append((time.perf_counter() - scheduled) * 1000)
    result.statuses[status] = result.statuses.get(status, 0) + 1
    if 200 <= status < 300:
        result.acknowledged.append(response_id)


async def _open_loop(plan: OpenLoopPlan) -> OpenLoopResult:
    requests = prepared_requests(plan)
    connections = [_Connection(plan.host, plan.port) for _ in range(plan.connections)]
    await asyncio.gather(*(conn.connect() for conn in connections))
    pool: asyncio.Queue[_Connection] = asyncio.Queue()
    for conn in connections:
        pool.put_nowait(conn)
    result = OpenLoopResult()
    loop = asyncio.get_running_loop()
    start = time.perf_counter() + 0.05  # perf_counter, not loop.time(): uvloop's clock ticks in whole ms
    tasks = []
    for i, (response_id, request) in enumerate(requests):
        scheduled = start + i / plan.rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(loop.create_task(_timed_exchange(plan, pool, scheduled, request, result, response_id)))
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - start
    for conn in connections:
        conn.close()
    return result


def open_loop(plan: OpenLoopPlan) -> OpenLoopResult:
    """Send `plan.rate` requests a second on a schedule, whatever the server's latency (own process)."""
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # the default loop is good enough at a few hundred requests a second
        pass
    return asyncio.run(_open_loop(plan))


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank `p`th percentile (0 when there are no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# -- verification -----------------------------------------------------------------------------


def count_log(database_url: str, table: str, run_head: int, windows: Sequence[tuple[int, int]],
              acknowledged: Sequence[str]) -> LogCounts:
    """Count the run's response events (per window and in all), distinct ids, and acknowledged ids missing."""
    response_id = sql.SQL("convert_from(state, 'UTF8')::jsonb #>> '{response_id,_data_}'")
    query = sql.SQL("SELECT {}, notification_id FROM {} WHERE notification_id > %s AND topic LIKE %s").format(
        response_id, table_ident(table))
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(query, (run_head, SUBMITTED_TOPIC)).fetchall()
    logged = {str(rid) for rid, _ in rows}
    return LogCounts(
        window_events=[sum(1 for _, n in rows if low < n <= high) for low, high in windows],
        run_events=len(rows), distinct_ids=len(logged),
        missing_acknowledged=sum(1 for rid in acknowledged if rid not in logged),
    )


# -- progress ---------------------------------------------------------------------------------


def with_progress(console: Console, label: str, seconds: float, done: Callable[[], bool],
                  result: Callable[[], T]) -> T:
    """Wait until `done()`, showing a bar that fills over the expected `seconds`; then `result()`."""
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task(label, total=max(seconds, 0.1))
        start = time.monotonic()
        while not done():
            progress.update(task, completed=min(time.monotonic() - start, seconds))
            time.sleep(0.1)
    value = result()
    console.log(f"{label}: done in {time.monotonic() - start:.1f} s")
    return value


def in_thread(console: Console, label: str, seconds: float, fn: Callable[[threading.Event], T]) -> T:
    """Run `fn(stop)` in a thread while showing progress; `stop` is set if the wait is interrupted."""
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        future = pool.submit(fn, stop)
        return with_progress(console, label, seconds, future.done, future.result)
    finally:
        stop.set()
        pool.shutdown(wait=True)


def in_process(console: Console, label: str, seconds: float, plan: OpenLoopPlan) -> OpenLoopResult:
    """Run the open-loop client in its own process while showing progress (terminated if interrupted)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pending = pool.apply_async(open_loop, (plan,))
        return with_progress(console, label, seconds, pending.ready, pending.get)


# -- the run ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where the HTTP phases run: the server, the log, and the credentials to send."""

    config: BenchConfig
    console: Console
    wrk: str
    database_url: str
    table: str
    tokens: list[str]
    port: int

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Round:
    """One round of the throughput phases, run back to back so that their ratios share the noise."""

    submit: WrkResult
    echo: WrkResult
    bare: BareResult
    window: tuple[int, int]  # the log's head before the submit phase and after the echo phase
    submit_server_cpu_s: float
    echo_server_cpu_s: float


@dataclass(frozen=True)
class Measurements:
    """Everything the phases measured, before it is summarized."""

    rounds: list[Round]
    latency: OpenLoopResult
    counts: LogCounts


def run_bench(config: BenchConfig, console: Console) -> dict[str, Any]:
    """Run every phase and return the summary."""
    wrk = require_wrk()
    with bench_database(config, console) as database_url:
        with console.status("seeding the demo units…"):
            log = prepare_log(database_url)
        target = Target(config, console, wrk, database_url, log.table, log.tokens, config.port or free_port())
        try:
            measurements = measure(target)
        finally:
            retire_kiosks(database_url, log.bench_kiosks)
    return summarize(config, measurements, postgres_version(config))


def measure(target: Target) -> Measurements:
    """Warm up, run the rounds and the open-loop phase against one server, then verify the log."""
    config, console = target.config, target.console
    with running_server(target.database_url, target.port, config.workers, console) as server_pid:
        if config.warmup_seconds > 0:
            in_thread(console, "warm-up", config.warmup_seconds,
                      lambda stop: run_wrk(target.wrk, target.base + RESPONSES_PATH, config, config.warmup_seconds,
                                           target.tokens, stop))
        run_head = log_head(target.database_url, target.table)
        rounds = [measure_round(target, index, server_pid) for index in range(config.rounds)]
        latency = measure_latency(target)
    with console.status("verifying against the log…"):
        counts = count_log(target.database_url, target.table, run_head, [r.window for r in rounds],
                           latency.acknowledged)
    return Measurements(rounds, latency, counts)


def measure_round(target: Target, index: int, server_pid: int) -> Round:
    """wrk against the submit endpoint, then the echo endpoint, then the bare loop (server idle)."""
    config, console = target.config, target.console
    label = f"[{index + 1}/{config.rounds}]"
    head = log_head(target.database_url, target.table)
    submit, submit_cpu = wrk_phase(target, f"{label} wrk → {RESPONSES_PATH} ({config.connections} connections)",
                                   RESPONSES_PATH, server_pid)
    echo, echo_cpu = wrk_phase(target, f"{label} wrk → {ECHO_PATH}", ECHO_PATH, server_pid)
    window = (head, log_head(target.database_url, target.table))
    bare = in_thread(console, f"{label} bare psycopg loop (1 row per commit)", config.seconds,
                     lambda stop: bare_baseline(target.database_url, config.seconds, stop))
    console.log(f"{label} submit {submit.ok / submit.seconds:,.0f}/s, echo {echo.ok / echo.seconds:,.0f}/s, "
                f"bare {bare.per_s:,.0f}/s")
    return Round(submit, echo, bare, window, submit_cpu, echo_cpu)


def wrk_phase(target: Target, label: str, path: str, server_pid: int) -> tuple[WrkResult, float]:
    """One wrk run against `path`, and the CPU seconds the server spent meanwhile."""
    config = target.config
    before = tree_cpu_s(server_pid)
    result = in_thread(target.console, label, config.seconds,
                       lambda stop: run_wrk(target.wrk, target.base + path, config, config.seconds, target.tokens,
                                            stop))
    return result, tree_cpu_s(server_pid) - before


def measure_latency(target: Target) -> OpenLoopResult:
    """The open-loop phase at `rate`, from its own process."""
    config = target.config
    plan = OpenLoopPlan("127.0.0.1", target.port, RESPONSES_PATH, config.rate, config.seconds,
                        config.latency_connections, tuple(target.tokens))
    result = in_process(target.console, f"open loop at {config.rate:g} requests/s", config.seconds, plan)
    target.console.log(f"open loop: p50 {percentile(result.latencies_ms, 50):.1f} ms, "
                       f"p99 {percentile(result.latencies_ms, 99):.1f} ms")
    return result


def postgres_version(config: BenchConfig) -> str:
    """The PostgreSQL server's version string."""
    with psycopg.connect(config.database_url or config.postgres_url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def rounded(value: float, digits: int = 2) -> float:
    """`value` rounded for the report."""
    return round(value, digits)


def wrk_summary(result: WrkResult) -> dict[str, Any]:
    """The report's view of one wrk run."""
    return {"seconds": rounded(result.seconds), "requests": result.requests, "ok_2xx": result.ok,
            "created_201": result.created, "replayed_200": result.replayed,
            "non_2xx": result.client_err + result.server_err + result.other, "socket_errors": result.socket_errors,
            "per_s": rounded(result.ok / result.seconds, 1), "p50_ms": rounded(result.latency_p50_us / 1000),
            "p99_ms": rounded(result.latency_p99_us / 1000),
            "wrk_cpu_pct_of_one_core": rounded(100 * result.cpu_s / result.seconds, 1)}


def round_summary(r: Round, events: int) -> dict[str, Any]:
    """One round's rates: acknowledged *and* found in the log, per second of wrk's run."""
    accepted = min(r.submit.ok, events) / r.submit.seconds
    echo = r.echo.ok / r.echo.seconds
    return {"accepted_per_s": accepted, "echo_per_s": echo, "bare_insert_per_s": r.bare.per_s,
            "ratio_vs_bare": accepted / r.bare.per_s if r.bare.per_s else 0.0,
            "ratio_vs_echo": accepted / echo if echo else 0.0,
            "events_in_window": events, "lost": max(0, r.submit.ok - events),
            "server_cpu_us_per_submit": 1e6 * r.submit_server_cpu_s / r.submit.requests if r.submit.requests else 0.0,
            "server_cpu_us_per_echo": 1e6 * r.echo_server_cpu_s / r.echo.requests if r.echo.requests else 0.0,
            "submit": wrk_summary(r.submit), "echo": wrk_summary(r.echo),
            "bare": {"inserted": r.bare.inserted, "seconds": rounded(r.bare.seconds)}}


def latency_summary(result: OpenLoopResult, config: BenchConfig) -> dict[str, Any]:
    """The open-loop phase's details."""
    achieved = len(result.latencies_ms) / result.seconds if result.seconds else 0.0
    return {"rate_per_s": config.rate, "achieved_rate_per_s": rounded(achieved, 1),
            "requests": len(result.latencies_ms), "acknowledged": len(result.acknowledged),
            "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
            "p90_ms": rounded(percentile(result.latencies_ms, 90)),
            "max_ms": rounded(max(result.latencies_ms, default=0.0)),
            "client_send_lag_p99_ms": rounded(percentile(result.send_lags_ms, 99)),
            "connections": config.latency_connections}


def median_of(rounds: Sequence[dict[str, Any]], key: str, digits: int = 2) -> float:
    """The median over rounds of one rate or ratio (ratios are paired within a round)."""
    return rounded(statistics.median(r[key] for r in rounds), digits)


def summarize(config: BenchConfig, m: Measurements, pg_version: str) -> dict[str, Any]:
    """The benchmark's result object: medians over the rounds, every round in `detail`."""
    rounds = [round_summary(r, events) for r, events in zip(m.rounds, m.counts.window_events, strict=True)]
    lost_wrk = sum(r["lost"] for r in rounds)
    summary: dict[str, Any] = {
        "accepted_per_s": median_of(rounds, "accepted_per_s", 1),
        "bare_insert_per_s": median_of(rounds, "bare_insert_per_s", 1),
        "ratio_vs_bare": median_of(rounds, "ratio_vs_bare"),
        "echo_per_s": median_of(rounds, "echo_per_s", 1),
        "ratio_vs_echo": median_of(rounds, "ratio_vs_echo"),
        "server_cpu_us_per_submit": median_of(rounds, "server_cpu_us_per_submit", 0),
        "server_cpu_us_per_echo": median_of(rounds, "server_cpu_us_per_echo", 0),
        "p50_ms": rounded(percentile(m.latency.latencies_ms, 50)),
        "p99_ms": rounded(percentile(m.latency.latencies_ms, 99)),
        "latency_rate_per_s": config.rate,
        "duplicates_found": m.counts.run_events - m.counts.distinct_ids,
        "lost": lost_wrk + m.counts.missing_acknowledged,
        "workers": config.workers,
        "connections": config.connections,
        "wrk_threads": config.wrk_threads,
        "seconds": config.seconds,
        "rounds": config.rounds,
        "machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "postgres": pg_version},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    summary["detail"] = {
        "rounds": [{k: rounded(v, 2) if isinstance(v, float) else v for k, v in r.items()} for r in rounds],
        "latency": latency_summary(m.latency, config),
        "log": {**asdict(m.counts), "lost_wrk": lost_wrk},
    }
    summary["targets_met"] = targets_met(summary)
    return summary


def targets_met(summary: dict[str, Any]) -> dict[str, bool]:
    """Each of the issue's targets, met or not."""
    checks: dict[str, Callable[[float, float], bool]] = {
        ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "==": lambda a, b: a == b}
    return {f"{name} {op} {threshold:g}": checks[op](float(summary[name]), threshold)
            for name, (op, threshold) in TARGETS.items()}


def interrupt_on_sigterm() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so the server is stopped and the database dropped."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(config: BenchConfig) -> None:
    """Run the benchmark: progress on stderr, the JSON result as the last line on stdout."""
    console = Console(stderr=True, log_path=False)
    interrupt_on_sigterm()
    summary = run_bench(config, console)
    met = summary["targets_met"]
    console.log(f"targets met: {sum(met.values())}/{len(met)}" + "".join(
        f"\n  [{'green' if ok else 'red'}]{'✓' if ok else '✗'} {name}[/]" for name, ok in met.items()))
    click.echo(json.dumps(summary, ensure_ascii=False))
