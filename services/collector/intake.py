"""Response intake: a command checked against the survey it claims, turned into a
`Response` aggregate, and the receipt a device keeps once it is in the log."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import msgspec
from eventsourcing.persistence import IntegrityError

from .application import Collector
from .commands import Receipt, SubmitResponse
from .credentials import NotAllowed, NotAuthenticated, Principal
from .domain.errors import Conflict, DomainError
from .domain.responses import Response, check_channel, check_profile


def prepare_response(app: Collector, cmd: SubmitResponse, principal: Principal | None, *,
                     max_clock_skew_s: float, may_load: bool = True) -> Response:
    """Validate `cmd` for `principal` and return the new, unsaved response aggregate."""
    check_client_time(cmd.client_time, max_clock_skew_s)
    kiosk_id = None
    unit_code, service_code = cmd.unit_code, cmd.service_code
    if cmd.channel == "kiosk":
        if principal is None:
            raise NotAuthenticated("kiosk responses need the kiosk's device token")
        if principal.role != "kiosk" or principal.kiosk_id is None:
            raise NotAllowed("kiosk responses need the kiosk's device token")
        kiosk = app.kiosk(principal.kiosk_id, may_load=may_load)
        kiosk_id, expected_survey = kiosk.kiosk_id, kiosk.survey_code
        unit_code = check_same(unit_code, kiosk.unit_code, "unit_code")
    elif cmd.channel == "qr":
        if cmd.qr_token is None:
            raise DomainError("QR responses carry the code's token", "qr_token")
        qr = app.qr_code(cmd.qr_token, may_load=may_load)
        if qr.revoked:
            raise DomainError("this QR code has been withdrawn", "qr_token")
        expected_survey = qr.survey_code
        unit_code = check_same(unit_code, qr.unit_code, "unit_code")
        service_code = check_same(service_code, qr.service_code, "service_code")
    else:
        if unit_code is None:
            raise DomainError("web responses name their unit", "unit_code")
        if principal is None:
            raise NotAuthenticated("web responses need an admin or the unit's integration token")
        if not (principal.role == "admin" or
                                     (principal.role == "integration" and principal.unit_code == unit_code)):
            raise NotAllowed("web responses come from an admin or the unit's integration token")
        expected_survey = cmd.survey_code
    check_channel(cmd.channel, kiosk_id, cmd.qr_token)
    assert unit_code is not None  # every channel above settled the unit
    if cmd.survey_code != expected_survey:
        raise DomainError(f"this {cmd.channel} collects survey {expected_survey!r}", "survey_code")
    unit = app.unit(unit_code, may_load=may_load)
    if service_code is not None and service_code not in unit.services:
        raise DomainError(f"unit {unit_code!r} has no service {service_code!r}", "service_code")
    if app.survey(cmd.survey_code, may_load=may_load).retired:
        raise DomainError(f"survey {cmd.survey_code!r} is retired", "survey_code")
    app.survey_version(cmd.survey_code, cmd.survey_version, may_load=may_load).check_answers(cmd.answers)
    check_profile(cmd.profile, cmd.consent, cmd.sensitive_consent)
    fields = {**vars(cmd), "unit_code": unit_code, "service_code": service_code, "kiosk_id": kiosk_id}
    return Response(
        response_id=cmd.response_id, survey_code=cmd.survey_code, survey_version=cmd.survey_version,
        unit_code=unit_code, service_code=service_code, channel=cmd.channel, kiosk_id=kiosk_id,
        qr_token=cmd.qr_token, answers=cmd.answers, profile=cmd.profile or None, consent=cmd.consent,
        client_time=cmd.client_time, digest=digest(fields), suspect_reason=None,
    )


def check_client_time(client_time: datetime, max_clock_skew_s: float) -> None:
    """A device's clock may be off a little, but nobody answers from the future."""
    if client_time.tzinfo is None:
        raise DomainError("timestamps need a UTC offset, e.g. 2026-11-28T09:30:00+07:00", "client_time")
    if client_time > datetime.now(UTC) + timedelta(seconds=max_clock_skew_s):
        raise DomainError("client_time is in the future", "client_time")


def check_same(given: str | None, implied: str | None, field: str) -> str | None:
    """A field the channel already implies may be repeated in the body, but not contradicted."""
    if given is not None and given != implied:
        raise DomainError(f"{given!r} contradicts this channel's {field} {implied!r}", field)
    return implied


def digest(fields: dict[str, object]) -> str:
    """A fingerprint of what was submitted, to tell a retry from a different response."""
    return hashlib.sha256(msgspec.json.encode(fields, order="sorted")).hexdigest()


def receipt(response: Response, *, replayed: bool = False) -> Receipt:
    """The receipt for a recorded response."""
    return Receipt(response.response_id, response.survey_code, response.survey_version, response.created_on,
                   replayed)


def receipt_for_resubmission(app: Collector, new: Response) -> Receipt:
    """The original receipt if the log holds the same response, else a conflict."""
    recorded = app.response(new.response_id)
    if recorded.digest != new.digest:
        raise Conflict("a different response was already recorded under this response_id", "response_id")
    return receipt(recorded, replayed=True)


def submit_response(app: Collector, cmd: SubmitResponse, principal: Principal | None,
                    max_clock_skew_s: float = 300) -> Receipt:
    """Record one response synchronously (CLI, imports, tests); idempotent on its response id."""
    response = prepare_response(app, cmd, principal, max_clock_skew_s=max_clock_skew_s)
    try:
        app.save(response)
    except IntegrityError:
        return receipt_for_resubmission(app, response)
    return receipt(response)
