"""Units: registration, adopted P.S.O. systems, indicators with targets, and services."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, delete, get, post, put
from litestar.di import NamedDependency

from ...application import Collector
from ...credentials import NotAllowed, Principal
from ...domain.units import Unit
from ..auth import principal_of, requires
from ..problems import ERRORS
from ..schemas import IndicatorIn, IndicatorOut, ServiceIn, ServiceOut, SystemsIn, TargetIn, UnitIn, UnitOut


def unit_out(unit: Unit) -> UnitOut:
    """The wire form of a unit."""
    return UnitOut(
        code=unit.code, name_th=unit.name_th, name_en=unit.name_en, parent_code=unit.parent_code,
        district=unit.district, systems=list(unit.systems),
        indicators=[msgspec.convert(i, IndicatorOut) for i in unit.indicators.values()],
        services=[msgspec.convert(s, ServiceOut) for s in unit.services.values()],
    )


def managing(request: Request[Any, Any, Any], unit_code: str) -> Principal:
    """The principal, if it may manage `unit_code`."""
    principal = principal_of(request)
    assert principal is not None  # the controller's guard saw to it
    if not principal.may_manage(unit_code):
        raise NotAllowed(f"a {principal.role} token may not manage unit {unit_code}")
    return principal


class UnitsController(Controller):
    """Each unit adopts some of P.S.O.'s 10 systems and defines its own indicators."""

    path = "/v1/units"
    tags = ["units"]
    guards = [requires("admin", "manager", "auditor")]

    @post("/", operation_id="registerUnit", responses=ERRORS, guards=[requires("admin")], sync_to_thread=True)
    def register(self, data: UnitIn, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> UnitOut:
        """Register a unit (admin)."""
        collector.register_unit(data.code, data.name_th, data.name_en, data.parent_code, data.district,
                                managing(request, data.code).actor)
        return unit_out(collector.unit(data.code))

    @get("/{code:str}", operation_id="getUnit", responses=ERRORS, sync_to_thread=True)
    def read(self, code: str, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> UnitOut:
        """A unit with its systems, indicators and services."""
        principal = principal_of(request)
        assert principal is not None
        if not principal.may_read(code):
            raise NotAllowed(f"a {principal.role} token may not read unit {code}")
        return unit_out(collector.fresh(Unit, "unit", code, "code"))

    @put("/{code:str}/systems", operation_id="adoptSystems", responses=ERRORS, guards=[requires("admin", "manager")],
         sync_to_thread=True)
    def adopt_systems(self, code: str, data: SystemsIn, request: Request[Any, Any, Any],
                      collector: NamedDependency[Collector]) -> UnitOut:
        """Declare the full set of P.S.O. systems the unit adopts."""
        collector.adopt_systems(code, data.systems, managing(request, code).actor)
        return unit_out(collector.unit(code))

    @post("/{code:str}/indicators", operation_id="defineIndicator", responses=ERRORS,
          guards=[requires("admin", "manager")], sync_to_thread=True)
    def define_indicator(self, code: str, data: IndicatorIn, request: Request[Any, Any, Any],
                         collector: NamedDependency[Collector]) -> IndicatorOut:
        """Define one of the unit's own indicators, with its target."""
        collector.define_indicator(code, msgspec.to_builtins(data), managing(request, code).actor)
        return msgspec.convert(collector.unit(code).indicators[data.code], IndicatorOut)

    @put("/{code:str}/indicators/{indicator:str}/target", operation_id="reviseTarget", responses=ERRORS,
         guards=[requires("admin", "manager")], sync_to_thread=True)
    def revise_target(self, code: str, indicator: str, data: TargetIn, request: Request[Any, Any, Any],
                      collector: NamedDependency[Collector]) -> IndicatorOut:
        """Revise an indicator's target."""
        collector.revise_target(code, indicator, data.target, managing(request, code).actor)
        return msgspec.convert(collector.unit(code).indicators[indicator], IndicatorOut)

    @delete("/{code:str}/indicators/{indicator:str}", operation_id="retireIndicator", responses=ERRORS,
            guards=[requires("admin", "manager")], sync_to_thread=True)
    def retire_indicator(self, code: str, indicator: str, request: Request[Any, Any, Any],
                         collector: NamedDependency[Collector]) -> None:
        """Retire an indicator; its history stays in the log."""
        collector.retire_indicator(code, indicator, managing(request, code).actor)

    @post("/{code:str}/services", operation_id="defineService", responses=ERRORS, guards=[requires("admin", "manager")],
          sync_to_thread=True)
    def define_service(self, code: str, data: ServiceIn, request: Request[Any, Any, Any],
                       collector: NamedDependency[Collector]) -> ServiceOut:
        """Add a service, with its SLA and optional unit cost, to the unit's catalogue."""
        collector.define_service(code, data.code, data.name_th, data.name_en, data.sla_hours, data.unit_cost,
                                 managing(request, code).actor)
        return msgspec.convert(collector.unit(code).services[data.code], ServiceOut)
