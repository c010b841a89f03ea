"""Aggregate ids derived from natural keys, so a retried command finds its aggregate."""

from __future__ import annotations

from uuid import UUID, uuid5

SIANG_NAMESPACE = UUID("5f1b0c4e-3c1a-5d7e-9b8a-51a4e6000001")


def stable_id(kind: str, key: str) -> UUID:
    """The id of the `kind` aggregate whose natural key is `key`."""
    return uuid5(SIANG_NAMESPACE, f"{kind}:{key}")
