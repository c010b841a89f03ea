"""A government unit: its adopted P.S.O. systems, its indicators and its services."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict, DomainError, NotFound
from .ids import stable_id
from .pso import DIRECTIONS, MEASURES, OUTCOMES, PERIODS, SYSTEMS

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


class UnknownTerm(DomainError):
    """A code is not in the P.S.O. vocabulary or Siang's catalogue."""


def check_code(code: str, field: str) -> None:
    """Codes are short and URL-safe: they appear in paths, QR posters and filters."""
    if not CODE_PATTERN.match(code):
        raise DomainError(f"{code!r} is not a valid code (letters, digits, - and _, at most 32)", field)


def check_term(code: str, vocabulary: dict[str, Any] | tuple[str, ...], field: str) -> None:
    """`code` must be one of the vocabulary's codes."""
    if code not in vocabulary:
        known = ", ".join(vocabulary)
        raise UnknownTerm(f"{code!r} is not one of: {known}", field)


class Unit(Aggregate):
    """A district office or agency that adopts P.S.O. and defines its own indicators."""

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return stable_id("unit", code)

    @event("Registered")
    def __init__(
        self, code: str, name_th: str, name_en: str, parent_code: str | None, district: str | None, actor: str
    ) -> None:
        self.code = code
        self.name_th = name_th
        self.name_en = name_en
        self.parent_code = parent_code
        self.district = district
        self.systems: list[str] = []
        self.indicators: dict[str, dict[str, Any]] = {}
        self.services: dict[str, dict[str, Any]] = {}

    def adopt_systems(self, systems: list[str], actor: str) -> None:
        """Declare the full set of P.S.O. systems the unit now works under."""
        for i, system in enumerate(systems):
            check_term(system, SYSTEMS, f"systems[{i}]")
        if len(set(systems)) != len(systems):
            raise DomainError("a system is listed twice", "systems")
        self._adopt_systems(sorted(systems), actor)

    @event("SystemsAdopted")
    def _adopt_systems(self, systems: list[str], actor: str) -> None:
        self.systems = systems

    def define_indicator(self, indicator: dict[str, Any], actor: str) -> None:
        """Add one of the unit's own indicators, serving one P.S.O. outcome."""
        check_code(indicator["code"], "code")
        if indicator["code"] in self.indicators:
            raise Conflict(f"indicator {indicator['code']!r} is already defined", "code")
        check_term(indicator["outcome"], OUTCOMES, "outcome")
        check_term(indicator["measure"], MEASURES, "measure")
        check_term(indicator["direction"], DIRECTIONS, "direction")
        check_term(indicator["period"], PERIODS, "period")
        if indicator["system"] not in self.systems:
            raise DomainError(f"the unit has not adopted the system {indicator['system']!r}", "system")
        service = indicator.get("scope", {}).get("service")
        if service is not None and service not in self.services:
            raise NotFound(f"the unit has no service {service!r}", "scope.service")
        self._define_indicator(indicator, actor)

    @event("IndicatorDefined")
    def _define_indicator(self, indicator: dict[str, Any], actor: str) -> None:
        self.indicators[indicator["code"]] = {**indicator, "retired": False}

    def revise_target(self, code: str, target: float, actor: str) -> None:
        """Set a new target for a live indicator."""
        self.check_live_indicator(code)
        self._revise_target(code, target, actor)

    @event("TargetRevised")
    def _revise_target(self, code: str, target: float, actor: str) -> None:
        self.indicators[code]["target"] = target

    def retire_indicator(self, code: str, actor: str) -> None:
        """Stop tracking an indicator; its history stays in the log."""
        self.check_live_indicator(code)
        self._retire_indicator(code, actor)

    @event("IndicatorRetired")
    def _retire_indicator(self, code: str, actor: str) -> None:
        self.indicators[code]["retired"] = True

    def check_live_indicator(self, code: str) -> None:
        """The indicator exists and is not retired."""
        if code not in self.indicators:
            raise NotFound(f"the unit has no indicator {code!r}", "indicator")
        if self.indicators[code]["retired"]:
            raise Conflict(f"indicator {code!r} is retired", "indicator")

    def define_service(
        self, code: str, name_th: str, name_en: str, sla_hours: float, unit_cost: float | None, actor: str
    ) -> None:
        """Add a service to the unit's catalogue, with its SLA and optional unit cost."""
        check_code(code, "code")
        if code in self.services:
            raise Conflict(f"service {code!r} is already defined", "code")
        if sla_hours <= 0:
            raise DomainError("the SLA must be a positive number of hours", "sla_hours")
        if unit_cost is not None and unit_cost < 0:
            raise DomainError("a unit cost cannot be negative", "unit_cost")
        self._define_service(code, name_th, name_en, sla_hours, unit_cost, actor)

    @event("ServiceDefined")
    def _define_service(
        self, code: str, name_th: str, name_en: str, sla_hours: float, unit_cost: float | None, actor: str
    ) -> None:
        self.services[code] = {"code": code, "name_th": name_th, "name_en": name_en,
                               "sla_hours": sla_hours, "unit_cost": unit_cost}
