"""Bad input: every refusal is an RFC 9457 problem naming the offending field, and writes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang, build, build_http
from services.collector.demo import seed_demo
from services.collector.settings import Settings
from tests.integration.logcheck import PROBLEM_JSON, log_head

LAX_INT_BUG = ("BUG: Litestar converts request bodies with strict=False, so the string \"1\" is accepted for the "
               "integer survey_version (schemas.py ResponseIn / litestar _signature/model.py)")


def kiosk_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "response_id": str(uuid.uuid4()), "survey_code": "a11", "survey_version": 1, "channel": "kiosk",
        "answers": {"satisfaction": 5, "fairness": 4}, "client_time": datetime.now(UTC).isoformat(),
    }
    body.update(changes)
    return body


def without(key: str) -> Callable[[dict[str, Any]], None]:
    def drop(body: dict[str, Any]) -> None:
        del body[key]

    return drop


def assert_problem(answer: httpx.Response, status: int, field: str | None, *, instance: str) -> dict[str, Any]:
    """The answer is an RFC 9457 problem of `status` about `field` (None: about no single field)."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    problem: dict[str, Any] = answer.json()
    assert problem["status"] == status
    assert problem["type"].startswith("urn:siang:problem:")
    assert problem["title"]
    assert problem["detail"]
    assert problem["instance"] == instance
    assert problem.get("field") == field
    return problem


@dataclass(frozen=True)
class Bad:
    """A kiosk submission with one thing wrong, and the problem it should get."""

    body: dict[str, Any]
    status: int
    field: str | None
    who: str = "kiosk_a"
    drop: str | None = None
    also: int | None = None  # another status that is just as right (a wire-type or a domain refusal)


