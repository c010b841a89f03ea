"""Request and response bodies, named for the wire. Never domain events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec
from msgspec import Meta, Struct

Code = Annotated[str, Meta(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
Name = Annotated[str, Meta(min_length=1, max_length=200)]
ShortText = Annotated[str, Meta(max_length=500)]
QuestionId = Annotated[str, Meta(min_length=1, max_length=32)]
# Any scalar: the survey version, not the wire schema, says what fits each question,
# so the problem can name the question (`answers.<id>`).
AnswerValue = bool | int | float | str
Token = Annotated[str, Meta(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class In(Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of request bodies: unknown fields are an error, not silently dropped."""


class Out(Struct, kw_only=True, omit_defaults=False):
    """Base of response bodies."""


class ProfileIn(In):
    """The optional "about you" part; sent only with the respondent's consent."""

    age_band: Annotated[str, Meta(max_length=32)] | None = None
    gender: Annotated[str, Meta(max_length=32)] | None = None
    district: Annotated[str, Meta(max_length=64)] | None = None
    disability: Annotated[str, Meta(max_length=32)] | None = None
    language: Annotated[str, Meta(max_length=8)] | None = None


class ResponseIn(In):
    """A citizen's answers to one survey version."""

    response_id: UUID
    survey_code: Code
    survey_version: Annotated[int, Meta(ge=1, le=100_000)]
    channel: Literal["kiosk", "qr", "web"]
    answers: Annotated[dict[QuestionId, AnswerValue], Meta(max_length=15)]
    client_time: datetime
    unit_code: Code | None = None
    service_code: Code | None = None
    qr_token: Token | None = None
    profile: ProfileIn | None = None
    consent: bool = False
    sensitive_consent: bool = False


class ReceiptOut(Out):
    """Proof that the log holds a response; a resubmission gets the same receipt back."""

    response_id: UUID
    survey_code: str
    survey_version: int
    received_at: datetime
    status: Literal["recorded"] = "recorded"


class ResponseBatchIn(In):
    """A kiosk's offline queue, flushed in one request."""

    responses: Annotated[list[ResponseIn], Meta(min_length=1, max_length=500)]


class ProblemOut(Out):
    """RFC 9457 problem details, as carried inside a batch result."""

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None


class BatchItemOut(Out):
    """The fate of one item of a batch: a receipt or a problem."""

    index: int
    response_id: UUID
    status: int
    receipt: ReceiptOut | None = None
    problem: ProblemOut | None = None


class BatchOut(Out):
    """Per-item results; some items may succeed while others fail."""

    results: list[BatchItemOut]
    recorded: int
    failed: int


class FlagIn(In):
    """Why a response is flagged as abuse, or why the flag is taken back."""

    reason: Annotated[str, Meta(min_length=1, max_length=500)]


class UnitIn(In):
    """A unit to register."""

    code: Code
    name_th: Name
    name_en: Name
    parent_code: Code | None = None
    district: Annotated[str, Meta(max_length=64)] | None = None


class SystemsIn(In):
    """The full set of P.S.O. systems the unit now adopts."""

    systems: Annotated[list[Annotated[str, Meta(max_length=32)]], Meta(max_length=10)]


class IndicatorScope(In):
    """What an indicator counts: a service, a channel, a survey driver or a group dimension."""

    service: Code | None = None
    channel: Annotated[str, Meta(max_length=16)] | None = None
    driver: Annotated[str, Meta(max_length=32)] | None = None
    dimension: Annotated[str, Meta(max_length=32)] | None = None


class IndicatorIn(In):
    """One of a unit's own indicators."""

    code: Code
    name_th: Name
    name_en: Name
    outcome: Annotated[str, Meta(max_length=32)]
    system: Annotated[str, Meta(max_length=32)]
    measure: Annotated[str, Meta(max_length=32)]
    target: float
    direction: Literal["higher_is_better", "lower_is_better"]
    period: Literal["day", "week", "month", "fiscal_year"]
    scope: IndicatorScope = msgspec.field(default_factory=IndicatorScope)


class TargetIn(In):
    """A revised target."""

    target: float


