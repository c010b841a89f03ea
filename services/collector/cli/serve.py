"""`siang serve` and `siang up`: the HTTP API, and the one-command local start."""

from __future__ import annotations

import os

import click
import uvicorn

from ..bootstrap import build
from ..settings import load_settings
from .seed import seed_demo_if_empty

FACTORY = "services.collector.bootstrap:asgi_app"


def _run_server(host: str, port: int, workers: int) -> None:
    settings = load_settings()
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                log_level=settings.log_level, timeout_graceful_shutdown=10, server_header=False)


@click.command()
@click.option("--host", envvar="SIANG_HOST", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", envvar="SIANG_PORT", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", envvar="SIANG_WORKERS", default=1, show_default=True,
              help="Server processes; each has its own group commit.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the HTTP API (OpenAPI at /schema) until Ctrl-C; SIGTERM drains queued saves first."""
    _run_server(host, port, workers)


@click.command()
@click.option("--host", envvar="SIANG_HOST", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", envvar="SIANG_PORT", default=8000, show_default=True, help="Port to listen on.")
def up(host: str, port: int) -> None:
    """Start Siang locally: seed the demo units if the log is empty, print where everything is, serve."""
    siang = build()
    try:
        seed_demo_if_empty(siang.collector)
    finally:
        siang.close()
    base = f"http://{host}:{port}"
    click.echo(click.style("\nSiang is starting.", bold=True))
    click.echo(f"  Log:      {load_settings().database_url}")
    click.echo(f"  API:      {base}/v1  (health: {base}/v1/health)")
    click.echo(f"  OpenAPI:  {base}/schema  (document: {base}/schema/openapi.json)")
    click.echo("  Stop with Ctrl-C.\n")
    os.environ.setdefault("SIANG_PORT", str(port))
    _run_server(host, port, 1)
