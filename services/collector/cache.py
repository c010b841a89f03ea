"""A small time-bounded cache for what the hot path reads on every request."""

from __future__ import annotations

import time
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TtlCache(Generic[V]):
    """Keeps values for `ttl_s` seconds; a revocation in another process is seen within that time."""

    def __init__(self, ttl_s: float, max_size: int = 10_000) -> None:
        self.ttl_s = ttl_s
        self.max_size = max_size
        self._items: dict[Hashable, tuple[float, V]] = {}

    def get(self, key: Hashable) -> V | None:
        """The cached value, or None if absent or expired."""
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def put(self, key: Hashable, value: V) -> None:
        """Remember `value` for `ttl_s` seconds."""
        if len(self._items) >= self.max_size:
            self._items.clear()
        self._items[key] = (time.monotonic() + self.ttl_s, value)

    def evict(self, key: Hashable) -> None:
        """Forget `key` now (it changed in this process)."""
        self._items.pop(key, None)
