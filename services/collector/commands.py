"""Commands: what a caller asks the collector to record, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class SubmitResponse:
    """A citizen's answers, as the kiosk, QR page or web form sent them."""

    response_id: UUID
    survey_code: str
    survey_version: int
    channel: str
    answers: dict[str, bool | int | float | str]
    client_time: datetime
    unit_code: str | None = None
    service_code: str | None = None
    qr_token: str | None = None
    profile: dict[str, str] | None = None
    consent: bool = False
    sensitive_consent: bool = False


@dataclass(frozen=True)
class RecordCaseEvent:
    """One event of a service case from an operational system."""

    type: str  # opened | resolved | reopened | closed | cost
    case_id: str
    at: datetime | None = None
    unit_code: str | None = None
    service_code: str | None = None
    district: str | None = None
    channel: str | None = None
    outcome: str | None = None
    reason: str | None = None
    amount: float | None = None


@dataclass(frozen=True)
class Receipt:
    """What the citizen's device keeps as proof that the log holds its response."""

    response_id: UUID
    survey_code: str
    survey_version: int
    received_at: datetime
    replayed: bool = False
