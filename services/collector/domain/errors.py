"""The one base class of every rule the domain enforces."""

from __future__ import annotations


class DomainError(Exception):
    """A command broke a rule of the domain; `field` names the offending input."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The command names something the log has never recorded."""


class Conflict(DomainError):
    """The command contradicts what the log already holds."""
