"""Kiosks and QR codes: how a citizen reaches a survey, and how each is taken out of service."""

from __future__ import annotations

from services.collector.domain.channels import Kiosk, QrCode
from services.collector.domain.errors import Conflict, DomainError
from tests.unit.gwt import EventData, given, rejected, then

KIOSK: EventData = ("Registered", {"kiosk_id": "pnk-hall-1", "unit_code": "PNK", "location": "Main hall",
                                   "survey_code": "a11", "secret_hash": "sha256:abc", "actor": "admin"})
QR: EventData = ("Issued", {"token": "q7Hx2", "unit_code": "PNK", "service_code": "id-card", "survey_code": "a11",
                            "actor": "manager"})


def test_registering_a_kiosk_records_only_the_hash_of_its_secret() -> None:
    kiosk = Kiosk.register("pnk-hall-1", "PNK", "Main hall", "a11", "sha256:abc", actor="admin")

    assert then(kiosk) == [KIOSK]
    assert kiosk.id == Kiosk.create_id("pnk-hall-1")
    assert kiosk.retired is False


def test_a_kiosk_id_must_be_url_safe() -> None:
    with rejected(DomainError, "kiosk_id", match="not a valid code"):
        Kiosk.register("hall/1", "PNK", "Main hall", "a11", "sha256:abc", actor="admin")


def test_retiring_a_kiosk_records_it() -> None:
    kiosk = given(Kiosk, KIOSK)

    kiosk.retire(actor="admin")

    assert then(kiosk) == [("Retired", {"actor": "admin"})]
    assert kiosk.retired is True


def test_retiring_a_retired_kiosk_is_a_conflict() -> None:
    kiosk = given(Kiosk, KIOSK, ("Retired", {"actor": "admin"}))

    with rejected(Conflict, "kiosk_id", match="already retired"):
        kiosk.retire(actor="admin")
    assert then(kiosk) == []


def test_issuing_a_qr_code_records_its_unit_service_and_survey() -> None:
    qr = QrCode(token="q7Hx2", unit_code="PNK", service_code="id-card", survey_code="a11", actor="manager")

    assert then(qr) == [QR]
    assert qr.id == QrCode.create_id("q7Hx2")
    assert qr.revoked is False


def test_revoking_a_qr_code_records_why() -> None:
    qr = given(QrCode, QR)

    qr.revoke("poster defaced", actor="manager")

    assert then(qr) == [("Revoked", {"reason": "poster defaced", "actor": "manager"})]
    assert qr.revoked is True


def test_revoking_a_revoked_qr_code_is_a_conflict() -> None:
    qr = given(QrCode, QR, ("Revoked", {"reason": "poster defaced", "actor": "manager"}))

    with rejected(Conflict, "token", match="already revoked"):
        qr.revoke("again", actor="manager")
    assert then(qr) == []
