"""A kiosk's offline queue in one request: each item succeeds or fails on its own."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang
from services.collector.domain.ids import stable_id
from tests.integration.logcheck import log_head

SUBMITTED = "services.collector.domain.responses:Response.Submitted"


def body(**changes: Any) -> dict[str, Any]:
    submission: dict[str, Any] = {
        "response_id": str(uuid.uuid4()), "survey_code": "a11", "survey_version": 1, "channel": "kiosk",
        "answers": {"satisfaction": 3}, "client_time": "2025-03-17T16:05:00+07:00",
    }
    submission.update(changes)
    return submission


def recorded_answers(siang: Siang, response_id: str) -> list[dict[str, Any]]:
    events = siang.collector.recorder.select_events(stable_id("response", response_id))
    return [vars(siang.collector.mapper.to_domain_event(e))["answers"] for e in events if e.topic == SUBMITTED]


def test_a_batch_records_what_it_can_and_says_why_not_the_rest(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    earlier = body(answers={"satisfaction": 5})
    earlier_receipt = client.post("/v1/responses/", json=earlier, headers=auth["kiosk_a"])
    assert earlier_receipt.status_code == 201
    fine_1, fine_2 = body(), body(answers={"satisfaction": 1, "comment": "รอนานมาก"})
    twin = body(answers={"satisfaction": 2})
    items = [
        fine_1,                                            # 0: new
        body(answers={"satisfaction": 9}),                 # 1: out of range
        fine_2,                                            # 2: new
        dict(fine_1),                                      # 3: the same item twice in one batch
        earlier,                                           # 4: recorded by an earlier request
        {**earlier, "answers": {"satisfaction": 1}},       # 5: an earlier id with another body
        body(answers={"satisfaction": 4, "speed": 5}),     # 6: unknown question
        body(unit_code="PTW"),                             # 7: another unit than the kiosk's
        body(client_time="2025-03-17T16:05:00"),           # 8: no offset
        twin,                                              # 9 and 10: one id, two bodies, one batch
        {**twin, "answers": {"satisfaction": 3}},
    ]
    head = log_head(siang)

    answer = client.post("/v1/responses/batch", json={"responses": items}, headers=auth["kiosk_a"])

    assert answer.status_code == 200, answer.text
    result = answer.json()
    outcomes = result["results"]
    assert [r["index"] for r in outcomes] == list(range(len(items)))
    assert [r["response_id"] for r in outcomes] == [item["response_id"] for item in items]
    statuses = [r["status"] for r in outcomes]
    assert statuses[:9] == [201, 422, 201, 200, 200, 409, 422, 422, 422]
    assert sorted(statuses[9:]) == [201, 409]
    for r in outcomes:
        assert (r["receipt"] is None) == (r["status"] >= 400)
        assert (r["problem"] is None) == (r["status"] < 400)
        if r["problem"] is not None:
            assert r["problem"]["status"] == r["status"]
    fields = {r["index"]: r["problem"]["field"] for r in outcomes if r["problem"] is not None}
    assert fields[1] == "answers.satisfaction"
    assert fields[5] == "response_id"
    assert fields[6] == "answers.speed"
    assert fields[7] == "unit_code"
    assert fields[8] == "client_time"
    assert outcomes[3]["receipt"] == outcomes[0]["receipt"]
    assert outcomes[4]["receipt"] == earlier_receipt.json()
    assert result["recorded"] == 5
    assert result["failed"] == 6

    written = siang.collector.recorder.select_notifications(start=head + 1, limit=100)
    assert sorted(n.originator_id for n in written) == sorted(
        stable_id("response", item["response_id"]) for item in (fine_1, fine_2, twin))
    assert {n.topic for n in written} == {SUBMITTED}
    assert recorded_answers(siang, earlier["response_id"]) == [earlier["answers"]]
    winner = 9 if outcomes[9]["status"] == 201 else 10
    assert recorded_answers(siang, twin["response_id"]) == [items[winner]["answers"]]


def test_a_batch_of_mixed_channels(client: TestClient[Litestar], siang: Siang, tokens: dict[str, str],
                                   auth: dict[str, dict[str, str]]) -> None:
    items = [body(), body(channel="qr", qr_token=tokens["qr_b"]),
             body(channel="web", unit_code="PNK"), body(channel="qr", qr_token="f" * 32)]
    head = log_head(siang)
    answer = client.post("/v1/responses/batch", json={"responses": items}, headers=auth["kiosk_a"])
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == [201, 201, 403, 404]
    assert log_head(siang) == head + 2


def test_an_anonymous_batch_of_kiosk_items_records_nothing(client: TestClient[Litestar], siang: Siang) -> None:
    head = log_head(siang)
    answer = client.post("/v1/responses/batch", json={"responses": [body(), body()]})
    assert answer.status_code == 200
    result = answer.json()
    assert result["recorded"] == 0
    assert result["failed"] == 2
    assert all(r["status"] in (401, 403) for r in result["results"])
    assert log_head(siang) == head


@pytest.mark.parametrize(("count", "status"), [pytest.param(500, 200, id="at-the-limit"),
                                               pytest.param(501, 400, id="over-the-limit")])
def test_a_batch_holds_at_most_500_items(count: int, status: int, client: TestClient[Litestar], siang: Siang,
                                         auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    answer = client.post("/v1/responses/batch", json={"responses": [body() for _ in range(count)]},
                         headers=auth["kiosk_b"])
    assert answer.status_code == status, answer.text[:500]
    if status == 200:
        assert answer.json()["recorded"] == count
        assert log_head(siang) == head + count
    else:
        assert answer.json()["field"] == "responses"
        assert log_head(siang) == head


def test_resending_a_whole_batch_changes_nothing(client: TestClient[Litestar], siang: Siang,
                                                 auth: dict[str, dict[str, str]]) -> None:
    items = [body(answers={"satisfaction": n}) for n in (1, 2, 3, 4, 5)]
    first = client.post("/v1/responses/batch", json={"responses": items}, headers=auth["kiosk_a"])
    assert [r["status"] for r in first.json()["results"]] == [201] * 5
    head = log_head(siang)

    again = client.post("/v1/responses/batch", json={"responses": items}, headers=auth["kiosk_a"])

    assert [r["status"] for r in again.json()["results"]] == [200] * 5
    assert [r["receipt"] for r in again.json()["results"]] == [r["receipt"] for r in first.json()["results"]]
    assert again.json()["recorded"] == 5
    assert log_head(siang) == head
