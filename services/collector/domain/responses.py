"""A citizen's answers to one survey version, and the abuse flags set on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict, DomainError
from .ids import stable_id
from .pso import CHANNELS
from .units import check_term

PROFILE_VALUES: dict[str, tuple[str, ...]] = {
    "age_band": ("under_18", "18_24", "25_34", "35_44", "45_59", "60_plus"),
    "gender": ("female", "male", "other", "prefer_not_to_say"),
    "disability": ("no", "yes", "prefer_not_to_say"),
    "language": ("th", "en", "other"),
}
SENSITIVE_PROFILE_FIELDS = ("disability",)  # PDPA s.26: needs its own explicit consent


def check_profile(profile: dict[str, str] | None, consent: bool, sensitive_consent: bool) -> None:
    """Profile fields come only with consent, disability only with its own consent."""
    if not profile:
        return
    if not consent:
        raise DomainError("profile fields need the respondent's consent", "profile")
    for name, value in profile.items():
        if name == "district":
            if not 0 < len(value) <= 64:
                raise DomainError("a district is a name of at most 64 characters", "profile.district")
            continue
        if name not in PROFILE_VALUES:
            raise DomainError(f"{name!r} is not a profile field", f"profile.{name}")
        check_term(value, PROFILE_VALUES[name], f"profile.{name}")
        if name in SENSITIVE_PROFILE_FIELDS and not sensitive_consent:
            raise DomainError(f"{name} is sensitive data and needs its own explicit consent", f"profile.{name}")


def check_channel(channel: str, kiosk_id: str | None, qr_token: str | None) -> None:
    """A kiosk response names its kiosk, a QR response its token, a web response neither."""
    check_term(channel, CHANNELS, "channel")
    if (channel == "kiosk") != (kiosk_id is not None):
        raise DomainError("kiosk responses, and only they, carry a kiosk id", "kiosk_id")
    if (channel == "qr") != (qr_token is not None):
        raise DomainError("QR responses, and only they, carry a QR token", "qr_token")


class Response(Aggregate):
    """One submitted survey response; its id comes from the client, so a retry finds it."""

    @staticmethod
    def create_id(response_id: UUID, **_: Any) -> UUID:
        return stable_id("response", str(response_id))

    @event("Submitted")
    def __init__(
        self,
        response_id: UUID,
        survey_code: str,
        survey_version: int,
        unit_code: str,
        service_code: str | None,
        channel: str,
        kiosk_id: str | None,
        qr_token: str | None,
        answers: dict[str, bool | int | float | str],
        profile: dict[str, str] | None,
        consent: bool,
        client_time: datetime,
        digest: str,
        suspect_reason: str | None,
    ) -> None:
        self.response_id = response_id
        self.survey_code = survey_code
        self.survey_version = survey_version
        self.unit_code = unit_code
        self.service_code = service_code
        self.channel = channel
        self.answers = answers
        self.digest = digest
        self.flag_reason: str | None = None

    def flag(self, reason: str, actor: str) -> None:
        """Mark the response as abuse; indicators leave it out, the log keeps it."""
        if self.flag_reason is not None:
            raise Conflict("the response is already flagged", "response_id")
        self._flag(reason, actor)

    @event("Flagged")
    def _flag(self, reason: str, actor: str) -> None:
        self.flag_reason = reason

    def unflag(self, reason: str, actor: str) -> None:
        """Take a flag back; the response counts again."""
        if self.flag_reason is None:
            raise Conflict("the response is not flagged", "response_id")
        self._unflag(reason, actor)

    @event("Unflagged")
    def _unflag(self, reason: str, actor: str) -> None:
        self.flag_reason = None
