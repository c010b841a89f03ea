"""Given/when/then on events: a test states a history, runs one command, and reads the new events.

Events are written as data, `(name, fields)`, without the log's metadata (id,
version, timestamp), so a test reads like the log it describes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate, CanMutateAggregate
from eventsourcing.utils import get_topic

from services.collector.domain.errors import DomainError

EventData = tuple[str, dict[str, Any]]
"""One event as a test writes it: the event's class name and its own fields."""

A = TypeVar("A", bound=Aggregate)

METADATA = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


def given(cls: type[A], *history: EventData) -> A:
    """The `cls` aggregate as `history` leaves it, applied event by event as the repository would."""
    originator_id = cls.create_id(**history[0][1])
    events: list[CanMutateAggregate[UUID]] = []
    for version, (name, fields) in enumerate(history, start=1):
        metadata: dict[str, Any] = {"originator_id": originator_id, "originator_version": version,
                                    "timestamp": datetime.now(UTC)}
        if version == 1:
            metadata["originator_topic"] = get_topic(cls)
        events.append(getattr(cls, name)(**metadata, **fields))
    return replay(cls, events)


def replay(cls: type[A], events: Iterable[CanMutateAggregate[UUID]]) -> A:
    """The aggregate rebuilt from recorded events, with nothing pending."""
    aggregate: Any = None
    for recorded in events:
        aggregate = recorded.mutate(aggregate)
    assert isinstance(aggregate, cls)
    return aggregate


def then(aggregate: Aggregate) -> list[EventData]:
    """The events recorded since the aggregate was given (or created), as data; collects them."""
    return [
        (type(recorded).__name__, {k: v for k, v in vars(recorded).items() if k not in METADATA})
        for recorded in aggregate.collect_events()
    ]


@contextmanager
def rejected(error: type[DomainError], field: str | None, match: str | None = None) -> Iterator[None]:
    """The command raises exactly `error`, naming `field` (and, when given, a message matching `match`)."""
    with pytest.raises(error, match=match) as caught:
        yield
    assert type(caught.value) is error, f"{type(caught.value).__name__} raised instead of {error.__name__}"
    assert caught.value.field == field
