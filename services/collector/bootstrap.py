"""The composition root: settings → event store → application → group commit → HTTP app.

The only module that builds real adapters; everything else is handed what it needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from litestar import Litestar

from .application import Collector
from .group_commit import GroupCommitter
from .http.app import create_app
from .ingest import ResponseIngest
from .settings import Settings, eventsourcing_env, load_settings

log = logging.getLogger("siang")


@dataclass
class Siang:
    """The wired-up write side."""

    settings: Settings
    collector: Collector
    committer: GroupCommitter
    ingest: ResponseIngest

    def close(self) -> None:
        """Drain the group commit and release the database."""
        self.committer.close()
        self.collector.close()


def build(settings: Settings | None = None) -> Siang:
    """Wire the collector for `settings` (read from the environment when not given)."""
    settings = settings or load_settings()
    collector = Collector(env=eventsourcing_env(settings), cache_ttl_s=settings.cache_ttl_s)
    committer = GroupCommitter(collector.save, max_batch=settings.batch_size,
                               linger_s=settings.batch_wait_ms / 1000)
    return Siang(settings, collector, committer, ResponseIngest(collector, committer, settings.max_clock_skew_s))


def build_http(siang: Siang) -> Litestar:
    """The HTTP app over a wired collector; shutting it down drains the group commit."""

    def shutdown() -> None:
        log.info("draining the group commit (%d queued)", siang.committer.queue_depth)
        siang.close()

    return create_app(siang.collector, siang.committer, siang.ingest,
                      max_body_bytes=siang.settings.max_body_bytes, enable_echo=siang.settings.enable_echo,
                      on_shutdown=shutdown)


def asgi_app() -> Litestar:
    """The ASGI app for `uvicorn --factory` and process managers: settings from the environment."""
    return build_http(build())
