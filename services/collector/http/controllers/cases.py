"""Service cases from operational systems (integration or admin tokens)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.di import NamedDependency

from ...application import Collector
from ...case_intake import CaseResult, record_case_events
from ...commands import RecordCaseEvent
from ..auth import principal_of, requires
from ..problems import ERRORS, problem_for
from ..schemas import CaseEventsIn, CaseEventsOut, CaseResultOut


class CasesController(Controller):
    """The records that coverage, efficiency, correctness and economy are computed from."""

    path = "/v1/cases"
    tags = ["cases"]
    guards = [requires("admin", "integration")]

    @post("/events", operation_id="recordCaseEvents", responses=ERRORS, status_code=200, sync_to_thread=True)
    def record(self, data: CaseEventsIn, request: Request[Any, Any, Any],
               collector: NamedDependency[Collector]) -> CaseEventsOut:
        """Record case events in order; resending an event already recorded changes nothing."""
        principal = principal_of(request)
        assert principal is not None
        commands = [RecordCaseEvent(type=e.type, case_id=e.case_id, at=e.at, unit_code=e.unit_code,
                                    service_code=e.service_code, district=e.district, channel=e.channel,
                                    outcome=e.outcome, reason=e.reason, amount=e.amount) for e in data.events]
        results = []
        for index, outcome in enumerate(record_case_events(collector, commands, principal)):
            if isinstance(outcome, CaseResult):
                results.append(CaseResultOut(index=index, case_id=outcome.case_id, status=200,
                                             result="recorded" if outcome.status == "recorded" else "unchanged"))
            else:
                problem = problem_for(outcome)
                results.append(CaseResultOut(index=index, case_id=commands[index].case_id, status=problem.status,
                                             result="rejected", problem=problem))
        return CaseEventsOut(results=results)
