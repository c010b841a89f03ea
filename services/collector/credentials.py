"""Bearer credentials: how tokens look, how their secrets are hashed, and who holds one.

A token is `<kind>.<id>.<secret>`: the id finds the record in the log, the
secret is compared with the recorded SHA-256 hash in constant time. Secrets
are 32 random bytes, so a fast hash is enough (no password stretching).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

API_KIND = "sia"
KIOSK_KIND = "kio"


class NotAllowed(Exception):
    """The principal's role or unit does not allow this."""


class NotAuthenticated(NotAllowed):
    """The request needs credentials it did not bring."""


@dataclass(frozen=True)
class Principal:
    """Whoever a request acts for: a role, and the unit (and kiosk) it is bound to."""

    role: str
    token_id: str
    unit_code: str | None = None
    kiosk_id: str | None = None

    @property
    def actor(self) -> str:
        """How the log names this principal in the `actor` of its events."""
        return f"{self.role}:{self.token_id}"

    def may_manage(self, unit_code: str) -> bool:
        """Admins manage every unit; a manager only their own."""
        return self.role == "admin" or (self.role == "manager" and self.unit_code == unit_code)

    def may_read(self, unit_code: str) -> bool:
        """Auditors read everything, managers their own unit."""
        return self.role == "auditor" or self.may_manage(unit_code)


CLI_ACTOR = "cli"


def new_secret() -> str:
    """A fresh random secret, URL-safe."""
    return secrets.token_urlsafe(32)


def new_token_id() -> str:
    """A short random id that names a token in the log and in revocations."""
    return secrets.token_hex(8)


def hash_secret(secret: str) -> str:
    """The only form of a secret that is ever recorded."""
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, recorded_hash: str) -> bool:
    """Compare in constant time, so timing says nothing about the hash."""
    return hmac.compare_digest(hash_secret(secret), recorded_hash)


def format_token(kind: str, ident: str, secret: str) -> str:
    """The string handed to the holder, once."""
    return f"{kind}.{ident}.{secret}"


def parse_token(token: str) -> tuple[str, str, str] | None:
    """`(kind, id, secret)`, or None when the string is not a Siang token."""
    parts = token.split(".", 2)
    if len(parts) != 3 or parts[0] not in (API_KIND, KIOSK_KIND) or not all(parts):
        return None
    return parts[0], parts[1], parts[2]
