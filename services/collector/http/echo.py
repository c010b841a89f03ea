"""The benchmark's baseline: the same body and validation as a submission, with no I/O."""

from __future__ import annotations

from datetime import UTC, datetime

from litestar import post

from .problems import ERRORS
from .schemas import ReceiptOut, ResponseIn


@post("/v1/bench/echo", operation_id="benchEcho", responses=ERRORS, status_code=201, tags=["bench"],
      include_in_schema=False)
async def echo(data: ResponseIn) -> ReceiptOut:
    """Decode and validate a response body, and answer as if it were recorded."""
    return ReceiptOut(response_id=data.response_id, survey_code=data.survey_code,
                      survey_version=data.survey_version, received_at=datetime.now(UTC))
