"""Case intake: events of service cases from operational systems, recorded idempotently."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from .application import Collector
from .commands import RecordCaseEvent
from .credentials import NotAllowed, Principal
from .domain.cases import ServiceCase
from .domain.errors import DomainError, NotFound
from .domain.ids import stable_id
from .domain.pso import CASE_CHANNELS
from .domain.units import check_term

CASE_EVENT_TYPES = ("opened", "resolved", "reopened", "closed", "cost")


@dataclass(frozen=True)
class CaseResult:
    """What became of one case event: `recorded`, or `unchanged` when the log already held it."""

    case_id: str
    status: str


def record_case_events(app: Collector, events: Sequence[RecordCaseEvent],
                       principal: Principal) -> list[CaseResult | DomainError | NotAllowed]:
    """Apply each event to its case and save all the changes in one transaction.

    If another writer got in between (a conflict on save), the events are
    applied again one by one, each in its own transaction.
    """
    cases: dict[str, ServiceCase] = {}
    results = [_apply(app, event, principal, cases) for event in events]
    try:
        app.save(*cases.values())
    except IntegrityError:
        return [_apply_alone(app, event, principal) for event in events]
    return results


def _apply_alone(app: Collector, event: RecordCaseEvent, principal: Principal) -> CaseResult | DomainError | NotAllowed:
    cases: dict[str, ServiceCase] = {}
    result = _apply(app, event, principal, cases)
    try:
        app.save(*cases.values())
    except IntegrityError:
        return DomainError("the case changed while this event was applied; send it again", "case_id")
    return result


def _apply(app: Collector, event: RecordCaseEvent, principal: Principal,
           cases: dict[str, ServiceCase]) -> CaseResult | DomainError | NotAllowed:
    try:
        unit_code = _unit_for(event, principal)
        key = f"{unit_code}/{event.case_id}"
        case = cases.get(key) or _load(app, unit_code, event.case_id)
        if event.type == "opened":
            changed, case = _open(app, unit_code, event, case)
        elif case is None:
            raise NotFound(f"case {event.case_id!r} was never opened", "case_id")
        else:
            changed = _change(case, event)
        cases[key] = case
        return CaseResult(event.case_id, "recorded" if changed else "unchanged")
    except (DomainError, NotAllowed) as error:
        return error


def _unit_for(event: RecordCaseEvent, principal: Principal) -> str:
    if principal.role == "integration":
        if event.unit_code not in (None, principal.unit_code):
            raise NotAllowed(f"this token feeds cases of unit {principal.unit_code} only")
        assert principal.unit_code is not None
        return principal.unit_code
    if principal.role != "admin":
        raise NotAllowed("case events come from an integration or admin token")
    if event.unit_code is None:
        raise DomainError("an admin names the case's unit", "unit_code")
    return event.unit_code


def _load(app: Collector, unit_code: str, external_id: str) -> ServiceCase | None:
    try:
        case: ServiceCase = app.repository.get(stable_id("case", f"{unit_code}/{external_id}"))
    except AggregateNotFoundError:
        return None
    return case


def _open(app: Collector, unit_code: str, event: RecordCaseEvent,
          case: ServiceCase | None) -> tuple[bool, ServiceCase]:
    at = _required_at(event)
    if event.service_code is None:
        raise DomainError("an opened case names its service", "service_code")
    if event.channel is not None:
        check_term(event.channel, CASE_CHANNELS, "channel")
    if case is not None:
        if case.same_opening(event.service_code, event.district, at):
            return False, case
        raise DomainError(f"case {event.case_id!r} was already opened differently", "case_id")
    if event.service_code not in app.unit(unit_code).services:
        raise NotFound(f"unit {unit_code!r} has no service {event.service_code!r}", "service_code")
    return True, ServiceCase(unit_code=unit_code, external_id=event.case_id, service_code=event.service_code,
                             district=event.district, channel=event.channel, opened_at=at)


def _change(case: ServiceCase, event: RecordCaseEvent) -> bool:
    if event.type == "resolved":
        return case.resolve(_required_at(event), event.outcome or "served")
    if event.type == "reopened":
        return case.reopen(_required_at(event), event.reason)
    if event.type == "closed":
        return case.close(_required_at(event))
    if event.type == "cost":
        if event.amount is None:
            raise DomainError("a cost event carries its amount", "amount")
        return case.record_cost(event.amount)
    raise DomainError(f"{event.type!r} is not one of: {', '.join(CASE_EVENT_TYPES)}", "type")


def _required_at(event: RecordCaseEvent) -> datetime:
    if event.at is None:
        raise DomainError(f"a {event.type} event carries its time", "at")
    if event.at.tzinfo is None:
        raise DomainError("timestamps need a UTC offset", "at")
    return event.at
