"""Service-case events from operational systems: recorded, unchanged when resent, rejected when invalid."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang
from services.collector.domain.ids import stable_id
from tests.integration.logcheck import log_head

CASE = "services.collector.domain.cases:ServiceCase."


def case_events(siang: Siang, unit: str, case_id: str) -> list[str]:
    """The kinds of event (Opened, Resolved, …) the log holds for a case."""
    stored = siang.collector.recorder.select_events(stable_id("case", f"{unit}/{case_id}"))
    return [e.topic.removeprefix(CASE) for e in stored]


def send(client: TestClient[Litestar], headers: dict[str, str], *events: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post("/v1/cases/events", json={"events": list(events)}, headers=headers)
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    assert [r["index"] for r in results] == list(range(len(events)))
    assert [r["case_id"] for r in results] == [e["case_id"] for e in events]
    return results


def opened(case_id: str, at: str = "2026-11-03T09:00:00+07:00", **more: Any) -> dict[str, Any]:
    return {"type": "opened", "case_id": case_id, "service_code": "id_card", "at": at, **more}


def step(kind: str, case_id: str, at: str | None = None, **more: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"type": kind, "case_id": case_id, **more}
    if at is not None:
        event["at"] = at
    return event


def outcomes(results: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(r["result"], r["status"]) for r in results]


def test_a_case_lives_through_its_whole_cycle(client: TestClient[Litestar], siang: Siang,
                                              auth: dict[str, dict[str, str]]) -> None:
    results = send(client, auth["integration_a"],
                   opened("Q-1", channel="counter", district="Phra Nakhon"),
                   step("resolved", "Q-1", "2026-11-03T09:40:00+07:00", outcome="served"),
                   step("reopened", "Q-1", "2026-11-04T10:00:00+07:00", reason="wrong address printed"),
                   step("resolved", "Q-1", "2026-11-04T10:30:00+07:00"),
                   step("closed", "Q-1", "2026-11-05T08:00:00+07:00"),
                   step("cost", "Q-1", amount=120.0))
    assert outcomes(results) == [("recorded", 200)] * 6
    assert all(r["problem"] is None for r in results)
    assert case_events(siang, "PNK", "Q-1") == ["Opened", "Resolved", "Reopened", "Resolved", "Closed",
                                                "CostRecorded"]
    state = vars(siang.collector.mapper.to_domain_event(
        siang.collector.recorder.select_events(stable_id("case", "PNK/Q-1"))[0]))
    assert state["unit_code"] == "PNK"
    assert state["channel"] == "counter"


def test_resending_the_same_event_is_unchanged(client: TestClient[Litestar], siang: Siang,
                                               auth: dict[str, dict[str, str]]) -> None:
    send(client, auth["integration_a"], opened("Q-2"))
    resolution = step("resolved", "Q-2", "2026-11-03T10:00:00+07:00", outcome="served")
    assert outcomes(send(client, auth["integration_a"], resolution)) == [("recorded", 200)]
    head = log_head(siang)

    again = send(client, auth["integration_a"], opened("Q-2"), resolution, resolution)
    cost = [step("cost", "Q-2", amount=80), step("cost", "Q-2", amount=80)]

    assert outcomes(again) == [("unchanged", 200)] * 3
    assert log_head(siang) == head
    assert outcomes(send(client, auth["integration_a"], *cost)) == [("recorded", 200), ("unchanged", 200)]
    assert case_events(siang, "PNK", "Q-2") == ["Opened", "Resolved", "CostRecorded"]


HISTORIES = [
    pytest.param(("resolved", "closed"), id="closed"),
    pytest.param(("resolved", "reopened"), id="reopened"),
    pytest.param(("resolved", "reopened", "resolved"), id="resolved-again"),
    pytest.param(("resolved", "closed", "reopened"), id="reopened-after-close"),
    pytest.param(("resolved", "closed", "reopened", "resolved", "closed"), id="closed-twice"),
]


@pytest.mark.parametrize("kinds", HISTORIES)
def test_resending_a_cases_whole_history_is_unchanged(kinds: tuple[str, ...], client: TestClient[Litestar],
                                                      siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    history = [opened("Q-3")] + [step(kind, "Q-3", f"2026-11-{4 + day:02d}T11:00:00+07:00")
                                 for day, kind in enumerate(kinds)]
    assert outcomes(send(client, auth["integration_a"], *history)) == [("recorded", 200)] * len(history)
    head = log_head(siang)

    again = send(client, auth["integration_a"], *history)
    one_by_one = [result for event in history for result in send(client, auth["integration_a"], event)]

    assert outcomes(again) == [("unchanged", 200)] * len(history)
    assert outcomes(one_by_one) == [("unchanged", 200)] * len(history)
    assert log_head(siang) == head


def test_an_invalid_transition_is_rejected_with_409_and_the_rest_recorded(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    results = send(client, auth["integration_a"],
                   opened("Q-4"),
                   step("closed", "Q-4", "2026-11-03T12:00:00+07:00"),      # open cases are not closed
                   step("reopened", "Q-4", "2026-11-03T12:00:00+07:00"),    # nor reopened
                   step("resolved", "Q-4", "2026-11-03T12:00:00+07:00"),
                   step("closed", "Q-4", "2026-11-03T13:00:00+07:00"),
                   step("resolved", "Q-4", "2026-11-03T14:00:00+07:00"))    # closed cases are not resolved
    assert outcomes(results) == [("recorded", 200), ("rejected", 409), ("rejected", 409), ("recorded", 200),
                                 ("recorded", 200), ("rejected", 409)]
    for index in (1, 2, 5):
        problem = results[index]["problem"]
        assert problem["status"] == 409
        assert problem["field"] == "type"
        assert problem["type"] == "urn:siang:problem:conflict"
    assert case_events(siang, "PNK", "Q-4") == ["Opened", "Resolved", "Closed"]
    assert log_head(siang) == head + 3


@pytest.mark.parametrize(("event", "status", "field"), [
    pytest.param(step("resolved", "NEVER", "2026-11-03T12:00:00+07:00"), 404, "case_id", id="never-opened"),
    pytest.param({"type": "opened", "case_id": "Q-5", "service_code": "id_card"}, 422, "at", id="no-time"),
    pytest.param(opened("Q-5", at="2026-11-03T09:00:00"), 422, "at", id="time-without-offset"),
    pytest.param({"type": "opened", "case_id": "Q-5", "at": "2026-11-03T09:00:00+07:00"}, 422, "service_code",
                 id="no-service"),
    pytest.param(opened("Q-5", service_code="passport"), 404, "service_code", id="unknown-service"),
    pytest.param(opened("Q-5", channel="pigeon"), 422, "channel", id="unknown-channel"),
    pytest.param(opened("Q-OPEN", at="2026-11-03T10:00:00+07:00"), 422, "case_id", id="opened-differently"),
    pytest.param(step("resolved", "Q-OPEN", "2026-11-01T09:00:00+07:00"), 422, "at", id="before-opening"),
    pytest.param(step("cost", "Q-OPEN"), 422, "amount", id="cost-without-amount"),
])
def test_an_invalid_event_is_rejected_and_writes_nothing(
        event: dict[str, Any], status: int, field: str, client: TestClient[Litestar], siang: Siang,
        auth: dict[str, dict[str, str]]) -> None:
    assert outcomes(send(client, auth["integration_a"], opened("Q-OPEN"))) == [("recorded", 200)]
    head = log_head(siang)

    (result,) = send(client, auth["integration_a"], event)

    assert result["result"] == "rejected"
    assert result["status"] == status
    assert result["problem"]["status"] == status
    assert result["problem"]["field"] == field
    assert log_head(siang) == head


def test_cases_belong_to_the_integrations_unit(client: TestClient[Litestar], siang: Siang,
                                               auth: dict[str, dict[str, str]]) -> None:
    assert outcomes(send(client, auth["integration_a"], opened("SAME-ID"))) == [("recorded", 200)]
    assert outcomes(send(client, auth["integration_b"], opened("SAME-ID", at="2026-11-03T15:00:00+07:00"))) == [
        ("recorded", 200)]
    assert outcomes(send(client, auth["admin"], opened("ADMIN-1", unit_code="PTW"))) == [("recorded", 200)]
    (nameless,) = send(client, auth["admin"], opened("ADMIN-2"))
    assert (nameless["status"], nameless["problem"]["field"]) == (422, "unit_code")
    assert case_events(siang, "PNK", "SAME-ID") == ["Opened"]
    assert case_events(siang, "PTW", "SAME-ID") == ["Opened"]
    assert case_events(siang, "PTW", "ADMIN-1") == ["Opened"]
    assert case_events(siang, "PNK", "ADMIN-2") == []


def test_an_event_for_another_unit_is_rejected_alone(client: TestClient[Litestar], siang: Siang,
                                                     auth: dict[str, dict[str, str]]) -> None:
    answer = client.post("/v1/cases/events", headers=auth["integration_a"],
                         json={"events": [opened("MINE"), opened("THEIRS", unit_code="PTW")]})
    assert answer.status_code == 200, answer.text
    assert outcomes(answer.json()["results"]) == [("recorded", 200), ("rejected", 403)]
    assert case_events(siang, "PNK", "MINE") == ["Opened"]
    assert case_events(siang, "PTW", "THEIRS") == []
