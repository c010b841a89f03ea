"""API tokens (admin): issue and revoke. Only hashes of secrets are recorded."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, post
from litestar.di import NamedDependency

from ...application import Collector
from ..auth import principal_of, requires
from ..problems import ERRORS
from ..schemas import TokenIn, TokenOut


class TokensController(Controller):
    """Bearer tokens for admins, unit managers, auditors and integrations."""

    path = "/v1/tokens"
    tags = ["access"]
    guards = [requires("admin")]

    @post("/", operation_id="issueToken", responses=ERRORS, sync_to_thread=True)
    def issue(self, data: TokenIn, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> TokenOut:
        """Issue a token; the answer holds it, shown only this once."""
        principal = principal_of(request)
        assert principal is not None
        token_id, token = collector.issue_token(data.role, data.unit_code, data.label, principal.actor)
        return TokenOut(token_id=token_id, role=data.role, unit_code=data.unit_code, token=token)

    @delete("/{token_id:str}", operation_id="revokeToken", responses=ERRORS, sync_to_thread=True)
    def revoke(self, token_id: str, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> None:
        """Revoke a token; it stops working at once in this process, within seconds elsewhere."""
        principal = principal_of(request)
        assert principal is not None
        collector.revoke_token(token_id, principal.actor)
