"""API tokens: who may do what. Only a hash of each secret is ever recorded."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict, DomainError
from .ids import stable_id

ROLES = ("admin", "manager", "auditor", "integration")
UNIT_ROLES = ("manager", "integration")


def check_role(role: str, unit_code: str | None) -> None:
    """Managers and integrations act for exactly one unit; admins and auditors for none."""
    if role not in ROLES:
        raise DomainError(f"{role!r} is not one of: {', '.join(ROLES)}", "role")
    if (role in UNIT_ROLES) != (unit_code is not None):
        raise DomainError(f"a {role} token {'needs' if role in UNIT_ROLES else 'takes no'} unit", "unit_code")


class ApiToken(Aggregate):
    """A bearer token for the API, with its role and, for unit roles, its unit."""

    @staticmethod
    def create_id(token_id: str, **_: Any) -> UUID:
        return stable_id("token", token_id)

    @classmethod
    def issue(cls, token_id: str, role: str, unit_code: str | None, label: str, secret_hash: str,
              actor: str) -> ApiToken:
        """Issue a token; the caller shows the secret once and keeps only its hash."""
        check_role(role, unit_code)
        return cls(token_id=token_id, role=role, unit_code=unit_code, label=label, secret_hash=secret_hash,
                   actor=actor)

    @event("Issued")
    def __init__(self, token_id: str, role: str, unit_code: str | None, label: str, secret_hash: str,
                 actor: str) -> None:
        self.token_id = token_id
        self.role = role
        self.unit_code = unit_code
        self.label = label
        self.secret_hash = secret_hash
        self.revoked = False

    def revoke(self, actor: str) -> None:
        """The token stops working at once."""
        if self.revoked:
            raise Conflict("the token is already revoked", "token_id")
        self._revoke(actor)

    @event("Revoked")
    def _revoke(self, actor: str) -> None:
        self.revoked = True
