"""Shared fixtures: a fresh Siang per test, on SQLite and on the real PostgreSQL.

`backend` runs every test that uses it twice: on a SQLite file under the
test's `tmp_path`, and on PostgreSQL in a schema of its own inside a
throwaway database that this test session creates and drops.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from psycopg import sql

from services.collector.bootstrap import Siang, build, build_http
from services.collector.demo import DemoCredentials, seed_demo
from services.collector.settings import Settings

PG_SERVER = os.environ.get("SIANG_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
"""The PostgreSQL server the tests use (trust auth); the session makes its own database there."""

DEMO_ACTOR = "test"
UNIT_A, UNIT_B = "PNK", "PTW"
WHO = ("none", "kiosk_a", "manager_a", "manager_b", "auditor", "admin", "integration_a")
"""The callers of the role matrix: anonymous, a kiosk of unit A, managers of A and B, and so on."""


def _admin_connection(dbname: str) -> psycopg.Connection[Any]:
    return psycopg.connect(f"{PG_SERVER}/{dbname}", autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A throwaway database, created for this session and dropped at its end."""
    name = f"siang_test_{secrets.token_hex(6)}"
    try:
        with _admin_connection("postgres") as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at {PG_SERVER} is unreachable ({error}); the postgres tests need it")
    try:
        yield name
    finally:
        with _admin_connection("postgres") as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=[pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The event store under test: `sqlite` or `postgres`."""
    value: str = request.param
    return value


@pytest.fixture
def make_settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., Settings]]:
    """Settings for a new, empty log on `backend` (each call gets its own), with `overrides`."""
    counter = itertools.count(1)
    schemas: list[str] = []
    database = request.getfixturevalue("postgres_database") if backend == "postgres" else ""

    def make(**overrides: Any) -> Settings:
        n = next(counter)
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path / f'siang-{n}.db'}"
        else:
            schema = f"t_{secrets.token_hex(6)}"
            with _admin_connection(database) as conn:
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            schemas.append(schema)
            url = f"postgresql://postgres@127.0.0.1:5432/{database}?schema={schema}"
        return Settings(database_url=url, data_dir=str(tmp_path), **overrides)

    yield make
    if schemas:
        with _admin_connection(database) as conn:
            for schema in schemas:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    """Settings for a new, empty log with every default."""
    return make_settings()


@pytest.fixture
def siang(settings: Settings) -> Iterator[Siang]:
    """The wired write side over an empty log; closed at the end (the app's shutdown may close it first)."""
    wired = build(settings)
    try:
        yield wired
    finally:
        wired.close()


@pytest.fixture
def demo(siang: Siang) -> DemoCredentials:
    """The demo units, kiosks, QR codes and tokens, seeded into the log."""
    return seed_demo(siang.collector, DEMO_ACTOR)


@pytest.fixture
def tokens(demo: DemoCredentials) -> dict[str, str]:
    """Every demo credential by who holds it: `admin`, `manager_a`, `kiosk_b`, `qr_a`, …"""
    by_who: dict[str, str] = {}
    suffix = {UNIT_A: "_a", UNIT_B: "_b"}
    for role, unit, token in demo.tokens:
        if unit is None:
            by_who[role] = token
        elif unit in suffix:
            by_who[role + suffix[unit]] = token
    for _, unit, token in demo.kiosks:
        if unit in suffix:
            by_who["kiosk" + suffix[unit]] = token
    for unit, token in demo.qr_codes:
        if unit in suffix:
            by_who["qr" + suffix[unit]] = token
    return by_who


@pytest.fixture
def auth(tokens: dict[str, str]) -> dict[str, dict[str, str]]:
    """Request headers for each caller; `none` sends no Authorization header."""
    headers = {who: {"Authorization": f"Bearer {token}"} for who, token in tokens.items() if not who.startswith("qr")}
    headers["none"] = {}
    return headers


@pytest.fixture
def client(siang: Siang, demo: DemoCredentials) -> Iterator[TestClient[Litestar]]:
    """The HTTP API over the seeded log, lifespan running (leaving it drains the group commit)."""
    with TestClient(build_http(siang)) as test_client:
        yield test_client
