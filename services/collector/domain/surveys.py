"""Surveys: immutable numbered versions of questions, and the answers they accept."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from .errors import Conflict, DomainError, NotFound
from .ids import stable_id
from .pso import DRIVERS
from .units import check_code, check_term

QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
RATING_RANGES: dict[str, tuple[int, int]] = {"scale5": (1, 5), "scale4": (1, 4), "thumbs": (0, 1), "nps": (0, 10)}
KINDS = (*RATING_RANGES, "single_choice", "free_text")
MAX_QUESTIONS = 15  # A-11 §280 asks for at most 15 questions
MAX_FREE_TEXT = 2000


class InvalidAnswer(DomainError):
    """An answer does not fit the survey version it claims."""


@dataclass(frozen=True)
class Question:
    """One question of a survey version, as a citizen sees it."""

    id: str
    kind: str
    text_th: str
    text_en: str
    driver: str | None = None
    required: bool = False
    options: tuple[str, ...] = ()

    def check_answer(self, value: bool | int | float | str) -> None:
        """Raise `InvalidAnswer` unless `value` answers this question."""
        field = f"answers.{self.id}"
        if self.kind in RATING_RANGES:
            low, high = RATING_RANGES[self.kind]
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidAnswer(f"{self.id} takes a whole number from {low} to {high}", field)
            if not low <= value <= high:
                raise InvalidAnswer(f"{value} is outside {low}..{high} for {self.id}", field)
        elif self.kind == "single_choice":
            if value not in self.options:
                choices = ", ".join(self.options)
                raise InvalidAnswer(f"{value!r} is not one of the options of {self.id}: {choices}", field)
        elif not isinstance(value, str) or len(value) > MAX_FREE_TEXT:
            raise InvalidAnswer(f"{self.id} takes text of at most {MAX_FREE_TEXT} characters", field)


def question_from_dict(data: dict[str, Any]) -> Question:
    """A `Question` from its stored form."""
    return Question(
        id=data["id"], kind=data["kind"], text_th=data["text_th"], text_en=data["text_en"],
        driver=data.get("driver"), required=bool(data.get("required", False)),
        options=tuple(data.get("options", ())),
    )


def check_questions(questions: list[dict[str, Any]]) -> None:
    """A version needs 1 to 15 well-formed questions with distinct ids."""
    if not 1 <= len(questions) <= MAX_QUESTIONS:
        raise DomainError(f"a survey has 1 to {MAX_QUESTIONS} questions", "questions")
    seen: set[str] = set()
    for i, q in enumerate(questions):
        where = f"questions[{i}]"
        if not QUESTION_ID.match(q["id"]):
            raise DomainError(f"{q['id']!r} is not a valid question id", f"{where}.id")
        if q["id"] in seen:
            raise DomainError(f"question id {q['id']!r} is used twice", f"{where}.id")
        seen.add(q["id"])
        check_term(q["kind"], KINDS, f"{where}.kind")
        if q.get("driver") is not None:
            check_term(q["driver"], DRIVERS, f"{where}.driver")
            if q["kind"] not in RATING_RANGES:
                raise DomainError("only rating questions measure a driver", f"{where}.driver")
        if (q["kind"] == "single_choice") != bool(q.get("options")):
            raise DomainError("single-choice questions, and only they, list options", f"{where}.options")
    if questions[0]["kind"] not in RATING_RANGES or not questions[0].get("required"):
        raise DomainError("the first question must be a required rating, answerable with one tap", "questions[0]")


@dataclass(frozen=True)
class SurveyVersion:
    """One published, immutable version of a survey."""

    code: str
    version: int
    title_th: str
    title_en: str
    questions: tuple[Question, ...]

    def check_answers(self, answers: Mapping[str, bool | int | float | str]) -> None:
        """Every answer names a question of this version and fits it; required ones are there."""
        by_id = {q.id: q for q in self.questions}
        for question_id, value in answers.items():
            if question_id not in by_id:
                raise InvalidAnswer(f"version {self.version} of {self.code} has no question {question_id!r}",
                                    f"answers.{question_id}")
            by_id[question_id].check_answer(value)
        for q in self.questions:
            if q.required and q.id not in answers:
                raise InvalidAnswer(f"question {q.id!r} needs an answer", f"answers.{q.id}")


class Survey(Aggregate):
    """A survey whose published versions never change; a new wording is a new version."""

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return stable_id("survey", code)

    @classmethod
    def publish_first(cls, code: str, title_th: str, title_en: str, questions: list[dict[str, Any]],
                      actor: str) -> Survey:
        """Create a survey with its version 1."""
        check_code(code, "code")
        survey = cls(code=code, actor=actor)
        survey.publish(title_th, title_en, questions, actor)
        return survey

    @event("Created")
    def __init__(self, code: str, actor: str) -> None:
        self.code = code
        self.versions: dict[int, SurveyVersion] = {}
        self.retired = False

    def publish(self, title_th: str, title_en: str, questions: list[dict[str, Any]], actor: str) -> int:
        """Publish the next version and return its number."""
        if self.retired:
            raise Conflict(f"survey {self.code!r} is retired", "code")
        check_questions(questions)
        number = len(self.versions) + 1
        self._publish(number, title_th, title_en, questions, actor)
        return number

    @event("VersionPublished")
    def _publish(self, version: int, title_th: str, title_en: str, questions: list[dict[str, Any]],
                 actor: str) -> None:
        self.versions[version] = SurveyVersion(
            self.code, version, title_th, title_en, tuple(question_from_dict(q) for q in questions))

    def retire(self, actor: str) -> None:
        """Stop accepting new responses to any version."""
        if self.retired:
            raise Conflict(f"survey {self.code!r} is already retired", "code")
        self._retire(actor)

    @event("Retired")
    def _retire(self, actor: str) -> None:
        self.retired = True

    @property
    def latest(self) -> SurveyVersion:
        """The newest published version."""
        return self.versions[len(self.versions)]

    def published(self, number: int) -> SurveyVersion:
        """A published version by number."""
        if number not in self.versions:
            raise NotFound(f"survey {self.code!r} has no version {number}", "survey_version")
        return self.versions[number]
