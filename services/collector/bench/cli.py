"""`siang bench`: performance commands (never timed tests)."""

from __future__ import annotations

import click

POSITIVE = click.IntRange(min=1)
AT_LEAST_ONE = click.FloatRange(min=1)


@click.group()
def bench() -> None:
    """Measure Siang against baselines measured in the same run."""


@bench.command()
@click.option("--seconds", default=10.0, type=AT_LEAST_ONE, show_default=True, help="Length of each measured phase.")
@click.option("--rounds", default=3, type=POSITIVE, show_default=True,
              help="Rounds of submit, echo and bare phases; the result takes the median (the machine is noisy).")
@click.option("--rate", default=500.0, type=AT_LEAST_ONE, show_default=True,
              help="Requests per second of the open-loop latency phase.")
@click.option("--workers", default=2, type=POSITIVE, show_default=True,
              help="Server processes (`siang serve --workers`).")
@click.option("--connections", default=128, type=POSITIVE, show_default=True, help="wrk's concurrent connections.")
@click.option("--wrk-threads", default=2, type=POSITIVE, show_default=True, help="wrk's threads.")
@click.option("--warmup", default=2.0, type=click.FloatRange(min=0), show_default=True,
              help="Seconds of load before measuring (0: none).")
@click.option("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres", show_default=True,
              metavar="URL", help="The server to create the throwaway database on (via this database).")
@click.option("--database-url", default=None, metavar="URL",
              help="Run in this existing database instead of a throwaway one (it is never dropped).")
@click.option("--keep", is_flag=True, help="Keep the throwaway database afterwards.")
@click.option("--port", default=0, type=click.IntRange(0, 65535),
              help="Port for the server under test (default: a free one).")
def ingest(seconds: float, rounds: int, rate: float, workers: int, connections: int, wrk_threads: int,
           warmup: float, postgres_url: str, database_url: str | None, keep: bool, port: int) -> None:
    """Responses/s through the HTTP API with group commit, against a bare psycopg insert loop and
    the no-I/O echo endpoint measured in the same run; p50/p99 latency at a fixed rate; and a
    check of the log for lost or duplicated responses. Needs wrk and the local PostgreSQL.

    Progress goes to stderr; the result is a JSON object, the last line on stdout.
    """
    from .ingest import BenchConfig, main

    if database_url is not None and not database_url.startswith(("postgresql://", "postgres://")):
        raise click.BadParameter("the benchmark runs on PostgreSQL: postgresql://user@host:port/dbname",
                                 param_hint="--database-url")
    if wrk_threads > connections:
        raise click.BadParameter("wrk needs at least as many connections as threads", param_hint="--connections")
    main(BenchConfig(seconds=seconds, rounds=rounds, rate=rate, workers=workers, connections=connections,
                     wrk_threads=wrk_threads, warmup_seconds=warmup, postgres_url=postgres_url,
                     database_url=database_url, keep=keep, port=port))
