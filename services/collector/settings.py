"""Siang's settings: read once, from `SIANG_*` environment variables and an optional TOML file.

This is the only module that knows how a database URL becomes the
`eventsourcing` library's persistence settings.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import msgspec

DEFAULT_DATA_DIR = ".siang"


class SettingsError(ValueError):
    """A setting is missing, malformed or contradicts another."""


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Every knob Siang has, with the embedded default (SQLite, no server) filled in."""

    database_url: str = f"sqlite:///{DEFAULT_DATA_DIR}/siang.db"
    data_dir: str = DEFAULT_DATA_DIR
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    batch_size: int = 100
    batch_wait_ms: float = 2.0
    max_body_bytes: int = 262_144
    max_batch_items: int = 500
    max_clock_skew_s: int = 300
    cache_ttl_s: float = 2.0
    pool_size: int = 8
    enable_echo: bool = False
    log_level: str = "info"

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`, from the database URL's scheme."""
        scheme = urlsplit(self.database_url).scheme.split("+")[0]
        if scheme in ("postgres", "postgresql"):
            return "postgresql"
        if scheme == "sqlite":
            return "sqlite"
        raise SettingsError(f"SIANG_DATABASE_URL must start with sqlite:/// or postgresql://, not {scheme!r}")


def load_settings(environ: Mapping[str, str] | None = None, toml_path: str | None = None) -> Settings:
    """Settings from `SIANG_CONFIG` (a TOML file) overlaid by `SIANG_*` variables."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = toml_path or environ.get("SIANG_CONFIG")
    if path:
        try:
            with open(path, "rb") as f:
                values.update(tomllib.load(f).get("siang", {}))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"cannot read settings file {path}: {e}") from e
    fields = set(Settings.__struct_fields__)
    for key, value in environ.items():
        if key.startswith("SIANG_") and key[6:].lower() in fields:
            values[key[6:].lower()] = value
    try:
        settings = msgspec.convert(values, Settings, strict=False)
    except msgspec.ValidationError as e:
        raise SettingsError(f"invalid setting: {e}") from e
    settings.backend  # noqa: B018 -- fail early on an unknown scheme
    return settings


def eventsourcing_env(settings: Settings) -> dict[str, str]:
    """The `eventsourcing` library's settings for the configured database."""
    url = urlsplit(settings.database_url)
    if settings.backend == "sqlite":
        path = Path(unquote(url.path[1:] if url.path.startswith("/") else url.path))
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path),
                "SQLITE_LOCK_TIMEOUT": "10"}
    query = {k: v[-1] for k, v in parse_qs(url.query).items()}
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "siang",
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": unquote(url.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(url.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", "public"),
        "POSTGRES_POOL_SIZE": str(settings.pool_size),
        "POSTGRES_MAX_OVERFLOW": str(settings.pool_size),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_PRE_PING": "y",
        "POSTGRES_LOCK_TIMEOUT": "10",
    }

