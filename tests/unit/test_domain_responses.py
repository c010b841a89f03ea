"""Responses: submitting one, flagging it as abuse, and the checks on its profile and channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from services.collector.domain.errors import Conflict, DomainError
from services.collector.domain.responses import Response, check_channel, check_profile
from services.collector.domain.units import UnknownTerm
from tests.unit.gwt import EventData, given, rejected, then

RESPONSE_ID = UUID("0b6f1d52-7a1c-4d39-9e0f-2f7a3b1c9d10")
SUBMITTED_FIELDS: dict[str, Any] = {
    "response_id": RESPONSE_ID, "survey_code": "a11", "survey_version": 1, "unit_code": "PNK",
    "service_code": "id-card", "channel": "kiosk", "kiosk_id": "pnk-hall-1", "qr_token": None,
    "answers": {"satisfaction": 5, "comment": "เร็วมาก"}, "profile": {"age_band": "25_34"}, "consent": True,
    "client_time": datetime(2025, 3, 1, 9, 30, tzinfo=UTC), "digest": "sha256:d1", "suspect_reason": None,
}
SUBMITTED: EventData = ("Submitted", SUBMITTED_FIELDS)
FLAGGED: EventData = ("Flagged", {"reason": "same device 40 times", "actor": "manager"})


def test_submitting_a_response_records_it_under_an_id_derived_from_the_client_id() -> None:
    response = Response(**SUBMITTED_FIELDS)

    assert then(response) == [SUBMITTED]
    assert response.id == Response.create_id(RESPONSE_ID)
    assert response.flag_reason is None


def test_flagging_a_response_records_the_reason() -> None:
    response = given(Response, SUBMITTED)

    response.flag("same device 40 times", actor="manager")

    assert then(response) == [FLAGGED]
    assert response.flag_reason == "same device 40 times"


def test_a_flagged_response_cannot_be_flagged_again() -> None:
    response = given(Response, SUBMITTED, FLAGGED)

    with rejected(Conflict, "response_id", match="already flagged"):
        response.flag("again", actor="manager")
    assert then(response) == []


def test_unflagging_a_flagged_response_makes_it_count_again() -> None:
    response = given(Response, SUBMITTED, FLAGGED)

    response.unflag("a real queue of visitors", actor="auditor")

    assert then(response) == [("Unflagged", {"reason": "a real queue of visitors", "actor": "auditor"})]
    assert response.flag_reason is None


def test_a_response_that_is_not_flagged_cannot_be_unflagged() -> None:
    response = given(Response, SUBMITTED, FLAGGED, ("Unflagged", {"reason": "ok", "actor": "auditor"}))

    with rejected(Conflict, "response_id", match="not flagged"):
        response.unflag("again", actor="auditor")
    assert then(response) == []


def test_an_unflagged_response_may_be_flagged_again() -> None:
    response = given(Response, SUBMITTED, FLAGGED, ("Unflagged", {"reason": "ok", "actor": "auditor"}))

    response.flag("new evidence", actor="manager")

    assert then(response) == [("Flagged", {"reason": "new evidence", "actor": "manager"})]


@pytest.mark.parametrize(("profile", "consent", "sensitive_consent"), [
    pytest.param(None, False, False, id="no-profile"),
    pytest.param({}, False, False, id="empty-profile"),
    pytest.param({"age_band": "60_plus", "gender": "female", "language": "th", "district": "Phra Nakhon"},
                 True, False, id="ordinary-fields"),
    pytest.param({"disability": "yes"}, True, True, id="disability-with-its-consent"),
    pytest.param({"district": "x" * 64}, True, False, id="district-of-64"),
])
def test_a_profile_given_with_the_consent_it_needs_is_accepted(profile: dict[str, str] | None, consent: bool,
                                                              sensitive_consent: bool) -> None:
    check_profile(profile, consent, sensitive_consent)


def test_a_profile_without_consent_is_rejected() -> None:
    with rejected(DomainError, "profile", match="consent"):
        check_profile({"age_band": "25_34"}, consent=False, sensitive_consent=True)


def test_disability_without_its_own_consent_is_rejected() -> None:
    with rejected(DomainError, "profile.disability", match="sensitive"):
        check_profile({"age_band": "25_34", "disability": "no"}, consent=True, sensitive_consent=False)


def test_an_unknown_profile_field_is_rejected() -> None:
    with rejected(DomainError, "profile.income", match="'income' is not a profile field"):
        check_profile({"income": "high"}, consent=True, sensitive_consent=True)


@pytest.mark.parametrize(("profile", "field"), [
    ({"age_band": "30"}, "profile.age_band"),
    ({"gender": "unknown"}, "profile.gender"),
    ({"language": "fr"}, "profile.language"),
    ({"disability": "maybe"}, "profile.disability"),
])
def test_a_profile_value_outside_its_choices_is_rejected(profile: dict[str, str], field: str) -> None:
    with rejected(UnknownTerm, field):
        check_profile(profile, consent=True, sensitive_consent=True)


@pytest.mark.parametrize("district", ["", "x" * 65])
def test_a_district_is_a_short_non_empty_name(district: str) -> None:
    with rejected(DomainError, "profile.district", match="at most 64"):
        check_profile({"district": district}, consent=True, sensitive_consent=False)


@pytest.mark.parametrize(("channel", "kiosk_id", "qr_token"), [
    ("kiosk", "pnk-hall-1", None),
    ("qr", None, "q7Hx2"),
    ("web", None, None),
])
def test_each_channel_carries_its_own_credential(channel: str, kiosk_id: str | None, qr_token: str | None) -> None:
    check_channel(channel, kiosk_id, qr_token)


@pytest.mark.parametrize(("channel", "kiosk_id", "qr_token", "field"), [
    pytest.param("kiosk", None, None, "kiosk_id", id="kiosk-without-id"),
    pytest.param("web", "pnk-hall-1", None, "kiosk_id", id="web-with-kiosk-id"),
    pytest.param("qr", None, None, "qr_token", id="qr-without-token"),
    pytest.param("kiosk", "pnk-hall-1", "q7Hx2", "qr_token", id="kiosk-with-token"),
])
def test_a_credential_of_the_wrong_channel_is_rejected(channel: str, kiosk_id: str | None, qr_token: str | None,
                                                       field: str) -> None:
    with rejected(DomainError, field, match="and only they"):
        check_channel(channel, kiosk_id, qr_token)


def test_an_unknown_channel_is_rejected() -> None:
    with rejected(UnknownTerm, "channel", match="'sms' is not one of: kiosk, qr, web"):
        check_channel("sms", None, None)
