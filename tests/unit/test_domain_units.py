"""A unit: registering it, adopting P.S.O. systems, its indicators and its services."""

from __future__ import annotations

from typing import Any

import pytest

from services.collector.domain.errors import Conflict, DomainError, NotFound
from services.collector.domain.units import Unit, UnknownTerm
from tests.unit.gwt import EventData, given, rejected, then

REGISTERED: EventData = ("Registered", {"code": "PNK", "name_th": "สำนักงานเขตพระนคร",
                                        "name_en": "Phra Nakhon District Office", "parent_code": "BMA",
                                        "district": "Phra Nakhon", "actor": "admin"})
ADOPTED: EventData = ("SystemsAdopted", {"systems": ["information", "services"], "actor": "admin"})
SERVICE: EventData = ("ServiceDefined", {"code": "id-card", "name_th": "ทำบัตรประชาชน", "name_en": "ID card",
                                         "sla_hours": 1.0, "unit_cost": 120.0, "actor": "manager"})


def indicator(**changes: Any) -> dict[str, Any]:
    """A valid indicator of the unit, with `changes`."""
    return {"code": "csat-counter", "name_th": "ความพึงพอใจ", "name_en": "Counter CSAT", "outcome": "satisfaction",
            "system": "services", "measure": "csat", "direction": "higher_is_better", "period": "month",
            "target": 0.8, **changes}


DEFINED: EventData = ("IndicatorDefined", {"indicator": indicator(), "actor": "manager"})


def test_registering_a_unit_records_it_under_its_code() -> None:
    unit = Unit(code="PNK", name_th="สำนักงานเขตพระนคร", name_en="Phra Nakhon District Office",
                parent_code="BMA", district="Phra Nakhon", actor="admin")

    assert then(unit) == [REGISTERED]
    assert unit.id == Unit.create_id("PNK")
    assert (unit.systems, unit.indicators, unit.services) == ([], {}, {})


def test_adopting_systems_records_them_sorted() -> None:
    unit = given(Unit, REGISTERED)

    unit.adopt_systems(["services", "information"], actor="admin")

    assert then(unit) == [("SystemsAdopted", {"systems": ["information", "services"], "actor": "admin"})]
    assert unit.systems == ["information", "services"]


def test_adopting_replaces_the_earlier_set() -> None:
    unit = given(Unit, REGISTERED, ADOPTED)

    unit.adopt_systems(["evaluation"], actor="admin")

    assert then(unit) == [("SystemsAdopted", {"systems": ["evaluation"], "actor": "admin"})]
    assert unit.systems == ["evaluation"]


def test_an_unknown_system_is_rejected_by_its_position() -> None:
    unit = given(Unit, REGISTERED)

    with rejected(UnknownTerm, "systems[1]", match="'astrology' is not one of"):
        unit.adopt_systems(["services", "astrology"], actor="admin")
    assert then(unit) == []


def test_a_system_listed_twice_is_rejected() -> None:
    unit = given(Unit, REGISTERED)

    with rejected(DomainError, "systems", match="listed twice"):
        unit.adopt_systems(["services", "information", "services"], actor="admin")
    assert then(unit) == []


def test_defining_an_indicator_records_it_live() -> None:
    unit = given(Unit, REGISTERED, ADOPTED)

    unit.define_indicator(indicator(), actor="manager")

    assert then(unit) == [DEFINED]
    assert unit.indicators["csat-counter"] == {**indicator(), "retired": False}


def test_an_indicator_may_be_scoped_to_a_service_of_the_unit() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, SERVICE)

    unit.define_indicator(indicator(scope={"service": "id-card"}), actor="manager")

    assert then(unit) == [("IndicatorDefined", {"indicator": indicator(scope={"service": "id-card"}),
                                                "actor": "manager"})]


@pytest.mark.parametrize(("changes", "field"), [
    ({"outcome": "happiness"}, "outcome"),
    ({"measure": "vibes"}, "measure"),
    ({"direction": "sideways"}, "direction"),
    ({"period": "decade"}, "period"),
])
def test_an_indicator_outside_the_vocabulary_is_rejected_naming_the_field(changes: dict[str, str],
                                                                         field: str) -> None:
    unit = given(Unit, REGISTERED, ADOPTED)

    with rejected(UnknownTerm, field):
        unit.define_indicator(indicator(**changes), actor="manager")
    assert then(unit) == []


