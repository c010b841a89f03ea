"""Survey responses: submit one, flush a kiosk's queue, flag abuse."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, delete, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec

from ...application import Collector
from ...commands import Receipt, SubmitResponse
from ...ingest import ResponseIngest
from ..auth import principal_of, requires
from ..problems import ERRORS, problem_for
from ..schemas import BatchItemOut, BatchOut, FlagIn, ReceiptOut, ResponseBatchIn, ResponseIn


def to_command(body: ResponseIn) -> SubmitResponse:
    """The command a response body asks for."""
    given = msgspec.structs.asdict(body.profile) if body.profile is not None else {}
    profile = {name: value for name, value in given.items() if value is not None}
    return SubmitResponse(
        response_id=body.response_id, survey_code=body.survey_code, survey_version=body.survey_version,
        channel=body.channel, answers=body.answers, client_time=body.client_time, unit_code=body.unit_code,
        service_code=body.service_code, qr_token=body.qr_token, profile=profile or None, consent=body.consent,
        sensitive_consent=body.sensitive_consent,
    )


def to_out(receipt: Receipt) -> ReceiptOut:
    """The wire form of a receipt."""
    return ReceiptOut(response_id=receipt.response_id, survey_code=receipt.survey_code,
                      survey_version=receipt.survey_version, received_at=receipt.received_at)


class ResponsesController(Controller):
    """Citizens' answers. Kiosks authenticate with their device token; QR answers carry the code's token."""

    path = "/v1/responses"
    tags = ["responses"]

    @post("/", operation_id="submitResponse", status_code=201,
          responses={200: ResponseSpec(ReceiptOut, description="Already recorded: the original receipt"), **ERRORS})
    async def submit(self, data: ResponseIn, request: Request[Any, Any, Any],
                     ingest: NamedDependency[ResponseIngest]) -> Response[ReceiptOut]:
        """Record one response. 201 when new; 200 with the original receipt when resubmitted."""
        receipt = await ingest.submit(to_command(data), principal_of(request))
        return Response(to_out(receipt), status_code=200 if receipt.replayed else 201)

    @post("/batch", operation_id="submitResponseBatch", responses=ERRORS, status_code=200)
    async def submit_batch(self, data: ResponseBatchIn, request: Request[Any, Any, Any],
                           ingest: NamedDependency[ResponseIngest]) -> BatchOut:
        """Record a kiosk's offline queue; each item succeeds or fails on its own."""
        principal = principal_of(request)
        outcomes = await asyncio.gather(*(ingest.submit(to_command(r), principal) for r in data.responses),
                                        return_exceptions=True)
        results = []
        for index, (item, outcome) in enumerate(zip(data.responses, outcomes, strict=True)):
            if isinstance(outcome, Receipt):
                results.append(BatchItemOut(index=index, response_id=item.response_id,
                                            status=200 if outcome.replayed else 201, receipt=to_out(outcome)))
            elif isinstance(outcome, Exception):
                problem = problem_for(outcome)
                results.append(BatchItemOut(index=index, response_id=item.response_id, status=problem.status,
                                            problem=problem))
            else:
                raise outcome
        failed = sum(1 for r in results if r.problem is not None)
        return BatchOut(results=results, recorded=len(results) - failed, failed=failed)

    @post("/{response_id:uuid}/flag", operation_id="flagResponse", responses=ERRORS, status_code=204,
          guards=[requires("admin", "manager")], sync_to_thread=True)
    def flag(self, response_id: UUID, data: FlagIn, request: Request[Any, Any, Any],
             collector: NamedDependency[Collector]) -> None:
        """Flag a response as abuse; indicators leave it out, the log keeps it."""
        principal = principal_of(request)
        assert principal is not None
        collector.flag_response(response_id, data.reason, principal)

    @delete("/{response_id:uuid}/flag", operation_id="unflagResponse", responses=ERRORS, status_code=204,
            guards=[requires("admin", "manager")], sync_to_thread=True)
    def unflag(self, response_id: UUID, reason: str, request: Request[Any, Any, Any],
               collector: NamedDependency[Collector]) -> None:
        """Take a flag back; `reason` says why."""
        principal = principal_of(request)
        assert principal is not None
        collector.unflag_response(response_id, reason, principal)
