"""Submitting responses by kiosk, QR code and web; idempotency; revoked credentials; abuse flags."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from eventsourcing.persistence import StoredEvent
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang, build, build_http
from services.collector.domain.ids import stable_id
from services.collector.settings import Settings
from tests.integration.logcheck import PROBLEM_JSON, log_head, written_since

SUBMITTED = "services.collector.domain.responses:Response.Submitted"


def event_state(siang: Siang, stored: StoredEvent) -> dict[str, Any]:
    return vars(siang.collector.mapper.to_domain_event(stored))


def body(channel: str = "kiosk", **changes: Any) -> dict[str, Any]:
    submission: dict[str, Any] = {
        "response_id": str(uuid.uuid4()), "survey_code": "a11", "survey_version": 1, "channel": channel,
        "answers": {"satisfaction": 4, "ease": 5, "comment": "บริการดีมาก"},
        "client_time": "2025-03-18T09:30:00+07:00",
    }
    submission.update(changes)
    return submission


def assert_problem(answer: httpx.Response, status: int, field: str | None) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json()["status"] == status
    assert answer.json().get("field") == field


def submissions_of(siang: Siang, response_id: str) -> list[StoredEvent]:
    events = siang.collector.recorder.select_events(stable_id("response", response_id))
    return [e for e in events if e.topic == SUBMITTED]


def test_a_kiosk_response_is_recorded_with_what_the_kiosk_implies(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    submission = body(profile={"age_band": "25_34", "language": "th"}, consent=True)
    head = log_head(siang)

    answer = client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"])

    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["response_id"] == submission["response_id"]
    assert receipt["survey_code"] == "a11"
    assert receipt["survey_version"] == 1
    assert receipt["status"] == "recorded"
    assert datetime.fromisoformat(receipt["received_at"]).tzinfo is not None
    written = written_since(siang, head)
    assert [n.topic for n in written] == [SUBMITTED]
    assert written[0].originator_id == stable_id("response", submission["response_id"])
    state = event_state(siang, written[0])
    assert state["unit_code"] == "PNK"
    assert state["channel"] == "kiosk"
    assert state["kiosk_id"] == "PNK-LOBBY-1"
    assert state["qr_token"] is None
    assert state["answers"] == submission["answers"]
    assert state["profile"] == {"age_band": "25_34", "language": "th"}
    assert state["consent"] is True


def test_a_resubmission_gets_the_identical_receipt_and_writes_nothing(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    submission = body()
    first = client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"])
    assert first.status_code == 201
    head = log_head(siang)

    again = client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"])
    reordered = client.post("/v1/responses/", json=dict(reversed(submission.items())), headers=auth["kiosk_a"])

    assert again.status_code == 200
    assert again.content == first.content
    assert reordered.status_code == 200
    assert reordered.content == first.content
    assert log_head(siang) == head
    assert len(submissions_of(siang, submission["response_id"])) == 1


def test_a_resubmission_to_another_worker_gets_the_identical_receipt(
        client: TestClient[Litestar], settings: Settings, auth: dict[str, dict[str, str]]) -> None:
    submission = body()
    first = client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"])
    assert first.status_code == 201
    other = build(settings)
    try:
        with TestClient(build_http(other)) as other_client:
            again = other_client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"])
    finally:
        other.close()
    assert again.status_code == 200, again.text
    assert again.content == first.content


@pytest.mark.parametrize(("who", "changes"), [
    pytest.param("kiosk_a", {"answers": {"satisfaction": 1}}, id="other-answers"),
    pytest.param("kiosk_a", {"client_time": "2025-03-18T09:31:00+07:00"}, id="other-time"),
    pytest.param("kiosk_a", {"profile": {"gender": "female"}, "consent": True}, id="added-profile"),
    pytest.param("kiosk_b", {}, id="other-kiosk"),
])
def test_the_same_id_with_a_different_body_is_a_conflict(
        who: str, changes: dict[str, Any], client: TestClient[Litestar], siang: Siang,
        auth: dict[str, dict[str, str]]) -> None:
    submission = body()
    assert client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"]).status_code == 201
    head = log_head(siang)

    answer = client.post("/v1/responses/", json={**submission, **changes}, headers=auth[who])

    assert_problem(answer, 409, "response_id")
    assert log_head(siang) == head
    recorded = submissions_of(siang, submission["response_id"])
    assert len(recorded) == 1
    assert event_state(siang, recorded[0])["answers"] == submission["answers"]


def test_a_qr_response_is_anonymous_and_takes_the_codes_unit_and_service(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    issued = client.post("/v1/qr-codes/", json={"unit_code": "PTW", "service_code": "house_reg"},
                         headers=auth["manager_b"])
    assert issued.status_code == 201, issued.text
    token = issued.json()["token"]
    public = client.get(f"/v1/qr-codes/{token}")
    assert public.status_code == 200
    assert public.json() == issued.json()
    assert public.json()["unit_name_en"] == "Pathum Wan District Office"
    assert public.json()["active"] is True
    head = log_head(siang)

    answer = client.post("/v1/responses/", json=body("qr", qr_token=token))
    contradicting = client.post("/v1/responses/", json=body("qr", qr_token=token, service_code="id_card"))

    assert answer.status_code == 201, answer.text
    assert_problem(contradicting, 422, "service_code")
    written = written_since(siang, head)
    assert len(written) == 1
    state = event_state(siang, written[0])
    assert state["channel"] == "qr"
    assert state["unit_code"] == "PTW"
    assert state["service_code"] == "house_reg"
    assert state["qr_token"] == token
    assert state["kiosk_id"] is None


def test_a_revoked_qr_code_is_refused(client: TestClient[Litestar], siang: Siang, tokens: dict[str, str],
                                      auth: dict[str, dict[str, str]]) -> None:
    token = tokens["qr_a"]
    assert client.post("/v1/responses/", json=body("qr", qr_token=token)).status_code == 201
    revoked = client.delete(f"/v1/qr-codes/{token}", params={"reason": "poster defaced"}, headers=auth["manager_a"])
    assert revoked.status_code == 204
    assert client.get(f"/v1/qr-codes/{token}").json()["active"] is False
    head = log_head(siang)

    answer = client.post("/v1/responses/", json=body("qr", qr_token=token))

    assert_problem(answer, 422, "qr_token")
    assert_problem(client.delete(f"/v1/qr-codes/{token}", headers=auth["admin"]), 409, "token")
    assert log_head(siang) == head


def test_a_retired_kiosks_token_is_401(client: TestClient[Litestar], siang: Siang,
                                       auth: dict[str, dict[str, str]]) -> None:
    assert client.delete("/v1/kiosks/PNK-LOBBY-1", headers=auth["admin"]).status_code == 204
    head = log_head(siang)

    single = client.post("/v1/responses/", json=body(), headers=auth["kiosk_a"])
    batch = client.post("/v1/responses/batch", json={"responses": [body()]}, headers=auth["kiosk_a"])
    still_working = client.post("/v1/responses/", json=body(), headers=auth["kiosk_b"])

    assert_problem(single, 401, None)
    assert_problem(batch, 401, None)
    assert still_working.status_code == 201
    assert log_head(siang) == head + 1


def test_a_new_kiosks_token_works_and_a_wrong_secret_does_not(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    registered = client.post("/v1/kiosks/", json={"kiosk_id": "PTW-2F", "unit_code": "PTW", "location": "ชั้น 2"},
                             headers=auth["admin"])
    assert registered.status_code == 201, registered.text
    device = registered.json()["device_token"]
    assert device.startswith("kio.PTW-2F.")
    forged = device[:-4] + ("AAAA" if not device.endswith("AAAA") else "BBBB")

    assert_problem(client.post("/v1/responses/", json=body(), headers={"Authorization": f"Bearer {forged}"}), 401, None)
    head = log_head(siang)
    answer = client.post("/v1/responses/", json=body(), headers={"Authorization": f"Bearer {device}"})
    assert answer.status_code == 201, answer.text
    state = event_state(siang, written_since(siang, head)[0])
    assert state["kiosk_id"] == "PTW-2F"
    assert state["unit_code"] == "PTW"


def test_a_revoked_api_token_is_401(client: TestClient[Litestar], siang: Siang, tokens: dict[str, str],
                                    auth: dict[str, dict[str, str]]) -> None:
    web = body("web", unit_code="PNK")
    assert client.post("/v1/responses/", json=web, headers=auth["integration_a"]).status_code == 201
    integration_id = tokens["integration_a"].split(".")[1]
    assert client.delete(f"/v1/tokens/{integration_id}", headers=auth["admin"]).status_code == 204
    head = log_head(siang)

    assert_problem(client.post("/v1/responses/", json=body("web", unit_code="PNK"), headers=auth["integration_a"]),
                   401, None)
    assert_problem(client.post("/v1/cases/events", headers=auth["integration_a"], json={"events": [
        {"type": "opened", "case_id": "c1", "service_code": "id_card", "at": "2026-11-28T09:00:00+07:00"}]}),
        401, None)
    assert_problem(client.delete(f"/v1/tokens/{integration_id}", headers=auth["admin"]), 409, "token_id")
    assert log_head(siang) == head


def test_an_issued_token_works_until_revoked(client: TestClient[Litestar], siang: Siang,
                                             auth: dict[str, dict[str, str]]) -> None:
    issued = client.post("/v1/tokens/", json={"role": "auditor", "label": "audit office"}, headers=auth["admin"])
    assert issued.status_code == 201, issued.text
    token = issued.json()
    assert token["role"] == "auditor"
    assert token["unit_code"] is None
    assert token["token"].startswith(f"sia.{token['token_id']}.")
    header = {"Authorization": f"Bearer {token['token']}"}
    assert client.get("/v1/units/PTW", headers=header).status_code == 200
    assert token["token"].split(".")[2] not in str(written_since(siang, 0)), "the secret itself was recorded"

    assert client.delete(f"/v1/tokens/{token['token_id']}", headers=auth["admin"]).status_code == 204
    assert_problem(client.get("/v1/units/PTW", headers=header), 401, None)


@pytest.mark.parametrize(("who", "unit", "status"), [
    pytest.param("admin", "PTW", 201, id="admin"),
    pytest.param("integration_a", "PNK", 201, id="own-integration"),
    pytest.param("integration_b", "PNK", 403, id="other-units-integration"),
    pytest.param("kiosk_a", "PNK", 403, id="kiosk"),
    pytest.param("manager_a", "PNK", 403, id="manager"),
])
def test_web_responses_come_from_an_admin_or_the_units_integration(
        who: str, unit: str, status: int, client: TestClient[Litestar], siang: Siang,
        auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    answer = client.post("/v1/responses/", json=body("web", unit_code=unit), headers=auth[who])
    assert answer.status_code == status, answer.text
    written = written_since(siang, head)
    if status == 201:
        assert len(written) == 1
        assert event_state(siang, written[0])["unit_code"] == unit
        assert event_state(siang, written[0])["channel"] == "web"
    else:
        assert answer.headers["content-type"] == PROBLEM_JSON
        assert written == []


def test_an_anonymous_kiosk_response_is_401(client: TestClient[Litestar], siang: Siang) -> None:
    head = log_head(siang)
    assert_problem(client.post("/v1/responses/", json=body()), 401, None)
    assert log_head(siang) == head


def test_a_malformed_authorization_header_is_401(client: TestClient[Litestar], tokens: dict[str, str]) -> None:
    for header in (f"Basic {tokens['admin']}", "Bearer", "Bearer not-a-token", f"Bearer {tokens['qr_a']}"):
        answer = client.get("/v1/health", headers={"Authorization": header})
        assert_problem(answer, 401, None)


def test_a_retired_survey_takes_no_more_responses(client: TestClient[Litestar], siang: Siang,
                                                  auth: dict[str, dict[str, str]]) -> None:
    assert client.delete("/v1/surveys/a11", headers=auth["admin"]).status_code == 204
    assert client.get("/v1/surveys/a11").json()["retired"] is True
    assert client.get("/v1/surveys/a11/versions/1").json()["retired"] is True
    head = log_head(siang)

    assert_problem(client.post("/v1/responses/", json=body(), headers=auth["kiosk_a"]), 422, "survey_code")
    assert_problem(client.post("/v1/surveys/a11/versions", headers=auth["admin"], json={
        "title_th": "t", "title_en": "t",
        "questions": [{"id": "q1", "kind": "thumbs", "text_th": "a", "text_en": "a", "required": True}]}),
        409, "code")
    assert_problem(client.delete("/v1/surveys/a11", headers=auth["admin"]), 409, "code")
    assert log_head(siang) == head


def test_flags_are_set_and_taken_back_by_the_units_manager_or_an_admin(
        client: TestClient[Litestar], siang: Siang, tokens: dict[str, str], auth: dict[str, dict[str, str]]) -> None:
    submission = body()
    assert client.post("/v1/responses/", json=submission, headers=auth["kiosk_a"]).status_code == 201
    flag_path = f"/v1/responses/{submission['response_id']}/flag"
    head = log_head(siang)

    assert_problem(client.post(flag_path, json={"reason": "x"}, headers=auth["manager_b"]), 403, None)
    assert_problem(client.post(flag_path, json={"reason": "x"}, headers=auth["auditor"]), 403, None)
    assert_problem(client.post(flag_path, json={"reason": ""}, headers=auth["manager_a"]), 400, "reason")
    assert_problem(client.delete(flag_path, params={"reason": "x"}, headers=auth["manager_a"]), 409, "response_id")
    assert log_head(siang) == head

    assert client.post(flag_path, json={"reason": "staff member rating herself"},
                       headers=auth["manager_a"]).status_code == 204
    assert_problem(client.post(flag_path, json={"reason": "again"}, headers=auth["admin"]), 409, "response_id")
    assert client.delete(flag_path, params={"reason": "it was a citizen"}, headers=auth["admin"]).status_code == 204

    written = written_since(siang, head)
    assert [n.topic.rsplit(".", 1)[1] for n in written] == ["Flagged", "Unflagged"]
    flagged, unflagged = (event_state(siang, n) for n in written)
    assert flagged["reason"] == "staff member rating herself"
    assert flagged["actor"] == f"manager:{tokens['manager_a'].split('.')[1]}"
    assert unflagged["reason"] == "it was a citizen"
    assert unflagged["actor"] == f"admin:{tokens['admin'].split('.')[1]}"


def test_a_unit_registered_after_a_refused_response_is_usable_at_once(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    assert_problem(client.post("/v1/responses/", json=body("web", unit_code="LKB"), headers=auth["admin"]),
                   404, "unit_code")
    registered = client.post("/v1/units/", json={"code": "LKB", "name_th": "สำนักงานเขตลาดกระบัง",
                                                 "name_en": "Lat Krabang District Office"}, headers=auth["admin"])
    assert registered.status_code == 201, registered.text
    assert client.post("/v1/responses/", json=body("web", unit_code="LKB"), headers=auth["admin"]).status_code == 201


def test_a_survey_published_after_a_404_is_readable_at_once(client: TestClient[Litestar],
                                                            auth: dict[str, dict[str, str]]) -> None:
    assert_problem(client.get("/v1/surveys/exit"), 404, "code")
    published = client.post("/v1/surveys/exit/versions", headers=auth["admin"], json={
        "title_th": "t", "title_en": "t",
        "questions": [{"id": "q1", "kind": "thumbs", "text_th": "a", "text_en": "a", "required": True}]})
    assert published.status_code == 201
    assert client.get("/v1/surveys/exit").status_code == 200


def test_a_kiosk_registered_after_a_refused_token_works_at_once(client: TestClient[Litestar],
                                                                auth: dict[str, dict[str, str]]) -> None:
    probe = {"Authorization": "Bearer kio.PNK-3F.not-the-secret"}
    assert_problem(client.post("/v1/responses/", json=body(), headers=probe), 401, None)
    registered = client.post("/v1/kiosks/", json={"kiosk_id": "PNK-3F", "unit_code": "PNK", "location": "ชั้น 3"},
                             headers=auth["admin"])
    assert registered.status_code == 201
    device = {"Authorization": f"Bearer {registered.json()['device_token']}"}
    assert client.post("/v1/responses/", json=body(), headers=device).status_code == 201
