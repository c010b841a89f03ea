"""The asynchronous path of a response from an HTTP request into the log.

Validation reads only cached state on the event loop; when something is not
cached it is done once in a worker thread. The save goes through the group
commit, and a resubmitted id is answered with the original receipt.
"""

from __future__ import annotations

import anyio.to_thread

from .application import CacheMiss, Collector
from .commands import Receipt, SubmitResponse
from .credentials import Principal
from .domain.responses import Response
from .group_commit import GroupCommitter, Saved
from .intake import prepare_response, receipt, receipt_for_resubmission


class ResponseIngest:
    """Accepts responses concurrently and answers each once its batch has committed."""

    def __init__(self, collector: Collector, committer: GroupCommitter, max_clock_skew_s: float) -> None:
        self.collector = collector
        self.committer = committer
        self.max_clock_skew_s = max_clock_skew_s

    async def submit(self, cmd: SubmitResponse, principal: Principal | None) -> Receipt:
        """Record `cmd` (or find it already recorded) and return its receipt."""
        response = await self.prepare(cmd, principal)
        if await self.committer.save(response) is Saved.NEW:
            return receipt(response)
        return await anyio.to_thread.run_sync(receipt_for_resubmission, self.collector, response)

    async def prepare(self, cmd: SubmitResponse, principal: Principal | None) -> Response:
        """Validate `cmd`, from cached state when possible."""
        try:
            return prepare_response(self.collector, cmd, principal, max_clock_skew_s=self.max_clock_skew_s,
                                    may_load=False)
        except CacheMiss:
            return await anyio.to_thread.run_sync(
                lambda: prepare_response(self.collector, cmd, principal, max_clock_skew_s=self.max_clock_skew_s))
