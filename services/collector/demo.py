"""Demo data: four real Bangkok district offices with services, indicators and channels."""

from __future__ import annotations

from dataclasses import dataclass, field

from .application import Collector
from .domain import default_survey
from .domain.ids import stable_id

BMA = ("BMA", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration")
DISTRICT_OFFICES = (
    ("PNK", "สำนักงานเขตพระนคร", "Phra Nakhon District Office", "Phra Nakhon"),
    ("PTW", "สำนักงานเขตปทุมวัน", "Pathum Wan District Office", "Pathum Wan"),
    ("CCK", "สำนักงานเขตจตุจักร", "Chatuchak District Office", "Chatuchak"),
    ("BKN", "สำนักงานเขตบางเขน", "Bang Khen District Office", "Bang Khen"),
)
SERVICES: tuple[tuple[str, str, str, float, float | None], ...] = (
    ("id_card", "ทำบัตรประจำตัวประชาชน", "National ID card", 1.0, 120.0),
    ("house_reg", "งานทะเบียนบ้าน", "House registration", 2.0, 150.0),
    ("building_permit", "ขออนุญาตก่อสร้างอาคาร", "Building permit", 45 * 24.0, 2400.0),
    ("complaint", "เรื่องร้องเรียน", "Citizen complaint", 72.0, None),
)
SYSTEMS = ["services", "evaluation", "participation", "information", "checks_and_balances"]
INDICATORS = (
    {"code": "csat", "name_th": "ความพึงพอใจต่อบริการ", "name_en": "Satisfaction with service",
     "outcome": "satisfaction", "system": "services", "measure": "csat", "target": 0.85,
     "direction": "higher_is_better", "period": "month", "scope": {}},
    {"code": "fair", "name_th": "การได้รับการปฏิบัติอย่างเป็นธรรม", "name_en": "Treated fairly",
     "outcome": "equity", "system": "evaluation", "measure": "driver_score", "target": 4.2,
     "direction": "higher_is_better", "period": "month", "scope": {"driver": "fairness"}},
    {"code": "gap_age", "name_th": "ช่องว่างความพึงพอใจระหว่างกลุ่มอายุ", "name_en": "Satisfaction gap across age bands",
     "outcome": "equity", "system": "evaluation", "measure": "equity_gap", "target": 0.10,
     "direction": "lower_is_better", "period": "fiscal_year", "scope": {"dimension": "age_band"}},
    {"code": "idcard_p90", "name_th": "เวลาทำบัตรประชาชน (P90, ชั่วโมง)", "name_en": "ID card lead time, p90 (hours)",
     "outcome": "efficiency", "system": "services", "measure": "lead_time_p90", "target": 1.0,
     "direction": "lower_is_better", "period": "month", "scope": {"service": "id_card"}},
    {"code": "resp_rate", "name_th": "อัตราการตอบแบบสำรวจ", "name_en": "Survey response rate",
     "outcome": "coverage", "system": "participation", "measure": "response_rate", "target": 0.20,
     "direction": "higher_is_better", "period": "month", "scope": {}},
    {"code": "reopen", "name_th": "อัตราการเปิดเรื่องร้องเรียนซ้ำ", "name_en": "Complaint reopen rate",
     "outcome": "correctness", "system": "checks_and_balances", "measure": "reopen_rate", "target": 0.05,
     "direction": "lower_is_better", "period": "month", "scope": {"service": "complaint"}},
)


@dataclass
class DemoCredentials:
    """What the demo seeding hands out, printed once."""

    tokens: list[tuple[str, str | None, str]] = field(default_factory=list)  # role, unit, token
    kiosks: list[tuple[str, str, str]] = field(default_factory=list)  # kiosk id, unit, device token
    qr_codes: list[tuple[str, str]] = field(default_factory=list)  # unit, QR token


def is_seeded(collector: Collector) -> bool:
    """Whether the demo's parent unit is already in the log."""
    return bool(collector.recorder.select_events(stable_id("unit", BMA[0]), limit=1))


def seed_demo(collector: Collector, actor: str) -> DemoCredentials:
    """Register the demo units, their services, indicators, kiosks, QR codes and tokens."""
    creds = DemoCredentials()
    collector.publish_default_survey(actor)
    collector.register_unit(BMA[0], BMA[1], BMA[2], None, None, actor)
    for code, name_th, name_en, district in DISTRICT_OFFICES:
        collector.register_unit(code, name_th, name_en, BMA[0], district, actor)
        collector.adopt_systems(code, SYSTEMS, actor)
        for service, service_th, service_en, sla_hours, unit_cost in SERVICES:
            collector.define_service(code, service, service_th, service_en, sla_hours, unit_cost, actor)
        for indicator in INDICATORS:
            collector.define_indicator(code, dict(indicator), actor)
        kiosk_id = f"{code}-LOBBY-1"
        token = collector.register_kiosk(kiosk_id, code, "ชั้น 1 จุดบริการ / Ground floor service point",
                                         default_survey.CODE, actor)
        creds.kiosks.append((kiosk_id, code, token))
        creds.qr_codes.append((code, collector.issue_qr_code(code, None, default_survey.CODE, actor)))
        creds.tokens.append(("manager", code, collector.issue_token("manager", code, f"{code} manager", actor)[1]))
        creds.tokens.append(("integration", code,
                             collector.issue_token("integration", code, f"{code} case system", actor)[1]))
    creds.tokens.insert(0, ("admin", None, collector.issue_token("admin", None, "demo admin", actor)[1]))
    creds.tokens.insert(1, ("auditor", None, collector.issue_token("auditor", None, "demo auditor", actor)[1]))
    return creds
