"""The default survey every unit starts with."""

from __future__ import annotations

from services.collector.domain import default_survey
from services.collector.domain.pso import DRIVERS
from services.collector.domain.surveys import RATING_RANGES, Survey, check_questions
from tests.unit.gwt import then


def test_the_default_questions_form_a_valid_version() -> None:
    check_questions(default_survey.questions())


def test_the_default_survey_measures_each_a11_driver_once_on_a_rating() -> None:
    questions = default_survey.questions()
    drivers = [q["driver"] for q in questions if q.get("driver") is not None]

    assert sorted(drivers) == sorted(DRIVERS)
    assert len(drivers) == 7
    assert all(q["kind"] in RATING_RANGES for q in questions if q.get("driver") is not None)


def test_the_default_survey_opens_with_the_one_tap_satisfaction_question() -> None:
    first, *rest = default_survey.questions()

    assert (first["driver"], first["kind"], first["required"]) == ("satisfaction", "scale5", True)
    assert not any(q["required"] for q in rest)


def test_the_default_survey_publishes_as_version_1() -> None:
    survey = Survey.publish_first(default_survey.CODE, default_survey.TITLE_TH, default_survey.TITLE_EN,
                                  default_survey.questions(), actor="seed")

    assert [name for name, _ in then(survey)] == ["Created", "VersionPublished"]
    assert [q.id for q in survey.latest.questions] == [*DRIVERS, "comment"]
    survey.latest.check_answers({"satisfaction": 5})
