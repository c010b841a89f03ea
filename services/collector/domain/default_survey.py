"""The survey every unit starts with: the OMB A-11 §280 drivers on a Thai 5-level scale.

Wording follows A-11's public statements (see `shared/knowledge/question-bank.md`);
the first question is the one-tap satisfaction question a kiosk shows with faces.
"""

from __future__ import annotations

from typing import Any

CODE = "a11"
TITLE_TH = "แบบสอบถามความพึงพอใจต่อการให้บริการ"
TITLE_EN = "How was our service today?"

_STATEMENTS: tuple[tuple[str, str, str], ...] = (
    ("satisfaction", "ท่านพึงพอใจกับบริการที่ได้รับจากหน่วยงานนี้",
     "I am satisfied with the service I received from this office."),
    ("trust", "การมาใช้บริการครั้งนี้ทำให้ท่านเชื่อมั่นในหน่วยงานนี้มากขึ้น",
     "This interaction increased my confidence in this office."),
    ("effectiveness", "ความต้องการของท่านได้รับการตอบสนอง", "My need was addressed."),
    ("ease", "การติดต่อครั้งนี้ทำได้ง่าย", "It was easy to complete what I needed to do."),
    ("efficiency", "ใช้เวลาดำเนินการอย่างเหมาะสม", "It took a reasonable amount of time to do what I needed to do."),
    ("fairness", "ท่านได้รับการปฏิบัติอย่างเป็นธรรม", "I was treated fairly."),
    ("staff_helpfulness", "เจ้าหน้าที่ให้ความช่วยเหลือเป็นอย่างดี", "Employees I interacted with were helpful."),
)


def questions() -> list[dict[str, Any]]:
    """The default survey's questions, in their stored form."""
    rated: list[dict[str, Any]] = [
        {"id": driver, "kind": "scale5", "text_th": th, "text_en": en, "driver": driver,
         "required": driver == "satisfaction"}
        for driver, th, en in _STATEMENTS
    ]
    comment = {"id": "comment", "kind": "free_text", "text_th": "ข้อเสนอแนะเพิ่มเติม (ถ้ามี)",
               "text_en": "Anything else you would like to tell us? (optional)", "required": False}
    return [*rated, comment]
