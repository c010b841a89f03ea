"""Group commit: many requests' aggregates saved in one transaction.

The PostgreSQL recorder takes a table lock for every insert transaction and
holds it through the commit's fsync, so one aggregate per transaction caps
the log at a few hundred events a second. Here one thread owns all saves:
it takes whatever is queued (up to `max_batch`, lingering `linger_s` for
more while the batch is small), saves it as one transaction, and only then
completes each request's future. A batch aborted by a duplicate is retried
item by item, so one resubmission never fails its neighbours.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

log = logging.getLogger("siang.group_commit")


class Saved(Enum):
    """How an aggregate's save ended."""

    NEW = "new"
    DUPLICATE = "duplicate"  # an aggregate with this id was already in the log


class WriterClosed(Exception):
    """The writer is shutting down and takes no more work."""


@dataclass
class _Item:
    aggregate: Aggregate
    events: Sequence[Any]
    done: Callable[[Saved | BaseException], None]
    followers: list[_Item] = field(default_factory=list)


@dataclass
class BatchStats:
    """Counters for operators and the benchmark."""

    batches: int = 0
    items: int = 0
    retried_batches: int = 0
    largest_batch: int = 0


class GroupCommitter:
    """One writer thread that saves queued aggregates in shared transactions."""

    def __init__(self, save: Callable[..., object], *, max_batch: int = 100, linger_s: float = 0.002) -> None:
        self._save = save
        self.max_batch = max_batch
        self.linger_s = linger_s
        self.stats = BatchStats()
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="siang-group-commit", daemon=True)
        self._thread.start()

    async def save(self, aggregate: Aggregate) -> Saved:
        """Queue `aggregate` and wait until its batch has committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Saved] = loop.create_future()

        def done(outcome: Saved | BaseException) -> None:
            loop.call_soon_threadsafe(_settle, future, outcome)

        self._put(aggregate, done)
        return await future

    def save_blocking(self, aggregate: Aggregate, timeout: float = 30.0) -> Saved:
        """Queue `aggregate` from a plain thread and wait for its commit."""
        finished = threading.Event()
        result: list[Saved | BaseException] = []

        def done(outcome: Saved | BaseException) -> None:
            result.append(outcome)
            finished.set()

        self._put(aggregate, done)
        if not finished.wait(timeout):
            raise TimeoutError("the group commit did not finish in time")
        if isinstance(result[0], BaseException):
            raise result[0]
        return result[0]

    @property
    def queue_depth(self) -> int:
        """How many aggregates wait for the next batch."""
        return self._queue.qsize()

    def close(self, timeout: float = 30.0) -> None:
        """Stop taking work, save everything already queued, and stop the thread."""
        self._closed = True
        self._queue.put(None)
        self._thread.join(timeout)

    def _put(self, aggregate: Aggregate, done: Callable[[Saved | BaseException], None]) -> None:
        if self._closed:
            raise WriterClosed("the collector is shutting down")
        self._queue.put(_Item(aggregate, aggregate.collect_events(), done))

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                stopping = True
                batch = self._drain([])
            else:
                batch = self._take_more([first])
            if batch:
                self._commit(batch)
        for item in self._drain([]):  # anything queued after the sentinel
            item.done(WriterClosed("the collector is shutting down"))

    def _take_more(self, batch: list[_Item]) -> list[_Item]:
        deadline = time.monotonic() + self.linger_s
        while len(batch) < self.max_batch:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    item = self._queue.get(timeout=remaining)
                except queue.Empty:
                    break
            if item is None:  # shutting down: put the sentinel back for the loop
                self._queue.put(None)
                break
            batch.append(item)
        return batch

    def _drain(self, batch: list[_Item]) -> list[_Item]:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return batch
            if item is not None:
                batch.append(item)

    def _commit(self, batch: list[_Item]) -> None:
        leaders: dict[Any, _Item] = {}
        for item in batch:
            leader = leaders.setdefault(item.aggregate.id, item)
            if leader is not item:
                leader.followers.append(item)
        items = list(leaders.values())
        self.stats.batches += 1
        self.stats.items += len(batch)
        self.stats.largest_batch = max(self.stats.largest_batch, len(batch))
        try:
            self._save(*(e for item in items for e in item.events))
        except IntegrityError:
            self.stats.retried_batches += 1
            for item in items:
                self._commit_one(item)
        except Exception as error:  # the database is down or refused: every request hears of it
            log.warning("group commit of %d items failed: %s", len(items), error)
            for item in items:
                _finish(item, error)
        else:
            for item in items:
                _finish(item, Saved.NEW)

    def _commit_one(self, item: _Item) -> None:
        try:
            self._save(*item.events)
        except IntegrityError:
            _finish(item, Saved.DUPLICATE)
        except Exception as error:
            _finish(item, error)
        else:
            _finish(item, Saved.NEW)


def _finish(item: _Item, outcome: Saved | BaseException) -> None:
    item.done(outcome)
    for follower in item.followers:
        follower.done(Saved.DUPLICATE if outcome is Saved.NEW else outcome)


def _settle(future: asyncio.Future[Saved], outcome: Saved | BaseException) -> None:
    if future.done():  # the client went away; the save still happened
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
