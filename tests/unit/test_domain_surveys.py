"""Surveys: numbered immutable versions, the questions they may hold and the answers they accept."""

from __future__ import annotations

from typing import Any

import pytest

from services.collector.domain.errors import Conflict, DomainError, NotFound
from services.collector.domain.surveys import (
    InvalidAnswer,
    Question,
    Survey,
    SurveyVersion,
    check_questions,
)
from services.collector.domain.units import UnknownTerm
from tests.unit.gwt import EventData, given, rejected, replay, then

OVERALL: dict[str, Any] = {"id": "overall", "kind": "scale5", "text_th": "พึงพอใจไหม", "text_en": "Satisfied?",
                           "driver": "satisfaction", "required": True}
VISIT: dict[str, Any] = {"id": "visit", "kind": "single_choice", "text_th": "มาทำอะไร", "text_en": "Why here?",
                         "options": ["id_card", "permit"]}
COMMENT: dict[str, Any] = {"id": "comment", "kind": "free_text", "text_th": "ข้อเสนอแนะ", "text_en": "Anything else?"}
QUESTIONS = [OVERALL, VISIT, COMMENT]

CREATED: EventData = ("Created", {"code": "kiosk", "actor": "admin"})
V1: EventData = ("VersionPublished", {"version": 1, "title_th": "แบบสอบถาม", "title_en": "Survey",
                                      "questions": QUESTIONS, "actor": "admin"})


def question(**changes: Any) -> dict[str, Any]:
    """A valid optional rating question, with `changes`."""
    return {"id": "ease", "kind": "scale4", "text_th": "ง่ายไหม", "text_en": "Easy?", **changes}


def test_publishing_the_first_version_creates_the_survey_with_version_1() -> None:
    survey = Survey.publish_first("kiosk", "แบบสอบถาม", "Survey", QUESTIONS, actor="admin")

    assert then(survey) == [CREATED, V1]
    assert survey.id == Survey.create_id("kiosk")
    assert survey.latest == SurveyVersion("kiosk", 1, "แบบสอบถาม", "Survey", (
        Question("overall", "scale5", "พึงพอใจไหม", "Satisfied?", driver="satisfaction", required=True),
        Question("visit", "single_choice", "มาทำอะไร", "Why here?", options=("id_card", "permit")),
        Question("comment", "free_text", "ข้อเสนอแนะ", "Anything else?"),
    ))


def test_a_survey_code_must_be_url_safe() -> None:
    with rejected(DomainError, "code", match="not a valid code"):
        Survey.publish_first("kiosk survey", "แบบสอบถาม", "Survey", QUESTIONS, actor="admin")


def test_publishing_again_records_version_2_and_keeps_version_1() -> None:
    survey = given(Survey, CREATED, V1)

    number = survey.publish("แบบสอบถาม 2", "Survey 2", [OVERALL], actor="admin")

    assert number == 2
    assert then(survey) == [("VersionPublished", {"version": 2, "title_th": "แบบสอบถาม 2", "title_en": "Survey 2",
                                                  "questions": [OVERALL], "actor": "admin"})]
    assert [q.id for q in survey.published(1).questions] == ["overall", "visit", "comment"]
    assert [q.id for q in survey.latest.questions] == ["overall"]


def test_an_unpublished_version_is_not_found() -> None:
    survey = given(Survey, CREATED, V1)

    with rejected(NotFound, "survey_version"):
        survey.published(2)


def test_replaying_the_events_gives_the_same_versions() -> None:
    survey = Survey.publish_first("kiosk", "แบบสอบถาม", "Survey", QUESTIONS, actor="admin")
    survey.publish("แบบสอบถาม 2", "Survey 2", [OVERALL, COMMENT], actor="admin")
    survey.retire(actor="admin")

    rebuilt = replay(Survey, survey.collect_events())

    assert rebuilt.versions == survey.versions
    assert sorted(rebuilt.versions) == [1, 2]
    assert (rebuilt.code, rebuilt.retired, rebuilt.version) == ("kiosk", True, 4)


def test_retiring_a_survey_records_it() -> None:
    survey = given(Survey, CREATED, V1)

    survey.retire(actor="admin")

    assert then(survey) == [("Retired", {"actor": "admin"})]
    assert survey.retired is True


def test_a_retired_survey_cannot_publish_or_retire_again() -> None:
    survey = given(Survey, CREATED, V1, ("Retired", {"actor": "admin"}))

    with rejected(Conflict, "code", match="is retired"):
        survey.publish("แบบสอบถาม 2", "Survey 2", QUESTIONS, actor="admin")
    with rejected(Conflict, "code", match="already retired"):
        survey.retire(actor="admin")
    assert then(survey) == []


def test_questions_are_checked_before_a_version_is_published() -> None:
    survey = given(Survey, CREATED, V1)

    with rejected(DomainError, "questions[0]"):
        survey.publish("แบบสอบถาม 2", "Survey 2", [COMMENT], actor="admin")
    assert then(survey) == []
    assert sorted(survey.versions) == [1]


