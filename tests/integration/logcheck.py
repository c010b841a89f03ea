"""What the API tests read back from the log itself, not from the HTTP answer."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Notification

from services.collector.bootstrap import Siang

PROBLEM_JSON = "application/problem+json"


def log_head(siang: Siang) -> int:
    """The newest position in the log (0 when empty)."""
    return siang.collector.recorder.max_notification_id() or 0


def written_since(siang: Siang, head: int) -> list[Notification]:
    """Everything recorded after position `head`."""
    return list(siang.collector.recorder.select_notifications(start=head + 1, limit=1000))


def states(siang: Siang, notifications: list[Notification]) -> list[dict[str, Any]]:
    """The decoded fields of each recorded event."""
    return [vars(siang.collector.mapper.to_domain_event(n)) for n in notifications]
