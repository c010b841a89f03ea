"""Every error as RFC 9457 problem details (`application/problem+json`), never a stack trace."""

from __future__ import annotations

import logging
import re
from typing import Any

from eventsourcing.persistence import PersistenceError
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from ..credentials import NotAllowed, NotAuthenticated
from ..domain.errors import Conflict, DomainError, NotFound
from ..group_commit import WriterClosed
from .schemas import ProblemOut

log = logging.getLogger("siang.http")
PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_S = "2"
_TITLES = {400: "Bad request", 401: "Authentication needed", 403: "Not allowed", 404: "Not found",
           405: "Method not allowed", 409: "Conflict", 413: "Request body too large",
           422: "Unprocessable content", 429: "Too many requests", 500: "Internal error",
           503: "Service unavailable"}
_MSGSPEC_PATH = re.compile(r"at `\$\.?([^`]*)`")
_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]*)`")
_NAMED_PARAMETER = re.compile(r"parameter '([^']*)'")


def problem(status: int, detail: str, field: str | None = None, slug: str | None = None) -> ProblemOut:
    """A problem of `status`, naming the offending `field` where there is one."""
    title = _TITLES.get(status, "Error")
    slug = slug or title.lower().replace(" ", "-")
    return ProblemOut(type=f"urn:siang:problem:{slug}", title=title, status=status, detail=detail, field=field)


def problem_for(error: Exception) -> ProblemOut:
    """The problem a domain or application error stands for."""
    if isinstance(error, NotFound):
        return problem(404, error.message, error.field, "not-found")
    if isinstance(error, Conflict):
        return problem(409, error.message, error.field, "conflict")
    if isinstance(error, DomainError):
        return problem(422, error.message, error.field, "invalid-field")
    if isinstance(error, NotAuthenticated):
        return problem(401, str(error), None, "not-authenticated")
    if isinstance(error, NotAllowed):
        return problem(403, str(error), None, "not-allowed")
    if isinstance(error, (PersistenceError, WriterClosed, TimeoutError)):
        return problem(503, "the event log is unavailable right now; please retry", None, "log-unavailable")
    log.exception("unexpected error", exc_info=error)
    return problem(500, "something went wrong on our side; nothing was recorded for this request", None,
                   "internal")


def to_response(p: ProblemOut, request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    """The HTTP response carrying problem `p`."""
    body: dict[str, Any] = {"type": p.type, "title": p.title, "status": p.status, "detail": p.detail,
                            "instance": request.url.path}
    if p.field is not None:
        body["field"] = p.field
    headers = {"Retry-After": RETRY_AFTER_S} if p.status == 503 else None
    return Response(body, status_code=p.status, media_type=PROBLEM_JSON, headers=headers)


def on_error(request: Request[Any, Any, Any], error: Exception) -> Response[dict[str, Any]]:
    """The app-wide exception handler."""
    if isinstance(error, ValidationException):
        return to_response(_validation_problem(error), request)
    if isinstance(error, UnicodeDecodeError):
        return to_response(problem(400, f"the body is not valid UTF-8 (byte {error.start})", None, "invalid-body"),
                           request)
    if isinstance(error, HTTPException):
        status = error.status_code
        detail = error.detail if status != HTTP_500_INTERNAL_SERVER_ERROR else "internal error"
        if status == 400 and "Request Entity Too Large" in str(detail):
            status = 413
        return to_response(problem(status, str(detail)), request)
    return to_response(problem_for(error), request)


def _validation_problem(error: ValidationException) -> ProblemOut:
    first = error.extra[0] if isinstance(error.extra, list) and error.extra else {}
    first = first if isinstance(first, dict) else {}
    message = str(first.get("message") or error.detail)
    path = str(first.get("key") or "")
    match = _MSGSPEC_PATH.search(message)
    if match:
        path = match.group(1)
    path = "" if path == "data" else path  # Litestar's name for the body itself
    named = _NAMED_FIELD.search(message) or _NAMED_PARAMETER.search(str(error.detail))
    if named:
        path = f"{path}.{named.group(1)}" if path else named.group(1)
    return problem(400, message, path or None, "invalid-body")


def documented_problems(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problems a route can answer with."""
    return {status: ResponseSpec(data_container=ProblemOut, description=_TITLES[status], media_type=PROBLEM_JSON)
            for status in statuses}


ERRORS = documented_problems(400, 401, 403, 404, 409, 413, 422, 503)
