"""`siang`: the one command for running, seeding and administering Siang."""

from __future__ import annotations

import logging
import os

import click

from ..settings import SettingsError, load_settings
from .seed import seed
from .serve import serve, up
from .tokens import tokens


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--database-url", envvar="SIANG_DATABASE_URL", metavar="URL",
              help="sqlite:///path/to/file.db (default: .siang/siang.db) or postgresql://user@host:port/dbname.")
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
@click.version_option(package_name="siang")
def main(database_url: str | None, verbose: bool) -> None:
    """Siang (เสียง): citizen feedback and service records as an append-only log,
    turned into each unit's P.S.O. outcome indicators.

    Settings come from SIANG_* environment variables (e.g. SIANG_DATABASE_URL,
    SIANG_PORT) and an optional TOML file named by SIANG_CONFIG.
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if database_url:
        os.environ["SIANG_DATABASE_URL"] = database_url
    try:
        load_settings()
    except SettingsError as e:
        raise click.UsageError(str(e)) from e


main.add_command(up)
main.add_command(serve)
main.add_command(seed)
main.add_command(tokens)


def _add_bench() -> None:
    from ..bench.cli import bench

    main.add_command(bench)


_add_bench()