class ServiceIn(In):
    """A service in a unit's catalogue."""

    code: Code
    name_th: Name
    name_en: Name
    sla_hours: Annotated[float, Meta(gt=0, le=24 * 366)]
    unit_cost: Annotated[float, Meta(ge=0)] | None = None


class IndicatorOut(Out):
    """An indicator as defined, with its current target."""

    code: str
    name_th: str
    name_en: str
    outcome: str
    system: str
    measure: str
    target: float
    direction: str
    period: str
    scope: dict[str, str | None]
    retired: bool


class ServiceOut(Out):
    """A service of a unit."""

    code: str
    name_th: str
    name_en: str
    sla_hours: float
    unit_cost: float | None


class UnitOut(Out):
    """A unit with its systems, indicators and services."""

    code: str
    name_th: str
    name_en: str
    parent_code: str | None
    district: str | None
    systems: list[str]
    indicators: list[IndicatorOut]
    services: list[ServiceOut]


class QuestionIn(In):
    """A question of a survey version."""

    id: QuestionId
    kind: Literal["scale5", "scale4", "thumbs", "nps", "single_choice", "free_text"]
    text_th: Name
    text_en: Name
    driver: Annotated[str, Meta(max_length=32)] | None = None
    required: bool = False
    options: Annotated[list[Annotated[str, Meta(max_length=64)]], Meta(max_length=20)] = msgspec.field(
        default_factory=list)


class SurveyVersionIn(In):
    """The next version of a survey."""

    title_th: Name
    title_en: Name
    questions: Annotated[list[QuestionIn], Meta(min_length=1, max_length=15)]


class QuestionOut(Out):
    """A question as the kiosk and QR pages render it."""

    id: str
    kind: str
    text_th: str
    text_en: str
    driver: str | None
    required: bool
    options: list[str]


class SurveyVersionOut(Out):
    """A published, immutable survey version."""

    code: str
    version: int
    title_th: str
    title_en: str
    questions: list[QuestionOut]
    retired: bool


class PublishedOut(Out):
    """The number a survey version was published under."""

    code: str
    version: int


class KioskIn(In):
    """A kiosk to register."""

    kiosk_id: Code
    unit_code: Code
    location: Name
    survey_code: Code = "a11"


class KioskOut(Out):
    """A registered kiosk and its device token, shown only in this answer."""

    kiosk_id: str
    unit_code: str
    device_token: str


class QrIn(In):
    """A QR code to issue."""

    unit_code: Code
    service_code: Code | None = None
    survey_code: Code = "a11"


class QrOut(Out):
    """A QR code: its token and what it opens."""

    token: str
    unit_code: str
    unit_name_th: str
    unit_name_en: str
    service_code: str | None
    survey_code: str
    active: bool


class TokenIn(In):
    """An API token to issue."""

    role: Literal["admin", "manager", "auditor", "integration"]
    unit_code: Code | None = None
    label: Annotated[str, Meta(max_length=200)] = ""


class TokenOut(Out):
    """A new API token, shown only in this answer."""

    token_id: str
    role: str
    unit_code: str | None
    token: str


class CaseEventIn(In):
    """One event of a service case from an operational system."""

    type: Literal["opened", "resolved", "reopened", "closed", "cost"]
    case_id: Annotated[str, Meta(min_length=1, max_length=128)]
    at: datetime | None = None
    unit_code: Code | None = None
    service_code: Code | None = None
    district: Annotated[str, Meta(max_length=64)] | None = None
    channel: Annotated[str, Meta(max_length=16)] | None = None
    outcome: Annotated[str, Meta(max_length=64)] | None = None
    reason: Annotated[str, Meta(max_length=500)] | None = None
    amount: Annotated[float, Meta(ge=0)] | None = None


class CaseEventsIn(In):
    """A batch of case events, applied in order."""

    events: Annotated[list[CaseEventIn], Meta(min_length=1, max_length=1000)]


class CaseResultOut(Out):
    """The fate of one case event."""

    index: int
    case_id: str
    status: int
    result: Literal["recorded", "unchanged", "rejected"]
    problem: ProblemOut | None = None


class CaseEventsOut(Out):
    """Per-event results of a case batch."""

    results: list[CaseResultOut]


class HealthOut(Out):
    """Liveness or readiness."""

    status: str
    backend: str | None = None
    log_head: int | None = None
    queue_depth: int | None = None
