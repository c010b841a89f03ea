"""Service cases from operational systems: the evidence for coverage, efficiency,
correctness and economy."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict, DomainError
from .ids import stable_id


class InvalidTransition(Conflict):
    """A case event does not follow from the case's current state."""


class ServiceCase(Aggregate):
    """One case of a unit's service, known by the operational system's own id.

    Each command returns False when the case already holds exactly that fact,
    so an operational system may resend its events safely.
    """

    @staticmethod
    def create_id(unit_code: str, external_id: str, **_: Any) -> UUID:
        return stable_id("case", f"{unit_code}/{external_id}")

    @event("Opened")
    def __init__(self, unit_code: str, external_id: str, service_code: str, district: str | None,
                 channel: str | None, opened_at: datetime) -> None:
        self.unit_code = unit_code
        self.external_id = external_id
        self.service_code = service_code
        self.district = district
        self.opened_at = opened_at
        self.status = "open"
        self.resolved_at: datetime | None = None
        self.outcome: str | None = None
        self.closed_at: datetime | None = None
        self.reopened: list[datetime] = []
        self.resolutions: list[tuple[datetime, str]] = []
        self.closings: list[datetime] = []
        self.cost: float | None = None
        self.last_at = opened_at

    def same_opening(self, service_code: str, district: str | None, opened_at: datetime) -> bool:
        """Whether an 'opened' event repeats the one this case began with."""
        return (service_code, district, opened_at) == (self.service_code, self.district, self.opened_at)

    def resolve(self, at: datetime, outcome: str) -> bool:
        """Record that the service was delivered (or refused, per `outcome`)."""
        if (at, outcome) in self.resolutions:
            return False
        if self.status != "open":
            raise InvalidTransition(f"a {self.status} case cannot be resolved", "type")
        self.check_not_before(at, self.last_at)
        self._resolve(at, outcome)
        return True

    @event("Resolved")
    def _resolve(self, at: datetime, outcome: str) -> None:
        self.status = "resolved"
        self.resolved_at = at
        self.outcome = outcome
        self.resolutions.append((at, outcome))
        self.last_at = at

    def reopen(self, at: datetime, reason: str | None) -> bool:
        """The citizen came back: the earlier resolution did not hold (rework)."""
        if at in self.reopened:
            return False
        if self.status == "open":
            raise InvalidTransition("an open case cannot be reopened", "type")
        self.check_not_before(at, self.last_at)
        self._reopen(at, reason)
        return True

    @event("Reopened")
    def _reopen(self, at: datetime, reason: str | None) -> None:
        self.status = "open"
        self.reopened.append(at)
        self.closed_at = None
        self.last_at = at

    def close(self, at: datetime) -> bool:
        """File the case away after its resolution."""
        if at in self.closings:
            return False
        if self.status != "resolved":
            raise InvalidTransition(f"{'an' if self.status == 'open' else 'a'} {self.status} case cannot be closed",
                                    "type")
        self.check_not_before(at, self.last_at)
        self._close(at)
        return True

    @event("Closed")
    def _close(self, at: datetime) -> None:
        self.status = "closed"
        self.closed_at = at
        self.closings.append(at)
        self.last_at = at

    def record_cost(self, amount: float) -> bool:
        """The case's actual cost in baht, when known."""
        if amount < 0:
            raise DomainError("a cost cannot be negative", "amount")
        if self.cost == amount:
            return False
        self._record_cost(amount)
        return True

    @event("CostRecorded")
    def _record_cost(self, amount: float) -> None:
        self.cost = amount

    @staticmethod
    def check_not_before(at: datetime, earlier: datetime) -> None:
        """Events of a case cannot go back in time."""
        if at < earlier:
            raise DomainError(f"{at.isoformat()} is before the case's previous event", "at")
