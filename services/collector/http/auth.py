"""Who is calling: bearer tokens become principals, and guards check their roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from ..application import CacheMiss, Collector
from ..credentials import Principal

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


class BearerAuthentication(AbstractAuthenticationMiddleware):
    """Resolve `Authorization: Bearer …` to a principal; no header means anonymous."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        if not header:
            return AuthenticationResult(user=None, auth=None)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotAuthorizedException("use 'Authorization: Bearer <token>'")
        collector: Collector = connection.app.state.collector
        try:
            principal = collector.authenticate(token.strip(), may_load=False)
        except CacheMiss:
            principal = await anyio.to_thread.run_sync(collector.authenticate, token.strip())
        if principal is None:
            raise NotAuthorizedException("the token is unknown, revoked or wrong")
        return AuthenticationResult(user=principal, auth=token)


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The principal of a request, or None when anonymous."""
    user = connection.scope.get("user")
    return user if isinstance(user, Principal) else None


def requires(*roles: str) -> Guard:
    """A guard that lets through only principals holding one of `roles`."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        principal = principal_of(connection)
        if principal is None:
            raise NotAuthorizedException("this route needs a bearer token")
        if principal.role not in roles:
            raise PermissionDeniedException(f"a {principal.role} token may not use this route")

    return guard
