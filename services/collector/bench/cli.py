"""`siang bench`: performance commands (never timed tests)."""

from __future__ import annotations

import click


@click.group()
def bench() -> None:
    """Measure Siang against baselines measured in the same run."""
