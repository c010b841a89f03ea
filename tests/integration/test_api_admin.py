"""Administering units, surveys, kiosks and QR codes: what the API answers, reads back, and records."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from litestar import Litestar
from litestar.testing import TestClient

from services.collector.bootstrap import Siang
from tests.integration.logcheck import PROBLEM_JSON, log_head, states, written_since

DOMAIN = "services.collector.domain."


def assert_problem(answer: httpx.Response, status: int, field: str | None) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json().get("field") == field


def test_a_unit_is_registered_configured_and_read_back(client: TestClient[Litestar], siang: Siang,
                                                       tokens: dict[str, str], auth: dict[str, dict[str, str]]) -> None:
    admin = auth["admin"]
    head = log_head(siang)
    registered = client.post("/v1/units/", headers=admin, json={
        "code": "BRK", "name_th": "สำนักงานเขตบางรัก", "name_en": "Bang Rak District Office", "parent_code": "BMA",
        "district": "Bang Rak"})
    assert registered.status_code == 201, registered.text
    assert registered.json() == {"code": "BRK", "name_th": "สำนักงานเขตบางรัก", "name_en": "Bang Rak District Office",
                                 "parent_code": "BMA", "district": "Bang Rak", "systems": [], "indicators": [],
                                 "services": []}
    issued = client.post("/v1/tokens/", json={"role": "manager", "unit_code": "BRK"}, headers=admin)
    assert issued.status_code == 201
    manager = {"Authorization": f"Bearer {issued.json()['token']}"}

    systems = client.put("/v1/units/BRK/systems", json={"systems": ["services", "information"]}, headers=manager)
    assert systems.status_code == 200, systems.text
    assert systems.json()["systems"] == ["information", "services"]
    assert_problem(client.put("/v1/units/BRK/systems", json={"systems": ["services", "services"]}, headers=manager),
                   422, "systems")
    assert_problem(client.put("/v1/units/BRK/systems", json={"systems": ["services", "magic"]}, headers=manager),
                   422, "systems[1]")
    service = client.post("/v1/units/BRK/services", headers=manager, json={
        "code": "tax", "name_th": "ภาษีป้าย", "name_en": "Signboard tax", "sla_hours": 4, "unit_cost": 35.5})
    assert service.status_code == 201, service.text
    assert service.json() == {"code": "tax", "name_th": "ภาษีป้าย", "name_en": "Signboard tax", "sla_hours": 4.0,
                              "unit_cost": 35.5}
    indicator = client.post("/v1/units/BRK/indicators", headers=manager, json={
        "code": "tax_p90", "name_th": "เวลาภาษีป้าย", "name_en": "Signboard tax p90", "outcome": "efficiency",
        "system": "services", "measure": "lead_time_p90", "target": 4, "direction": "lower_is_better",
        "period": "week", "scope": {"service": "tax"}})
    assert indicator.status_code == 201, indicator.text
    assert indicator.json()["scope"]["service"] == "tax"
    assert indicator.json()["target"] == 4.0
    assert indicator.json()["retired"] is False
    revised = client.put("/v1/units/BRK/indicators/tax_p90/target", json={"target": 3.5}, headers=manager)
    assert revised.status_code == 200
    assert revised.json()["target"] == 3.5

    read = client.get("/v1/units/BRK", headers=auth["auditor"])
    assert read.status_code == 200
    assert read.json()["services"] == [service.json()]
    assert read.json()["indicators"] == [revised.json()]

    assert client.delete("/v1/units/BRK/indicators/tax_p90", headers=manager).status_code == 204
    assert client.get("/v1/units/BRK", headers=manager).json()["indicators"][0]["retired"] is True
    assert_problem(client.put("/v1/units/BRK/indicators/tax_p90/target", json={"target": 1}, headers=manager),
                   409, "indicator")
    assert_problem(client.delete("/v1/units/BRK/indicators/tax_p90", headers=manager), 409, "indicator")
    assert_problem(client.get("/v1/units/PNK", headers=manager), 403, None)

    written = written_since(siang, head)
    assert [n.topic.removeprefix(DOMAIN) for n in written] == [
        "units:Unit.Registered", "access:ApiToken.Issued", "units:Unit.SystemsAdopted", "units:Unit.ServiceDefined",
        "units:Unit.IndicatorDefined", "units:Unit.TargetRevised", "units:Unit.IndicatorRetired"]
    actors = [state["actor"] for state in states(siang, written)]
    admin_actor = f"admin:{tokens['admin'].split('.')[1]}"
    manager_actor = f"manager:{issued.json()['token_id']}"
    assert actors == [admin_actor, admin_actor] + [manager_actor] * 5


def test_survey_versions_are_immutable_and_answers_are_checked_against_theirs(
        client: TestClient[Litestar], siang: Siang, auth: dict[str, dict[str, str]]) -> None:
    version_1 = client.get("/v1/surveys/a11/versions/1").json()
    assert client.get("/v1/surveys/a11").json() == version_1
    assert [q["id"] for q in version_1["questions"]][:2] == ["satisfaction", "trust"]
    assert version_1["questions"][0]["kind"] == "scale5"

    published = client.post("/v1/surveys/a11/versions", headers=auth["admin"], json={
        "title_th": "ความพึงพอใจ", "title_en": "Satisfaction", "questions": [
            {"id": "satisfaction", "kind": "thumbs", "text_th": "พอใจไหม", "text_en": "Happy?", "required": True,
             "driver": "satisfaction"},
            {"id": "topic", "kind": "single_choice", "text_th": "เรื่อง", "text_en": "Topic",
             "options": ["id_card", "house_reg"]}]})
    assert published.status_code == 201, published.text
    assert published.json() == {"code": "a11", "version": 2}

    latest = client.get("/v1/surveys/a11").json()
    assert latest["version"] == 2
    assert latest["questions"][1]["options"] == ["id_card", "house_reg"]
    assert client.get("/v1/surveys/a11/versions/1").json() == version_1

    def submit(version: int, answers: dict[str, Any]) -> httpx.Response:
        return client.post("/v1/responses/", headers=auth["kiosk_a"], json={
            "response_id": str(uuid.uuid4()), "survey_code": "a11", "survey_version": version, "channel": "kiosk",
            "answers": answers, "client_time": "2025-03-18T11:00:00+07:00"})

    head = log_head(siang)
    first = submit(1, {"satisfaction": 5, "trust": 4})
    assert first.status_code == 201, first.text
    assert submit(2, {"satisfaction": 1, "topic": "house_reg"}).status_code == 201
    assert_problem(submit(2, {"satisfaction": 5}), 422, "answers.satisfaction")
    assert_problem(submit(2, {"satisfaction": 1, "trust": 4}), 422, "answers.trust")
    assert_problem(submit(2, {"satisfaction": 1, "topic": "parking"}), 422, "answers.topic")
    assert_problem(submit(1, {"satisfaction": 1, "topic": "house_reg"}), 422, "answers.topic")
    assert [s["survey_version"] for s in states(siang, written_since(siang, head))] == [1, 2]


def test_a_new_survey_can_be_published_for_kiosks_and_qr_codes(client: TestClient[Litestar], siang: Siang,
                                                               auth: dict[str, dict[str, str]]) -> None:
    published = client.post("/v1/surveys/exit_poll/versions", headers=auth["admin"], json={
        "title_th": "แบบสั้น", "title_en": "Short", "questions": [
            {"id": "score", "kind": "nps", "text_th": "แนะนำไหม", "text_en": "Recommend?", "required": True}]})
    assert published.json() == {"code": "exit_poll", "version": 1}
    kiosk = client.post("/v1/kiosks/", headers=auth["admin"], json={
        "kiosk_id": "PTW-EXIT", "unit_code": "PTW", "location": "ทางออก", "survey_code": "exit_poll"})
    assert kiosk.status_code == 201, kiosk.text
    assert kiosk.json()["unit_code"] == "PTW"
    qr = client.post("/v1/qr-codes/", headers=auth["manager_b"], json={"unit_code": "PTW", "survey_code": "exit_poll"})
    assert qr.status_code == 201
    assert qr.json()["survey_code"] == "exit_poll"

    def answer(channel: str, survey: str, headers: dict[str, str], **more: Any) -> httpx.Response:
        return client.post("/v1/responses/", headers=headers, json={
            "response_id": str(uuid.uuid4()), "survey_code": survey, "survey_version": 1, "channel": channel,
            "answers": {"score": 10} if survey == "exit_poll" else {"satisfaction": 5},
            "client_time": "2025-03-18T11:00:00+07:00", **more})

    device = {"Authorization": f"Bearer {kiosk.json()['device_token']}"}
    head = log_head(siang)
    assert answer("kiosk", "exit_poll", device).status_code == 201
    assert answer("qr", "exit_poll", {}, qr_token=qr.json()["token"]).status_code == 201
    assert_problem(answer("kiosk", "a11", device), 422, "survey_code")
    assert_problem(answer("qr", "a11", {}, qr_token=qr.json()["token"]), 422, "survey_code")
    recorded = states(siang, written_since(siang, head))
    assert [(s["channel"], s["survey_code"], s["unit_code"]) for s in recorded] == [
        ("kiosk", "exit_poll", "PTW"), ("qr", "exit_poll", "PTW")]


def test_kiosks_are_retired_once(client: TestClient[Litestar], siang: Siang, tokens: dict[str, str],
                                 auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    assert client.delete("/v1/kiosks/PTW-LOBBY-1", headers=auth["admin"]).status_code == 204
    assert_problem(client.delete("/v1/kiosks/PTW-LOBBY-1", headers=auth["admin"]), 409, "kiosk_id")
    written = written_since(siang, head)
    assert [n.topic.removeprefix(DOMAIN) for n in written] == ["channels:Kiosk.Retired"]
    assert states(siang, written)[0]["actor"] == f"admin:{tokens['admin'].split('.')[1]}"


def test_a_manager_cannot_touch_another_units_qr_codes(client: TestClient[Litestar], siang: Siang,
                                                       tokens: dict[str, str],
                                                       auth: dict[str, dict[str, str]]) -> None:
    head = log_head(siang)
    assert_problem(client.post("/v1/qr-codes/", json={"unit_code": "PTW"}, headers=auth["manager_a"]), 403, None)
    assert_problem(client.delete(f"/v1/qr-codes/{tokens['qr_b']}", headers=auth["manager_a"]), 403, None)
    assert log_head(siang) == head
    assert client.get(f"/v1/qr-codes/{tokens['qr_b']}").json()["active"] is True
