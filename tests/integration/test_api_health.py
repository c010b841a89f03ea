"""Liveness, readiness, the OpenAPI document, and what clients hear when the log is unavailable."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from eventsourcing.persistence import OperationalError
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang
from tests.integration.logcheck import PROBLEM_JSON

ROUTES = {
    ("get", "/v1/health"), ("get", "/v1/ready"),
    ("get", "/v1/surveys/{code}"), ("delete", "/v1/surveys/{code}"), ("get", "/v1/surveys/{code}/versions/{version}"),
    ("post", "/v1/surveys/{code}/versions"),
    ("post", "/v1/responses"), ("post", "/v1/responses/batch"),
    ("post", "/v1/responses/{response_id}/flag"), ("delete", "/v1/responses/{response_id}/flag"),
    ("post", "/v1/units"), ("get", "/v1/units/{code}"), ("put", "/v1/units/{code}/systems"),
    ("post", "/v1/units/{code}/indicators"), ("put", "/v1/units/{code}/indicators/{indicator}/target"),
    ("delete", "/v1/units/{code}/indicators/{indicator}"), ("post", "/v1/units/{code}/services"),
    ("post", "/v1/kiosks"), ("delete", "/v1/kiosks/{kiosk_id}"),
    ("post", "/v1/qr-codes"), ("get", "/v1/qr-codes/{token}"), ("delete", "/v1/qr-codes/{token}"),
    ("post", "/v1/tokens"), ("delete", "/v1/tokens/{token_id}"),
    ("post", "/v1/cases/events"),
}


def test_health_answers_without_the_log(client: TestClient[Litestar]) -> None:
    answer = client.get("/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_ready_reports_the_backend_and_the_log_head(client: TestClient[Litestar], siang: Siang, backend: str) -> None:
    answer = client.get("/v1/ready")
    assert answer.status_code == 200
    ready = answer.json()
    assert ready["status"] == "ready"
    assert ready["backend"] == backend
    assert ready["log_head"] == siang.collector.recorder.max_notification_id()
    assert ready["log_head"] > 0
    assert ready["queue_depth"] == 0


def submission() -> dict[str, Any]:
    return {"response_id": str(uuid.uuid4()), "survey_code": "a11", "survey_version": 1, "channel": "kiosk",
            "answers": {"satisfaction": 5}, "client_time": "2025-03-18T10:00:00+07:00"}


def test_an_unavailable_log_is_503_with_retry_after(client: TestClient[Litestar], siang: Siang,
                                                     auth: dict[str, dict[str, str]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What the event store raises when its database is down becomes 503 + Retry-After, and the API recovers."""
    head = siang.collector.recorder.max_notification_id() or 0

    def down(*_: object, **__: object) -> None:
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        for method in ("max_notification_id", "insert_events", "select_events", "select_notifications"):
            patch.setattr(siang.collector.recorder, method, down)
        ready = client.get("/v1/ready")
        submitted = client.post("/v1/responses/", headers=auth["kiosk_a"], json=submission())
        flagged = client.post(f"/v1/responses/{uuid.uuid4()}/flag", json={"reason": "x"}, headers=auth["admin"])

    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    assert ready.headers["retry-after"].isdigit()
    for answer in (submitted, flagged):
        assert answer.status_code == 503, answer.text
        assert answer.headers["content-type"] == PROBLEM_JSON
        assert answer.headers["retry-after"].isdigit()
        assert answer.json()["status"] == 503
    assert siang.collector.recorder.max_notification_id() == head
    again = client.post("/v1/responses/", headers=auth["kiosk_a"], json=submission())
    assert again.status_code == 201, again.text
    assert client.get("/v1/ready").json()["log_head"] == head + 1


def test_the_openapi_document_lists_every_route(client: TestClient[Litestar]) -> None:
    answer = client.get("/schema/openapi.json")
    assert answer.status_code == 200
    document = answer.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Siang API"
    served = {(method, path) for path, item in document["paths"].items() for method in item}
    assert served == ROUTES
    operation_ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))


def test_the_openapi_document_describes_problems(client: TestClient[Litestar]) -> None:
    document = client.get("/schema/openapi.json").json()
    submit = document["paths"]["/v1/responses"]["post"]
    assert {"201", "400", "409", "422"} <= set(submit["responses"])
    assert PROBLEM_JSON in submit["responses"]["409"]["content"]
    assert "ResponseIn" in str(submit["requestBody"])
