"""`siang tokens`: issue and revoke API tokens from the machine that holds the log."""

from __future__ import annotations

import getpass

import click

from ..bootstrap import build
from ..domain.access import ROLES
from ..domain.errors import DomainError


def cli_actor() -> str:
    """How the log names whoever runs the CLI."""
    return f"cli:{getpass.getuser()}"


@click.group()
def tokens() -> None:
    """Issue and revoke API tokens (only their hashes are recorded)."""


@tokens.command("issue")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the token may do.")
@click.option("--unit", "unit_code", metavar="CODE", help="The unit, for manager and integration tokens.")
@click.option("--label", default="", help="Who or what holds the token, for the log.")
def issue(role: str, unit_code: str | None, label: str) -> None:
    """Issue a token and print it once; keep it safe, it cannot be shown again."""
    siang = build()
    try:
        token_id, token = siang.collector.issue_token(role, unit_code, label, cli_actor())
    except DomainError as e:
        raise click.ClickException(f"{e.field}: {e.message}" if e.field else e.message) from e
    finally:
        siang.close()
    click.echo(f"token id: {token_id}")
    click.echo(f"token:    {token}")


@tokens.command("revoke")
@click.argument("token_id")
def revoke(token_id: str) -> None:
    """Revoke the token TOKEN_ID; it stops working at once."""
    siang = build()
    try:
        siang.collector.revoke_token(token_id, cli_actor())
    except DomainError as e:
        raise click.ClickException(e.message) from e
    finally:
        siang.close()
    click.echo(f"revoked {token_id}")
