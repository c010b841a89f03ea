"""The ways a citizen reaches a survey: kiosks in offices and printed QR codes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict
from .ids import stable_id
from .units import check_code


class Kiosk(Aggregate):
    """A touch-screen device in a unit's office; only the hash of its secret is kept."""

    @staticmethod
    def create_id(kiosk_id: str, **_: Any) -> UUID:
        return stable_id("kiosk", kiosk_id)

    @classmethod
    def register(cls, kiosk_id: str, unit_code: str, location: str, survey_code: str, secret_hash: str,
                 actor: str) -> Kiosk:
        """Register a kiosk of `unit_code` in the log."""
        check_code(kiosk_id, "kiosk_id")
        return cls(kiosk_id=kiosk_id, unit_code=unit_code, location=location, survey_code=survey_code,
                   secret_hash=secret_hash, actor=actor)

    @event("Registered")
    def __init__(self, kiosk_id: str, unit_code: str, location: str, survey_code: str, secret_hash: str,
                 actor: str) -> None:
        self.kiosk_id = kiosk_id
        self.unit_code = unit_code
        self.location = location
        self.survey_code = survey_code
        self.secret_hash = secret_hash
        self.retired = False

    def retire(self, actor: str) -> None:
        """Take the kiosk out of service; its secret stops working."""
        if self.retired:
            raise Conflict(f"kiosk {self.kiosk_id!r} is already retired", "kiosk_id")
        self._retire(actor)

    @event("Retired")
    def _retire(self, actor: str) -> None:
        self.retired = True


class QrCode(Aggregate):
    """A printed code whose opaque token opens a unit's survey on a phone."""

    @staticmethod
    def create_id(token: str, **_: Any) -> UUID:
        return stable_id("qr", token)

    @event("Issued")
    def __init__(self, token: str, unit_code: str, service_code: str | None, survey_code: str,
                 actor: str) -> None:
        self.token = token
        self.unit_code = unit_code
        self.service_code = service_code
        self.survey_code = survey_code
        self.revoked = False

    def revoke(self, reason: str, actor: str) -> None:
        """Stop accepting responses through this code (a poster taken down or abused)."""
        if self.revoked:
            raise Conflict("the QR code is already revoked", "token")
        self._revoke(reason, actor)

    @event("Revoked")
    def _revoke(self, reason: str, actor: str) -> None:
        self.revoked = True