def test_an_indicator_code_must_be_url_safe() -> None:
    unit = given(Unit, REGISTERED, ADOPTED)

    with rejected(DomainError, "code", match="not a valid code"):
        unit.define_indicator(indicator(code="csat counter"), actor="manager")
    assert then(unit) == []


def test_an_indicator_of_a_system_not_adopted_is_rejected() -> None:
    unit = given(Unit, REGISTERED, ADOPTED)

    with rejected(DomainError, "system", match="has not adopted the system 'evaluation'"):
        unit.define_indicator(indicator(system="evaluation"), actor="manager")
    assert then(unit) == []


def test_an_indicator_code_already_defined_is_a_conflict() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, DEFINED)

    with rejected(Conflict, "code", match="already defined"):
        unit.define_indicator(indicator(name_en="Another"), actor="manager")
    assert then(unit) == []


def test_an_indicator_scoped_to_an_unknown_service_is_not_found() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, SERVICE)

    with rejected(NotFound, "scope.service", match="no service 'passport'"):
        unit.define_indicator(indicator(scope={"service": "passport"}), actor="manager")
    assert then(unit) == []


def test_revising_a_target_records_the_new_target() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, DEFINED)

    unit.revise_target("csat-counter", 0.9, actor="manager")

    assert then(unit) == [("TargetRevised", {"code": "csat-counter", "target": 0.9, "actor": "manager"})]
    assert unit.indicators["csat-counter"]["target"] == 0.9


def test_revising_an_unknown_indicator_is_not_found() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, DEFINED)

    with rejected(NotFound, "indicator"):
        unit.revise_target("nps-web", 0.9, actor="manager")
    assert then(unit) == []


def test_retiring_an_indicator_keeps_it_as_retired() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, DEFINED)

    unit.retire_indicator("csat-counter", actor="manager")

    assert then(unit) == [("IndicatorRetired", {"code": "csat-counter", "actor": "manager"})]
    assert unit.indicators["csat-counter"]["retired"] is True


def test_a_retired_indicator_cannot_be_revised_or_retired_again() -> None:
    unit = given(Unit, REGISTERED, ADOPTED, DEFINED,
                 ("IndicatorRetired", {"code": "csat-counter", "actor": "manager"}))

    with rejected(Conflict, "indicator", match="is retired"):
        unit.revise_target("csat-counter", 0.9, actor="manager")
    with rejected(Conflict, "indicator", match="is retired"):
        unit.retire_indicator("csat-counter", actor="manager")
    assert then(unit) == []


def test_defining_a_service_records_its_sla_and_cost() -> None:
    unit = given(Unit, REGISTERED)

    unit.define_service("id-card", "ทำบัตรประชาชน", "ID card", sla_hours=1.0, unit_cost=120.0, actor="manager")

    assert then(unit) == [SERVICE]
    assert unit.services["id-card"] == {"code": "id-card", "name_th": "ทำบัตรประชาชน", "name_en": "ID card",
                                        "sla_hours": 1.0, "unit_cost": 120.0}


def test_a_service_may_have_no_known_cost() -> None:
    unit = given(Unit, REGISTERED)

    unit.define_service("permit", "ขออนุญาต", "Permit", sla_hours=72, unit_cost=None, actor="manager")

    assert then(unit) == [("ServiceDefined", {"code": "permit", "name_th": "ขออนุญาต", "name_en": "Permit",
                                              "sla_hours": 72, "unit_cost": None, "actor": "manager"})]


@pytest.mark.parametrize("sla_hours", [0, -1.5])
def test_a_service_sla_must_be_positive(sla_hours: float) -> None:
    unit = given(Unit, REGISTERED)

    with rejected(DomainError, "sla_hours", match="positive"):
        unit.define_service("permit", "ขออนุญาต", "Permit", sla_hours=sla_hours, unit_cost=None, actor="manager")
    assert then(unit) == []


def test_a_service_cost_cannot_be_negative() -> None:
    unit = given(Unit, REGISTERED)

    with rejected(DomainError, "unit_cost", match="negative"):
        unit.define_service("permit", "ขออนุญาต", "Permit", sla_hours=72, unit_cost=-0.01, actor="manager")
    assert then(unit) == []


def test_a_service_code_already_defined_is_a_conflict() -> None:
    unit = given(Unit, REGISTERED, SERVICE)

    with rejected(Conflict, "code", match="already defined"):
        unit.define_service("id-card", "บัตร", "Card", sla_hours=2, unit_cost=None, actor="manager")
    assert then(unit) == []
