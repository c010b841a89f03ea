"""Service cases: opened, resolved, reopened, closed and costed, with resends recorded once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.collector.domain.cases import InvalidTransition, ServiceCase
from services.collector.domain.errors import DomainError
from tests.unit.gwt import EventData, given, rejected, then


def at(hour: int) -> datetime:
    """A time on the day the case was opened."""
    return datetime(2025, 3, 3, hour, tzinfo=UTC)


OPENED: EventData = ("Opened", {"unit_code": "PNK", "external_id": "BR-1001", "service_code": "id-card",
                                "district": "Phra Nakhon", "channel": "counter", "opened_at": at(9)})
RESOLVED: EventData = ("Resolved", {"at": at(10), "outcome": "served"})
REOPENED: EventData = ("Reopened", {"at": at(12), "reason": "wrong name printed"})
CLOSED: EventData = ("Closed", {"at": at(12)})


def test_opening_a_case_records_it_under_its_unit_and_external_id() -> None:
    case = ServiceCase(unit_code="PNK", external_id="BR-1001", service_code="id-card", district="Phra Nakhon",
                       channel="counter", opened_at=at(9))

    assert then(case) == [OPENED]
    assert case.id == ServiceCase.create_id("PNK", "BR-1001")
    assert case.status == "open"


def test_an_opening_is_the_same_only_with_the_same_service_district_and_time() -> None:
    case = given(ServiceCase, OPENED)

    assert case.same_opening("id-card", "Phra Nakhon", at(9)) is True
    assert case.same_opening("id-card", "Phra Nakhon", at(8)) is False
    assert case.same_opening("id-card", None, at(9)) is False
    assert case.same_opening("permit", "Phra Nakhon", at(9)) is False


def test_resolving_an_open_case_records_the_outcome() -> None:
    case = given(ServiceCase, OPENED)

    assert case.resolve(at(10), "served") is True
    assert then(case) == [RESOLVED]
    assert (case.status, case.resolved_at, case.outcome) == ("resolved", at(10), "served")


def test_resending_the_resolution_records_nothing() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    assert case.resolve(at(10), "served") is False
    assert then(case) == []


def test_a_resolved_case_cannot_be_resolved_differently() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    with rejected(InvalidTransition, "type", match="a resolved case cannot be resolved"):
        case.resolve(at(11), "served")
    with rejected(InvalidTransition, "type", match="a resolved case cannot be resolved"):
        case.resolve(at(10), "refused")
    assert then(case) == []


def test_a_case_cannot_be_resolved_before_it_was_opened() -> None:
    case = given(ServiceCase, OPENED)

    with rejected(DomainError, "at", match="before the case's previous event"):
        case.resolve(at(8), "served")
    assert then(case) == []


def test_closing_a_resolved_case_files_it_away() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    assert case.close(at(12)) is True
    assert then(case) == [CLOSED]
    assert (case.status, case.closed_at) == ("closed", at(12))


def test_resending_the_closing_records_nothing() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, CLOSED)

    assert case.close(at(12)) is False
    assert then(case) == []


def test_an_open_case_cannot_be_closed() -> None:
    case = given(ServiceCase, OPENED)

    with rejected(InvalidTransition, "type", match="an open case cannot be closed"):
        case.close(at(12))
    assert then(case) == []


def test_a_closed_case_cannot_be_closed_at_another_time() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, CLOSED)

    with rejected(InvalidTransition, "type", match="a closed case cannot be closed"):
        case.close(at(13))
    assert then(case) == []


def test_a_case_cannot_be_closed_before_it_was_resolved() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    with rejected(DomainError, "at", match="before the case's previous event"):
        case.close(at(9))
    assert then(case) == []


@pytest.mark.parametrize("history", [pytest.param((OPENED, RESOLVED), id="resolved"),
                                     pytest.param((OPENED, RESOLVED, ("Closed", {"at": at(11)})), id="closed")])
def test_reopening_a_finished_case_opens_it_again(history: tuple[EventData, ...]) -> None:
    case = given(ServiceCase, *history)

    assert case.reopen(at(12), "wrong name printed") is True
    assert then(case) == [REOPENED]
    assert (case.status, case.reopened, case.closed_at) == ("open", [at(12)], None)


def test_resending_the_reopening_records_nothing() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, REOPENED)

    assert case.reopen(at(12), "wrong name printed") is False
    assert then(case) == []


def test_an_open_case_cannot_be_reopened() -> None:
    case = given(ServiceCase, OPENED)

    with rejected(InvalidTransition, "type", match="an open case cannot be reopened"):
        case.reopen(at(12), None)
    assert then(case) == []


def test_a_case_cannot_be_reopened_before_it_was_resolved() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    with rejected(DomainError, "at", match="before the case's previous event"):
        case.reopen(at(9), None)
    assert then(case) == []


def test_a_reopened_case_is_resolved_and_closed_again() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, REOPENED)

    assert case.resolve(at(14), "served") is True
    assert case.close(at(15)) is True
    assert then(case) == [("Resolved", {"at": at(14), "outcome": "served"}), ("Closed", {"at": at(15)})]
    assert (case.status, case.resolved_at, case.reopened) == ("closed", at(14), [at(12)])


def test_a_case_cannot_be_reopened_before_it_was_closed() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, ("Closed", {"at": at(12)}))

    with rejected(DomainError, "at", match="before the case's previous event"):
        case.reopen(at(11), "wrong name printed")
    assert then(case) == []


def test_a_reopened_case_cannot_be_resolved_before_it_was_reopened() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, REOPENED)

    with rejected(DomainError, "at", match="before the case's previous event"):
        case.resolve(at(11), "served")
    assert then(case) == []


def test_resending_the_resolution_of_a_closed_case_records_nothing() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, CLOSED)

    assert case.resolve(at(10), "served") is False
    assert then(case) == []


def test_resending_the_first_resolution_of_a_reopened_case_leaves_it_open() -> None:
    case = given(ServiceCase, OPENED, RESOLVED, REOPENED)

    assert case.resolve(at(10), "served") is False
    assert then(case) == []
    assert case.status == "open"


def test_recording_a_cost_sets_it() -> None:
    case = given(ServiceCase, OPENED, RESOLVED)

    assert case.record_cost(150.0) is True
    assert then(case) == [("CostRecorded", {"amount": 150.0})]
    assert case.cost == 150.0


def test_recording_a_new_cost_replaces_the_old_one_and_resending_it_records_nothing() -> None:
    case = given(ServiceCase, OPENED, ("CostRecorded", {"amount": 150.0}))

    assert case.record_cost(150.0) is False
    assert case.record_cost(0.0) is True
    assert then(case) == [("CostRecorded", {"amount": 0.0})]


def test_a_cost_cannot_be_negative() -> None:
    case = given(ServiceCase, OPENED)

    with rejected(DomainError, "amount", match="negative"):
        case.record_cost(-1.0)
    assert then(case) == []