def future(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


BAD_SUBMISSIONS = [
    pytest.param(Bad({"bogus": 1}, 400, "bogus"), id="unknown-field"),
    pytest.param(Bad({"profile": {"age_band": "25_34", "foo": "x"}, "consent": True}, 400, "profile.foo"),
                 id="unknown-nested-field"),
    pytest.param(Bad({}, 400, "response_id", drop="response_id"), id="missing-field"),
    pytest.param(Bad({"response_id": "not-a-uuid"}, 400, "response_id"), id="bad-uuid"),
    pytest.param(Bad({"response_id": str(uuid.uuid4())[:-1]}, 400, "response_id"), id="short-uuid"),
    pytest.param(Bad({"client_time": "2026-11-28T09:30:00"}, 422, "client_time"), id="time-without-offset"),
    pytest.param(Bad({"client_time": future(days=1)}, 422, "client_time"), id="time-far-future"),
    pytest.param(Bad({"client_time": future(seconds=600)}, 422, "client_time"), id="time-beyond-skew"),
    pytest.param(Bad({"client_time": "yesterday"}, 400, "client_time"), id="time-not-a-time"),
    pytest.param(Bad({"channel": "web", "unit_code": "NOPE"}, 404, "unit_code", who="admin"), id="unknown-unit"),
    pytest.param(Bad({"channel": "web", "unit_code": "PNK", "survey_code": "nope"}, 404, "survey_code", who="admin"),
                 id="unknown-survey"),
    pytest.param(Bad({"survey_version": 7}, 404, "survey_version"), id="unknown-survey-version"),
    pytest.param(Bad({"survey_version": 0}, 400, "survey_version"), id="survey-version-zero"),
    pytest.param(Bad({"answers": {"satisfaction": 5, "speed": 3}}, 422, "answers.speed"), id="unknown-question"),
    pytest.param(Bad({"answers": {"fairness": 3}}, 422, "answers.satisfaction"), id="required-answer-missing"),
    pytest.param(Bad({"answers": {"satisfaction": 6}}, 422, "answers.satisfaction"), id="scale-too-high"),
    pytest.param(Bad({"answers": {"satisfaction": 0}}, 422, "answers.satisfaction"), id="scale-too-low"),
    pytest.param(Bad({"answers": {"satisfaction": 5, "trust": -1}}, 422, "answers.trust"), id="scale-negative"),
    pytest.param(Bad({"answers": {"satisfaction": "five"}}, 422, "answers.satisfaction"), id="string-for-scale"),
    pytest.param(Bad({"answers": {"satisfaction": "5"}}, 422, "answers.satisfaction"), id="digits-for-scale"),
    pytest.param(Bad({"answers": {"satisfaction": 5, "comment": 7}}, 422, "answers.comment"), id="int-for-text"),
    pytest.param(Bad({"answers": {"satisfaction": True}}, 422, "answers.satisfaction", also=400), id="bool-for-scale"),
    pytest.param(Bad({"answers": {"satisfaction": 4.5}}, 422, "answers.satisfaction", also=400), id="float-for-scale"),
    pytest.param(Bad({"answers": {"satisfaction": 5, "comment": "ก" * 2001}}, 422, "answers.comment", also=400),
                 id="comment-too-long"),
    pytest.param(Bad({"survey_version": True}, 400, "survey_version"), id="bool-for-int"),
    pytest.param(Bad({"survey_version": 1.5}, 400, "survey_version"), id="float-for-int"),
    pytest.param(Bad({"survey_version": "1"}, 400, "survey_version"), id="string-for-int",
                 marks=pytest.mark.xfail(reason=LAX_INT_BUG, strict=True)),
    pytest.param(Bad({"consent": "yes"}, 400, "consent"), id="string-for-bool"),
    pytest.param(Bad({"channel": "sms"}, 400, "channel"), id="unknown-channel"),
    pytest.param(Bad({"answers": [5]}, 400, "answers"), id="answers-not-an-object"),
    pytest.param(Bad({"answers": {f"q{i}": 1 for i in range(16)}}, 400, "answers"), id="too-many-answers"),
    pytest.param(Bad({"survey_code": "a b"}, 400, "survey_code"), id="malformed-code"),
    pytest.param(Bad({"profile": {"age_band": "25_34"}}, 422, "profile"), id="profile-without-consent"),
    pytest.param(Bad({"profile": {"age_band": "ancient"}, "consent": True}, 422, "profile.age_band"),
                 id="profile-unknown-value"),
    pytest.param(Bad({"profile": {"disability": "yes"}, "consent": True}, 422, "profile.disability"),
                 id="sensitive-without-its-consent"),
    pytest.param(Bad({"unit_code": "PTW"}, 422, "unit_code"), id="kiosk-contradicts-unit"),
    pytest.param(Bad({"survey_code": "other"}, 422, "survey_code"), id="kiosk-other-survey"),
    pytest.param(Bad({"service_code": "nope"}, 422, "service_code"), id="unknown-service"),
    pytest.param(Bad({"channel": "qr"}, 422, "qr_token", who="none"), id="qr-without-token"),
    pytest.param(Bad({"channel": "qr", "qr_token": "0" * 32}, 404, "qr_token", who="none"), id="unknown-qr-token"),
    pytest.param(Bad({"channel": "qr", "qr_token": "not a token!"}, 400, "qr_token", who="none"),
                 id="malformed-qr-token"),
]


@pytest.mark.parametrize("bad", BAD_SUBMISSIONS)
def test_bad_submission(bad: Bad, client: TestClient[Litestar], siang: Siang,
                        auth: dict[str, dict[str, str]]) -> None:
    body = kiosk_body(**bad.body)
    if bad.drop is not None:
        del body[bad.drop]
    head = log_head(siang)

    answer = client.post("/v1/responses/", json=body, headers=auth[bad.who])

    status = bad.also if bad.also is not None and answer.status_code == bad.also else bad.status
    assert_problem(answer, status, bad.field, instance="/v1/responses")
    assert log_head(siang) == head


def test_a_time_within_the_allowed_skew_is_accepted(client: TestClient[Litestar],
                                                    auth: dict[str, dict[str, str]]) -> None:
    answer = client.post("/v1/responses/", json=kiosk_body(client_time=future(seconds=60)), headers=auth["kiosk_a"])
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize("content", [
    pytest.param(b'{"response_id": "\xff\xfe"}', id="in-a-value"),
    pytest.param(b'{"answers": {"comment": "\xc3\x28"}}', id="truncated-sequence"),
    pytest.param(b"\xef\xbb\xbf\xff{}", id="after-a-bom"),
])
def test_invalid_utf8_is_a_problem(content: bytes, client: TestClient[Litestar], siang: Siang,
                                   auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    answer = client.post("/v1/responses/", content=content,
                         headers={**auth["kiosk_a"], "content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json()["status"] == 400
    assert log_head(siang) == head


def test_malformed_json_is_a_problem(client: TestClient[Litestar], siang: Siang,
                                     auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    answer = client.post("/v1/responses/", content=b'{"response_id": ', headers={
        **auth["kiosk_a"], "content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert log_head(siang) == head


def test_a_body_over_the_default_limit_is_413(client: TestClient[Litestar], siang: Siang,
                                              auth: dict[str, dict[str, str]]) -> None:
    limit = siang.settings.max_body_bytes
    body = kiosk_body(answers={"satisfaction": 5, "comment": "x" * limit})
    head = log_head(siang)
    answer = client.post("/v1/responses/", json=body, headers=auth["kiosk_a"])
    assert_problem(answer, 413, None, instance="/v1/responses")
    assert log_head(siang) == head


@pytest.fixture
def small_client(
        make_settings: Callable[..., Settings]) -> Iterator[tuple[TestClient[Litestar], Siang, dict[str, str]]]:
    """An app whose body limit is 1 KiB, seeded with the demo; yields (client, siang, kiosk headers)."""
    siang = build(make_settings(max_body_bytes=1024))
    try:
        creds = seed_demo(siang.collector, "test")
        with TestClient(build_http(siang)) as client:
            yield client, siang, {"Authorization": f"Bearer {creds.kiosks[0][2]}"}
    finally:
        siang.close()


def test_the_body_limit_follows_the_setting(small_client: tuple[TestClient[Litestar], Siang, dict[str, str]]) -> None:
    client, siang, kiosk = small_client
    head = log_head(siang)
    big = kiosk_body(answers={"satisfaction": 5, "comment": "x" * 1100})
    assert_problem(client.post("/v1/responses/", json=big, headers=kiosk), 413, None, instance="/v1/responses")
    assert log_head(siang) == head

    def chunks() -> Iterator[bytes]:
        for _ in range(12):
            yield b"x" * 100

    streamed = client.post("/v1/responses/", content=chunks(), headers={**kiosk, "content-type": "application/json"})
    assert_problem(streamed, 413, None, instance="/v1/responses")

    small = kiosk_body(answers={"satisfaction": 5, "comment": "x" * 500})
    assert client.post("/v1/responses/", json=small, headers=kiosk).status_code == 201
    assert log_head(siang) == head + 1


@pytest.mark.parametrize(("path", "body", "status", "field"), [
    pytest.param("/v1/units/", {"code": "X1", "name_th": "x", "name_en": "x", "bogus": True}, 400, "bogus",
                 id="unit-unknown-field"),
    pytest.param("/v1/units/", {"code": "X1", "name_th": "", "name_en": "x"}, 400, "name_th", id="unit-empty-name"),
    pytest.param("/v1/units/", {"code": "-X1", "name_th": "x", "name_en": "x"}, 400, "code", id="unit-bad-code"),
    pytest.param("/v1/units/", {"code": "X1", "name_th": "x", "name_en": "x", "parent_code": "NOPE"}, 404,
                 "parent_code", id="unit-unknown-parent"),
    pytest.param("/v1/units/", {"code": "PNK", "name_th": "x", "name_en": "x"}, 409, "code", id="unit-twice"),
    pytest.param("/v1/units/PNK/services", {"code": "s1", "name_th": "x", "name_en": "x", "sla_hours": 0}, 400,
                 "sla_hours", id="service-zero-sla"),
    pytest.param("/v1/units/PNK/services", {"code": "s1", "name_th": "x", "name_en": "x", "sla_hours": True}, 400,
                 "sla_hours", id="service-bool-sla"),
    pytest.param("/v1/units/PNK/services", {"code": "s1", "name_th": "x", "name_en": "x", "sla_hours": 1,
                                            "unit_cost": -5}, 400, "unit_cost", id="service-negative-cost"),
    pytest.param("/v1/units/PNK/services", {"code": "id_card", "name_th": "x", "name_en": "x", "sla_hours": 1},
                 409, "code", id="service-twice"),
    pytest.param("/v1/units/NOPE/services", {"code": "s1", "name_th": "x", "name_en": "x", "sla_hours": 1}, 404,
                 "unit_code", id="service-unknown-unit"),
    pytest.param("/v1/kiosks/", {"kiosk_id": "K1", "unit_code": "NOPE", "location": "x"}, 404, "unit_code",
                 id="kiosk-unknown-unit"),
    pytest.param("/v1/kiosks/", {"kiosk_id": "K1", "unit_code": "PNK", "location": "x", "survey_code": "nope"}, 404,
                 "survey_code", id="kiosk-unknown-survey"),
    pytest.param("/v1/kiosks/", {"kiosk_id": "PNK-LOBBY-1", "unit_code": "PNK", "location": "x"}, 409, "kiosk_id",
                 id="kiosk-twice"),
    pytest.param("/v1/qr-codes/", {"unit_code": "PNK", "service_code": "nope"}, 404, "service_code",
                 id="qr-unknown-service"),
    pytest.param("/v1/qr-codes/", {"unit_code": "NOPE"}, 404, "unit_code", id="qr-unknown-unit"),
    pytest.param("/v1/tokens/", {"role": "root"}, 400, "role", id="token-unknown-role"),
    pytest.param("/v1/tokens/", {"role": "manager"}, 422, "unit_code", id="token-manager-without-unit"),
    pytest.param("/v1/tokens/", {"role": "auditor", "unit_code": "PNK"}, 422, "unit_code",
                 id="token-auditor-with-unit"),
    pytest.param("/v1/tokens/", {"role": "integration", "unit_code": "NOPE"}, 404, "unit_code",
                 id="token-unknown-unit"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": []}, 400, "questions",
                 id="survey-no-questions"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "q1", "kind": "essay", "text_th": "a", "text_en": "a"}]}, 400, "questions[0].kind",
                 id="survey-unknown-kind"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "q1", "kind": "free_text", "text_th": "a", "text_en": "a", "required": True}]}, 422, "questions[0]",
                 id="survey-first-not-rating"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "q1", "kind": "scale5", "text_th": "a", "text_en": "a", "required": True},
        {"id": "q1", "kind": "scale5", "text_th": "b", "text_en": "b"}]}, 422, "questions[1].id",
                 id="survey-duplicate-question"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "Q1", "kind": "scale5", "text_th": "a", "text_en": "a", "required": True}]}, 422, "questions[0].id",
                 id="survey-bad-question-id"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "q1", "kind": "scale5", "text_th": "a", "text_en": "a", "required": True, "driver": "mood"}]}, 422,
                 "questions[0].driver", id="survey-unknown-driver"),
    pytest.param("/v1/surveys/s9/versions", {"title_th": "t", "title_en": "t", "questions": [
        {"id": "q1", "kind": "scale5", "text_th": "a", "text_en": "a", "required": True, "hint": "x"}]}, 400,
                 "questions[0].hint", id="survey-unknown-question-field"),
    pytest.param("/v1/units/PNK/indicators", {"code": "i1", "name_th": "x", "name_en": "x", "outcome": "joy",
                                              "system": "services", "measure": "csat", "target": 1,
                                              "direction": "higher_is_better", "period": "month"}, 422, "outcome",
                 id="indicator-unknown-outcome"),
    pytest.param("/v1/units/PNK/indicators", {"code": "i1", "name_th": "x", "name_en": "x", "outcome": "equity",
                                              "system": "crisis", "measure": "csat", "target": 1,
                                              "direction": "higher_is_better", "period": "month"}, 422, "system",
                 id="indicator-system-not-adopted"),
    pytest.param("/v1/units/PNK/indicators", {"code": "csat", "name_th": "x", "name_en": "x", "outcome": "equity",
                                              "system": "services", "measure": "csat", "target": 1,
                                              "direction": "higher_is_better", "period": "month"}, 409, "code",
                 id="indicator-twice"),
    pytest.param("/v1/units/PNK/indicators", {"code": "i1", "name_th": "x", "name_en": "x", "outcome": "equity",
                                              "system": "services", "measure": "csat", "target": 1,
                                              "direction": "sideways", "period": "month"}, 400, "direction",
                 id="indicator-unknown-direction"),
    pytest.param("/v1/units/PNK/indicators", {"code": "i1", "name_th": "x", "name_en": "x", "outcome": "equity",
                                              "system": "services", "measure": "csat", "target": 1,
                                              "direction": "higher_is_better", "period": "month",
                                              "scope": {"service": "nope"}}, 404, "scope.service",
                 id="indicator-unknown-service"),
    pytest.param("/v1/units/PNK/indicators", {"code": "i1", "name_th": "x", "name_en": "x", "outcome": "equity",
                                              "system": "services", "measure": "csat", "target": 1,
                                              "direction": "higher_is_better", "period": "month",
                                              "scope": {"colour": "red"}}, 400, "scope.colour",
                 id="indicator-unknown-scope-field"),
    pytest.param("/v1/units/PNK/indicators/nope/target", {"target": 1.0}, 404, "indicator",
                 id="target-unknown-indicator"),
    pytest.param("/v1/units/PNK/indicators/csat/target", {"target": "high"}, 400, "target",
                 id="target-string"),
    pytest.param("/v1/responses/batch", {"responses": []}, 400, "responses", id="batch-empty"),
    pytest.param("/v1/responses/batch", {"responses": [kiosk_body(bogus=1)]}, 400, "responses[0].bogus",
                 id="batch-item-unknown-field"),
    pytest.param("/v1/responses/batch", {"responses": [kiosk_body(response_id="nope")]}, 400,
                 "responses[0].response_id", id="batch-item-bad-uuid"),
    pytest.param("/v1/cases/events", {"events": [{"type": "lost", "case_id": "c1"}]}, 400, "events[0].type",
                 id="case-unknown-type"),
    pytest.param("/v1/cases/events", {"events": [{"type": "cost", "case_id": "c1", "amount": -1}]}, 400,
                 "events[0].amount", id="case-negative-cost"),
    pytest.param("/v1/cases/events", {"events": []}, 400, "events", id="case-no-events"),
])
def test_bad_admin_input(path: str, body: dict[str, Any], status: int, field: str, client: TestClient[Litestar],
                         siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    method = "PUT" if path.endswith("/target") else "POST"
    answer = client.request(method, path, json=body, headers=auth["admin"])
    assert_problem(answer, status, field, instance=path.rstrip("/"))
    assert log_head(siang) == head


@pytest.mark.parametrize(("method", "path", "status", "field"), [
    pytest.param("GET", "/v1/surveys/nope", 404, "code", id="unknown-survey"),
    pytest.param("GET", "/v1/surveys/a11/versions/2", 404, "survey_version", id="unknown-version"),
    pytest.param("GET", "/v1/surveys/a11/versions/two", 404, None, id="version-not-a-number"),
    pytest.param("GET", "/v1/units/NOPE", 404, "code", id="unknown-unit"),
    pytest.param("GET", "/v1/qr-codes/nope", 404, "qr_token", id="unknown-qr"),
    pytest.param("DELETE", "/v1/qr-codes/nope", 404, "qr_token", id="revoke-unknown-qr"),
    pytest.param("DELETE", "/v1/kiosks/NOPE", 404, "kiosk_id", id="retire-unknown-kiosk"),
    pytest.param("DELETE", "/v1/tokens/0000000000000000", 404, "token_id", id="revoke-unknown-token"),
    pytest.param("DELETE", "/v1/surveys/nope", 404, "survey_code", id="retire-unknown-survey"),
    pytest.param("DELETE", "/v1/units/PNK/indicators/nope", 404, "indicator", id="retire-unknown-indicator"),
    pytest.param("POST", "/v1/responses/not-a-uuid/flag", 404, None, id="flag-bad-uuid"),
    pytest.param("POST", f"/v1/responses/{uuid.uuid4()}/flag", 404, "response_id", id="flag-unknown-response"),
    pytest.param("DELETE", f"/v1/responses/{uuid.uuid4()}/flag", 400, "reason", id="unflag-without-reason"),
    pytest.param("PUT", "/v1/health", 405, None, id="wrong-method"),
])
def test_bad_paths(method: str, path: str, status: int, field: str | None, client: TestClient[Litestar],
                   siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    body = {"reason": "spam"} if method == "POST" else None
    answer = client.request(method, path, json=body, headers=auth["admin"])
    assert_problem(answer, status, field, instance=path)
    assert log_head(siang) == head