@pytest.mark.parametrize(("questions", "field", "message"), [
    pytest.param([], "questions", "1 to 15", id="none"),
    pytest.param([OVERALL] + [question(id=f"q{i}") for i in range(15)], "questions", "1 to 15", id="16"),
    pytest.param([COMMENT, OVERALL], "questions[0]", "first question must be a required rating",
                 id="first-is-free-text"),
    pytest.param([{**OVERALL, "required": False}], "questions[0]", "first question must be a required rating",
                 id="first-is-optional"),
    pytest.param([OVERALL, question(id="overall")], "questions[1].id", "used twice", id="duplicate-id"),
    pytest.param([OVERALL, question(id="Ease")], "questions[1].id", "not a valid question id", id="bad-id"),
    pytest.param([OVERALL, question(driver="satisfaction", kind="free_text")], "questions[1].driver",
                 "only rating questions", id="driver-on-free-text"),
    pytest.param([OVERALL, {**VISIT, "driver": "ease"}], "questions[1].driver", "only rating questions",
                 id="driver-on-choice"),
    pytest.param([OVERALL, {**VISIT, "options": []}], "questions[1].options", "list options",
                 id="choice-without-options"),
    pytest.param([OVERALL, question(options=["a", "b"])], "questions[1].options", "list options",
                 id="options-on-rating"),
])
def test_malformed_questions_are_rejected_naming_the_field(questions: list[dict[str, Any]], field: str,
                                                           message: str) -> None:
    with rejected(DomainError, field, match=message):
        check_questions(questions)


@pytest.mark.parametrize(("questions", "field"), [
    pytest.param([OVERALL, question(kind="slider")], "questions[1].kind", id="kind"),
    pytest.param([OVERALL, question(driver="happiness")], "questions[1].driver", id="driver"),
])
def test_questions_outside_the_vocabulary_are_rejected(questions: list[dict[str, Any]], field: str) -> None:
    with rejected(UnknownTerm, field):
        check_questions(questions)


def test_fifteen_questions_are_allowed() -> None:
    questions = [OVERALL] + [question(id=f"q{i}", driver="ease") for i in range(14)]

    survey = given(Survey, CREATED)
    survey.publish("ยาว", "Long", questions, actor="admin")

    assert len(survey.latest.questions) == 15


VERSION = given(Survey, CREATED, V1).latest


def test_a_complete_answer_set_is_accepted() -> None:
    VERSION.check_answers({"overall": 5, "visit": "permit", "comment": "ok"})
    VERSION.check_answers({"overall": 1})


@pytest.mark.parametrize(("answers", "field", "message"), [
    pytest.param({"overall": 4, "mood": 3}, "answers.mood", "has no question 'mood'", id="unknown-question"),
    pytest.param({"overall": 6}, "answers.overall", "outside 1..5", id="above-range"),
    pytest.param({"overall": 0}, "answers.overall", "outside 1..5", id="below-range"),
    pytest.param({"overall": True}, "answers.overall", "whole number", id="bool-is-not-a-rating"),
    pytest.param({"overall": "5"}, "answers.overall", "whole number", id="text-is-not-a-rating"),
    pytest.param({"overall": 5, "visit": "tax"}, "answers.visit", "not one of the options", id="unknown-option"),
    pytest.param({"overall": 5, "visit": 1}, "answers.visit", "not one of the options", id="number-for-choice"),
    pytest.param({"overall": 5, "comment": 3}, "answers.comment", "at most 2000", id="number-for-text"),
    pytest.param({"overall": 5, "comment": "x" * 2001}, "answers.comment", "at most 2000", id="text-too-long"),
    pytest.param({"visit": "permit"}, "answers.overall", "needs an answer", id="required-missing"),
])
def test_answers_that_do_not_fit_the_version_are_rejected(answers: dict[str, int | str], field: str,
                                                         message: str) -> None:
    with rejected(InvalidAnswer, field, match=message):
        VERSION.check_answers(answers)


def test_free_text_of_exactly_2000_characters_is_accepted() -> None:
    VERSION.check_answers({"overall": 3, "comment": "x" * 2000})


@pytest.mark.parametrize(("kind", "low", "high"), [("scale5", 1, 5), ("scale4", 1, 4), ("thumbs", 0, 1),
                                                   ("nps", 0, 10)])
def test_each_rating_kind_accepts_its_range_and_nothing_outside(kind: str, low: int, high: int) -> None:
    rating = Question("q", kind, "ถาม", "Ask")

    rating.check_answer(low)
    rating.check_answer(high)
    for outside in (low - 1, high + 1):
        with rejected(InvalidAnswer, "answers.q", match=f"outside {low}..{high}"):
            rating.check_answer(outside)
