"""API tokens: which roles act for a unit, and revoking a token."""

from __future__ import annotations

import pytest

from services.collector.domain.access import ApiToken
from services.collector.domain.errors import Conflict, DomainError
from tests.unit.gwt import EventData, given, rejected, then

ISSUED: EventData = ("Issued", {"token_id": "t-42", "role": "manager", "unit_code": "PNK", "label": "PNK office",
                                "secret_hash": "sha256:abc", "actor": "admin"})


@pytest.mark.parametrize(("role", "unit_code"), [("manager", "PNK"), ("integration", "PNK"), ("admin", None),
                                                 ("auditor", None)])
def test_issuing_a_token_records_its_role_and_unit(role: str, unit_code: str | None) -> None:
    token = ApiToken.issue("t-42", role, unit_code, "label", "sha256:abc", actor="admin")

    assert then(token) == [("Issued", {"token_id": "t-42", "role": role, "unit_code": unit_code, "label": "label",
                                       "secret_hash": "sha256:abc", "actor": "admin"})]
    assert token.id == ApiToken.create_id("t-42")


@pytest.mark.parametrize("role", ["manager", "integration"])
def test_a_unit_role_needs_a_unit(role: str) -> None:
    with rejected(DomainError, "unit_code", match=f"a {role} token needs unit"):
        ApiToken.issue("t-42", role, None, "label", "sha256:abc", actor="admin")


@pytest.mark.parametrize("role", ["admin", "auditor"])
def test_a_city_wide_role_takes_no_unit(role: str) -> None:
    with rejected(DomainError, "unit_code", match=f"a {role} token takes no unit"):
        ApiToken.issue("t-42", role, "PNK", "label", "sha256:abc", actor="admin")


def test_an_unknown_role_is_rejected() -> None:
    with rejected(DomainError, "role", match="'mayor' is not one of"):
        ApiToken.issue("t-42", "mayor", None, "label", "sha256:abc", actor="admin")


def test_revoking_a_token_records_it() -> None:
    token = given(ApiToken, ISSUED)

    token.revoke(actor="admin")

    assert then(token) == [("Revoked", {"actor": "admin"})]
    assert token.revoked is True


def test_revoking_a_revoked_token_is_a_conflict() -> None:
    token = given(ApiToken, ISSUED, ("Revoked", {"actor": "admin"}))

    with rejected(Conflict, "token_id", match="already revoked"):
        token.revoke(actor="admin")
    assert then(token) == []
