"""Surveys: read a published version (public), publish and retire (admin)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency

from ...application import Collector
from ...domain.surveys import SurveyVersion
from ..auth import principal_of, requires
from ..problems import ERRORS
from ..schemas import PublishedOut, QuestionOut, SurveyVersionIn, SurveyVersionOut


def version_out(version: SurveyVersion, retired: bool) -> SurveyVersionOut:
    """The wire form of a survey version."""
    return SurveyVersionOut(
        code=version.code, version=version.version, title_th=version.title_th, title_en=version.title_en,
        questions=[QuestionOut(id=q.id, kind=q.kind, text_th=q.text_th, text_en=q.text_en, driver=q.driver,
                               required=q.required, options=list(q.options)) for q in version.questions],
        retired=retired,
    )


class SurveysController(Controller):
    """Published survey versions never change: a new wording is a new version."""

    path = "/v1/surveys"
    tags = ["surveys"]

    @get("/{code:str}", operation_id="getLatestSurvey", responses=ERRORS, sync_to_thread=True)
    def latest(self, code: str, collector: NamedDependency[Collector]) -> SurveyVersionOut:
        """The newest published version of a survey."""
        survey = collector.survey(code, "code")
        return version_out(survey.latest, survey.retired)

    @get("/{code:str}/versions/{version:int}", operation_id="getSurveyVersion", responses=ERRORS, sync_to_thread=True)
    def version(self, code: str, version: int, collector: NamedDependency[Collector]) -> SurveyVersionOut:
        """One published version of a survey."""
        return version_out(collector.survey_version(code, version), collector.survey(code, "code").retired)

    @post("/{code:str}/versions", operation_id="publishSurveyVersion", responses=ERRORS, guards=[requires("admin")],
          sync_to_thread=True)
    def publish(self, code: str, data: SurveyVersionIn, request: Request[Any, Any, Any],
                collector: NamedDependency[Collector]) -> PublishedOut:
        """Publish the next version of a survey (the first one creates it)."""
        principal = principal_of(request)
        assert principal is not None
        questions = [msgspec.to_builtins(q) for q in data.questions]
        number = collector.publish_survey(code, data.title_th, data.title_en, questions, principal.actor)
        return PublishedOut(code=code, version=number)

    @delete("/{code:str}", operation_id="retireSurvey", responses=ERRORS, guards=[requires("admin")],
            sync_to_thread=True)
    def retire(self, code: str, request: Request[Any, Any, Any], collector: NamedDependency[Collector]) -> None:
        """Retire a survey: no new responses to any of its versions."""
        principal = principal_of(request)
        assert principal is not None
        collector.retire_survey(code, principal.actor)
