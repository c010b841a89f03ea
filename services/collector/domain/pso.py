"""The vocabulary of P.S.O. and of Siang's measure catalogue, in Thai and English.

Sources: the BMA release in `shared/seed/` (the 9 outcomes and 10 core
systems), US OMB Circular A-11 §280 (the customer-experience drivers).
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """A code with its Thai and English names."""

    code: str
    th: str
    en: str


OUTCOMES: dict[str, Term] = {
    t.code: t
    for t in (
        Term("equity", "ความเสมอภาคและความเป็นธรรม", "Equity and fairness"),
        Term("safety", "ความปลอดภัยในชีวิต ทรัพย์สิน สิทธิและเสรีภาพ", "Safety of life, property, rights and liberty"),
        Term("coverage", "ความทั่วถึงในการให้บริการ", "Coverage of service"),
        Term("satisfaction", "ความพึงพอใจของประชาชน", "Citizen satisfaction"),
        Term("efficiency", "ประสิทธิภาพของหน่วยราชการ", "Efficiency"),
        Term("economy", "ความประหยัด", "Economy"),
        Term("correctness", "ความถูกต้อง", "Correctness"),
        Term("public_interest", "การรักษาผลประโยชน์ของสาธารณะ", "Protection of the public interest"),
        Term("wellbeing", "ความผาสุกและคุณภาพชีวิตของประชาชน", "Wellbeing and quality of life"),
    )
}

SYSTEMS: dict[str, Term] = {
    t.code: t
    for t in (
        Term("information", "ระบบข้อมูล", "Information"),
        Term("communication", "ระบบการสื่อสาร", "Communication"),
        Term("decision_making", "ระบบการตัดสินใจ", "Decision-making"),
        Term("personnel_development", "ระบบการพัฒนาบุคลากร", "Personnel development"),
        Term("checks_and_balances", "ระบบการตรวจสอบถ่วงดุล", "Checks and balances"),
        Term("participation", "ระบบการมีส่วนร่วม", "Participation"),
        Term("services", "ระบบการบริการภาคเอกชน - ประชาชน", "Services to the private sector and citizens"),
        Term("evaluation", "ระบบการประเมินผล", "Evaluation"),
        Term("crisis", "ระบบการคาดคะเนและแก้ไขวิกฤต", "Crisis anticipation and resolution"),
        Term("culture_and_ethics", "ระบบวัฒนธรรมและจรรยาวิชาชีพ", "Culture and professional ethics"),
    )
}

DRIVERS: dict[str, Term] = {
    t.code: t
    for t in (
        Term("satisfaction", "ความพึงพอใจ", "Satisfaction"),
        Term("trust", "ความเชื่อมั่น", "Trust"),
        Term("effectiveness", "ประสิทธิผล", "Effectiveness"),
        Term("ease", "ความง่าย", "Ease"),
        Term("efficiency", "ความรวดเร็ว", "Efficiency"),
        Term("fairness", "ความเป็นธรรม", "Fairness"),
        Term("staff_helpfulness", "ความช่วยเหลือของเจ้าหน้าที่", "Staff helpfulness"),
    )
}

MEASURES: dict[str, Term] = {
    t.code: t
    for t in (
        Term("csat", "สัดส่วนผู้พึงพอใจ (สองระดับบน)", "CSAT, top-2-box share"),
        Term("mean_score", "คะแนนเฉลี่ย", "Mean score"),
        Term("driver_score", "คะแนนรายปัจจัย", "Driver score"),
        Term("a11_score", "คะแนนแบบ A-11", "A-11 point score"),
        Term("nps", "ดัชนีการแนะนำต่อ", "Net promoter score"),
        Term("equity_gap", "ช่องว่างระหว่างกลุ่ม", "Gap between best and worst group"),
        Term("equity_ratio", "อัตราส่วนระหว่างกลุ่ม", "Ratio of best to worst group"),
        Term("index_of_disparity", "ดัชนีความเหลื่อมล้ำ", "Index of disparity"),
        Term("theil", "ดัชนีธีล", "Theil index"),
        Term("cases_served", "จำนวนเรื่องที่ให้บริการ", "Cases served"),
        Term("cases_per_1000", "เรื่องต่อประชากร 1,000 คน", "Cases served per 1,000 residents"),
        Term("response_rate", "อัตราการตอบแบบสำรวจ", "Survey response rate"),
        Term("lead_time_median", "ระยะเวลาดำเนินการ (มัธยฐาน)", "Median lead time"),
        Term("lead_time_p90", "ระยะเวลาดำเนินการ (เปอร์เซ็นไทล์ 90)", "90th percentile lead time"),
        Term("sla_share", "สัดส่วนที่เสร็จตามมาตรฐานเวลา", "Share resolved within SLA"),
        Term("reopen_rate", "อัตราการเปิดเรื่องซ้ำ", "Reopen rate"),
        Term("cost_per_case", "ต้นทุนต่อเรื่อง", "Cost per case served"),
        Term("count", "จำนวนที่หน่วยงานกำหนด", "Unit-defined count"),
        Term("rate", "อัตราที่หน่วยงานกำหนด", "Unit-defined rate"),
    )
}

PERIODS: dict[str, Term] = {
    t.code: t
    for t in (
        Term("day", "รายวัน", "Daily"),
        Term("week", "รายสัปดาห์", "Weekly"),
        Term("month", "รายเดือน", "Monthly"),
        Term("fiscal_year", "รายปีงบประมาณ", "Thai fiscal year (from 1 October)"),
    )
}

DIRECTIONS = ("higher_is_better", "lower_is_better")
CHANNELS = ("kiosk", "qr", "web")  # how a survey response arrives
CASE_CHANNELS = ("counter", "phone", "web", "app", "line", "mail", "field")  # how a service case began
