"""`siang seed demo`: a handful of real Bangkok district offices to try Siang with."""

from __future__ import annotations

import click

from ..application import Collector
from ..bootstrap import build
from ..demo import DemoCredentials, is_seeded, seed_demo
from .tokens import cli_actor


def print_credentials(creds: DemoCredentials) -> None:
    """Show the demo's secrets; they are not stored anywhere but in this output."""
    click.echo(click.style("Tokens (shown once; only their hashes are in the log):", bold=True))
    for role, unit, token in creds.tokens:
        click.echo(f"  {role:<12} {unit or '':<5} {token}")
    click.echo(click.style("Kiosk device tokens:", bold=True))
    for kiosk_id, _, token in creds.kiosks:
        click.echo(f"  {kiosk_id:<14} {token}")
    click.echo(click.style("QR codes:", bold=True))
    for unit, token in creds.qr_codes:
        click.echo(f"  {unit:<5} {token}")


def seed_demo_if_empty(collector: Collector) -> None:
    """Seed the demo on a fresh log and print its credentials; leave a used log alone."""
    if is_seeded(collector):
        click.echo("The demo units are already in the log (issue a token with `siang tokens issue`).")
        return
    click.echo("A fresh log: seeding the demo district offices…")
    print_credentials(seed_demo(collector, cli_actor()))


@click.group()
def seed() -> None:
    """Load example data."""


@seed.command("demo")
def demo() -> None:
    """Register Phra Nakhon, Pathum Wan, Chatuchak and Bang Khen district offices with
    services, indicators, the default survey, a kiosk and a QR code each, and tokens."""
    siang = build()
    try:
        seed_demo_if_empty(siang.collector)
    finally:
        siang.close()
