"""Channels: kiosks (admin) and QR codes (admin, or a manager of the unit)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency

from ...application import Collector
from ...credentials import NotAllowed
from ...domain.channels import QrCode
from ..auth import principal_of, requires
from ..problems import ERRORS
from ..schemas import KioskIn, KioskOut, QrIn, QrOut


def qr_out(collector: NamedDependency[Collector], qr: QrCode) -> QrOut:
    """The public face of a QR code: what it opens, and whether it still works."""
    unit = collector.unit(qr.unit_code)
    return QrOut(token=qr.token, unit_code=qr.unit_code, unit_name_th=unit.name_th, unit_name_en=unit.name_en,
                 service_code=qr.service_code, survey_code=qr.survey_code, active=not qr.revoked)


class KiosksController(Controller):
    """Touch-screen kiosks in unit offices; each gets a device token once."""

    path = "/v1/kiosks"
    tags = ["channels"]
    guards = [requires("admin")]

    @post("/", operation_id="registerKiosk", responses=ERRORS, sync_to_thread=True)
    def register(self, data: KioskIn, request: Request[Any, Any, Any],
                 collector: NamedDependency[Collector]) -> KioskOut:
        """Register a kiosk; the answer holds its device token, shown only this once."""
        principal = principal_of(request)
        assert principal is not None
        token = collector.register_kiosk(data.kiosk_id, data.unit_code, data.location, data.survey_code,
                                         principal.actor)
        return KioskOut(kiosk_id=data.kiosk_id, unit_code=data.unit_code, device_token=token)

    @delete("/{kiosk_id:str}", operation_id="retireKiosk", responses=ERRORS, sync_to_thread=True)
    def retire(self, kiosk_id: str, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> None:
        """Retire a kiosk; its device token stops working."""
        principal = principal_of(request)
        assert principal is not None
        collector.retire_kiosk(kiosk_id, principal.actor)


class QrCodesController(Controller):
    """Printed QR codes that open a unit's survey on a phone."""

    path = "/v1/qr-codes"
    tags = ["channels"]

    @post("/", operation_id="issueQrCode", responses=ERRORS, guards=[requires("admin", "manager")], sync_to_thread=True)
    def issue(self, data: QrIn, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> QrOut:
        """Issue a QR code for a unit, and optionally one of its services."""
        principal = principal_of(request)
        assert principal is not None
        if not principal.may_manage(data.unit_code):
            raise NotAllowed(f"a {principal.role} token may not issue codes for unit {data.unit_code}")
        token = collector.issue_qr_code(data.unit_code, data.service_code, data.survey_code, principal.actor)
        return qr_out(collector, collector.qr_code(token))

    @get("/{token:str}", operation_id="getQrCode", responses=ERRORS, sync_to_thread=True)
    def read(self, token: str, collector: NamedDependency[Collector]) -> QrOut:
        """What a QR code opens (public: the QR page asks this)."""
        return qr_out(collector, collector.qr_code(token))

    @delete("/{token:str}", operation_id="revokeQrCode", responses=ERRORS, guards=[requires("admin", "manager")],
            sync_to_thread=True)
    def revoke(self, token: str, request: Request[Any, Any, Any], collector: NamedDependency[Collector],
               reason: str = "withdrawn") -> None:
        """Revoke a QR code; responses through it are refused from now on."""
        principal = principal_of(request)
        assert principal is not None
        if not principal.may_manage(collector.qr_code(token).unit_code):
            raise NotAllowed(f"a {principal.role} token may not revoke codes of another unit")
        collector.revoke_qr_code(token, reason, principal.actor)
