"""Liveness and readiness, for load balancers and process supervisors."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.di import NamedDependency

from ...application import Collector
from ...group_commit import GroupCommitter
from ..schemas import HealthOut


class HealthController(Controller):
    """`/v1/health`: the process answers. `/v1/ready`: the log is reachable and the writer runs."""

    path = "/v1"
    tags = ["health"]

    @get("/health", operation_id="health")
    async def health(self) -> HealthOut:
        """The process is alive."""
        return HealthOut(status="ok")

    @get("/ready", operation_id="ready", sync_to_thread=True)
    def ready(self, collector: NamedDependency[Collector],
              committer: NamedDependency[GroupCommitter]) -> Response[HealthOut]:
        """The log answers and the group-commit writer is running."""
        backend = type(collector.recorder).__module__.split(".")[-1]
        try:
            head = collector.recorder.max_notification_id()
        except Exception:  # any failure to reach the log means not ready
            return Response(HealthOut(status="unavailable", backend=backend), status_code=503,
                            headers={"Retry-After": "2"})
        return Response(HealthOut(status="ready", backend=backend, log_head=head or 0,
                                  queue_depth=committer.queue_depth))
