"""The role matrix: every protected route, called by every kind of caller.

Anonymous callers get 401, the wrong role or the wrong unit 403, and the
right one succeeds; a refused call writes nothing to the log, an accepted
one writes the expected event and names its actor.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang
from services.collector.credentials import Principal
from tests.integration.logcheck import PROBLEM_JSON, log_head, written_since

WHO = ("none", "kiosk_a", "manager_a", "manager_b", "auditor", "admin", "integration_a")
DOMAIN = "services.collector.domain."


@dataclass(frozen=True)
class Route:
    """A protected route, who may use it, and what a successful call writes."""

    name: str
    method: str
    path: str
    allowed: frozenset[str]
    success: int
    topic: str | None = None  # the event a successful call appends (None: a read)
    body: dict[str, Any] | None = None
    records_actor: bool = True
    params: dict[str, str] = field(default_factory=dict)


ADMIN = frozenset({"admin"})
MANAGE_A = frozenset({"admin", "manager_a"})
QUESTION = {"id": "q1", "kind": "scale5", "text_th": "ดี", "text_en": "Good", "required": True}
INDICATOR = {"code": "wait", "name_th": "เวลารอ", "name_en": "Waiting time", "outcome": "efficiency",
             "system": "services", "measure": "lead_time_median", "target": 0.5, "direction": "lower_is_better",
             "period": "month"}

ROUTES = (
    Route("publish survey", "POST", "/v1/surveys/s2/versions", ADMIN, 201, "surveys:Survey.VersionPublished",
          {"title_th": "ทดสอบ", "title_en": "Test", "questions": [QUESTION]}),
    Route("retire survey", "DELETE", "/v1/surveys/a11", ADMIN, 204, "surveys:Survey.Retired"),
    Route("register unit", "POST", "/v1/units/", ADMIN, 201, "units:Unit.Registered",
          {"code": "NEWU", "name_th": "หน่วยใหม่", "name_en": "New unit", "parent_code": "BMA"}),
    Route("read unit", "GET", "/v1/units/PNK", frozenset({"admin", "auditor", "manager_a"}), 200),
    Route("adopt systems", "PUT", "/v1/units/PNK/systems", MANAGE_A, 200, "units:Unit.SystemsAdopted",
          {"systems": ["services", "evaluation", "crisis"]}),
    Route("define indicator", "POST", "/v1/units/PNK/indicators", MANAGE_A, 201, "units:Unit.IndicatorDefined",
          INDICATOR),
    Route("revise target", "PUT", "/v1/units/PNK/indicators/csat/target", MANAGE_A, 200, "units:Unit.TargetRevised",
          {"target": 0.9}),
    Route("retire indicator", "DELETE", "/v1/units/PNK/indicators/csat", MANAGE_A, 204,
          "units:Unit.IndicatorRetired"),
    Route("define service", "POST", "/v1/units/PNK/services", MANAGE_A, 201, "units:Unit.ServiceDefined",
          {"code": "parking", "name_th": "ขอที่จอดรถ", "name_en": "Parking permit", "sla_hours": 24.0}),
    Route("register kiosk", "POST", "/v1/kiosks/", ADMIN, 201, "channels:Kiosk.Registered",
          {"kiosk_id": "PNK-FLOOR-2", "unit_code": "PNK", "location": "ชั้น 2"}),
    Route("retire kiosk", "DELETE", "/v1/kiosks/PNK-LOBBY-1", ADMIN, 204, "channels:Kiosk.Retired"),
    Route("issue QR code", "POST", "/v1/qr-codes/", MANAGE_A, 201, "channels:QrCode.Issued",
          {"unit_code": "PNK", "service_code": "id_card"}),
    Route("revoke QR code", "DELETE", "/v1/qr-codes/{qr_a}", MANAGE_A, 204, "channels:QrCode.Revoked",
          params={"reason": "poster removed"}),
    Route("issue token", "POST", "/v1/tokens/", ADMIN, 201, "access:ApiToken.Issued",
          {"role": "manager", "unit_code": "PNK", "label": "second PNK manager"}),
    Route("revoke token", "DELETE", "/v1/tokens/{spare_token_id}", ADMIN, 204, "access:ApiToken.Revoked"),
    Route("record case events", "POST", "/v1/cases/events", frozenset({"admin", "integration_a"}), 200,
          "cases:ServiceCase.Opened",
          {"events": [{"type": "opened", "case_id": "R-1", "unit_code": "PNK", "service_code": "id_card",
                       "at": "2026-11-02T09:00:00+07:00"}]},
          records_actor=False),
    Route("flag response", "POST", "/v1/responses/{response_id}/flag", MANAGE_A, 204, "responses:Response.Flagged",
          {"reason": "the same person pressed 40 times"}),
    Route("unflag response", "DELETE", "/v1/responses/{flagged_id}/flag", MANAGE_A, 204,
          "responses:Response.Unflagged", params={"reason": "a real queue of 40 people"}),
    Route("submit web response", "POST", "/v1/responses/", frozenset({"admin", "integration_a"}), 201,
          "responses:Response.Submitted",
          {"survey_code": "a11", "survey_version": 1, "channel": "web", "unit_code": "PNK",
           "answers": {"satisfaction": 4}},
          records_actor=False),
)


def expected_status(route: Route, who: str) -> int:
    """What `who` should get from `route`."""
    if who == "none":
        return 401
    return route.success if who in route.allowed else 403


def matrix() -> list[Any]:
    return [pytest.param(route, who, id=f"{route.name}-{who}") for route in ROUTES for who in WHO]


def token_id(token: str) -> str:
    return token.split(".")[1]


@pytest.fixture
def placeholders(client: TestClient[Litestar], siang: Siang, tokens: dict[str, str],
                 auth: dict[str, dict[str, str]]) -> dict[str, str]:
    """What the matrix's paths refer to: a PNK response, a flagged one, a spare token, PNK's QR code."""
    ids = []
    for _ in range(2):
        response_id = str(uuid.uuid4())
        answer = client.post("/v1/responses/", headers=auth["kiosk_a"], json={
            "response_id": response_id, "survey_code": "a11", "survey_version": 1, "channel": "kiosk",
            "answers": {"satisfaction": 2}, "client_time": datetime.now(UTC).isoformat()})
        assert answer.status_code == 201, answer.text
        ids.append(response_id)
    admin = Principal("admin", token_id(tokens["admin"]))
    siang.collector.flag_response(uuid.UUID(ids[1]), "looks automated", admin)
    spare, _ = siang.collector.issue_token("auditor", None, "spare", "test")
    return {"response_id": ids[0], "flagged_id": ids[1], "spare_token_id": spare, "qr_a": tokens["qr_a"]}


@pytest.mark.parametrize(("route", "who"), matrix())
def test_role_matrix(route: Route, who: str, client: TestClient[Litestar], siang: Siang,
                     tokens: dict[str, str], auth: dict[str, dict[str, str]], placeholders: dict[str, str]) -> None:
    body = dict(route.body) if route.body is not None else None
    if body is not None and route.name == "submit web response":
        body |= {"response_id": str(uuid.uuid4()), "client_time": datetime.now(UTC).isoformat()}
    path = route.path.format(**placeholders)
    head = log_head(siang)

    answer = client.request(route.method, path, json=body, params=route.params, headers=auth[who])

    expected = expected_status(route, who)
    assert answer.status_code == expected, answer.text
    written = written_since(siang, head)
    if expected >= 400:
        assert answer.headers["content-type"] == PROBLEM_JSON
        problem = answer.json()
        assert problem["status"] == expected
        assert problem["instance"] == path.rstrip("/")
        assert written == [], "a refused call wrote to the log"
        return
    if route.topic is None:
        assert written == []
        assert answer.json()["code"] == "PNK"
        return
    topics = [n.topic for n in written]
    assert DOMAIN + route.topic in topics
    if route.records_actor:
        for notification in written:
            event = siang.collector.mapper.to_domain_event(notification)
            assert vars(event)["actor"] == f"{who.split('_', maxsplit=1)[0]}:{token_id(tokens[who])}"


def test_every_protected_route_is_in_the_matrix(client: TestClient[Litestar]) -> None:
    """Each route the API serves is either public or a row of the matrix, and each row is served."""
    document = client.get("/schema/openapi.json").json()
    not_in_matrix = {("GET", "/v1/health"), ("GET", "/v1/ready"), ("GET", "/v1/surveys/{code}"),
              ("GET", "/v1/surveys/{code}/versions/{version}"), ("GET", "/v1/qr-codes/{token}"),
              ("POST", "/v1/responses/batch")}
    served = {(method.upper(), path) for path, item in document["paths"].items() for method in item} - not_in_matrix
    concrete = [(route.method, re.sub(r"\{[^}]+\}", "x", route.path)) for route in ROUTES]

    def matches(template: tuple[str, str], call: tuple[str, str]) -> bool:
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template[1])) + "/?$"
        return template[0] == call[0] and re.match(pattern, call[1]) is not None

    unmatched_routes = [t for t in served if not any(matches(t, call) for call in concrete)]
    unmatched_rows = [call for call in concrete if not any(matches(t, call) for t in served)]
    assert unmatched_routes == []
    assert unmatched_rows == []
