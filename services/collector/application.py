"""The collector application: the imperative verbs of Siang's write side.

Each verb takes plain values, loads what it needs from the log, lets an
aggregate decide, and saves the new events in one transaction. Every verb
that changes something names its `actor`, so the log says who did what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate

from .cache import TtlCache
from .credentials import (
    API_KIND,
    KIOSK_KIND,
    NotAllowed,
    Principal,
    format_token,
    hash_secret,
    new_secret,
    new_token_id,
    parse_token,
    secret_matches,
)
from .domain import default_survey
from .domain.access import ApiToken
from .domain.channels import Kiosk, QrCode
from .domain.errors import Conflict, NotFound
from .domain.ids import stable_id
from .domain.responses import Response
from .domain.surveys import Survey, SurveyVersion
from .domain.units import Unit, check_code

A = TypeVar("A", bound=Aggregate)
T = TypeVar("T")


class CacheMiss(Exception):
    """A hot-path lookup needs the database; the caller retries off the event loop."""


class Collector(Application[UUID]):
    """Siang's event-sourced write side."""

    def __init__(self, env: dict[str, str] | None = None, cache_ttl_s: float = 2.0) -> None:
        super().__init__(env)
        self._fresh: TtlCache[Any] = TtlCache(cache_ttl_s)
        self._versions: dict[tuple[str, int], SurveyVersion] = {}

    # -- reading ----------------------------------------------------------

    def load(self, cls: type[A], kind: str, key: str, field: str, *, may_load: bool = True) -> A:
        """The aggregate of `kind` named `key`, from a short-lived cache or the log."""
        cache_key = (kind, key)
        found = self._fresh.get(cache_key)
        if found is None:
            if not may_load:
                raise CacheMiss(cache_key)
            try:
                found = (self.repository.get(stable_id(kind, key)),)
            except AggregateNotFoundError:
                found = (None,)
            self._fresh.put(cache_key, found)
        if found[0] is None:
            raise NotFound(f"there is no {kind} {key!r}", field)
        aggregate = found[0]
        if not isinstance(aggregate, cls):
            raise TypeError(f"{kind} {key!r} is a {type(aggregate).__name__}, not a {cls.__name__}")
        return aggregate

    def fresh(self, cls: type[A], kind: str, key: str, field: str) -> A:
        """The aggregate straight from the log, for a command that will change it."""
        self._fresh.evict((kind, key))
        return self.load(cls, kind, key, field)

    def unit(self, code: str, field: str = "unit_code", *, may_load: bool = True) -> Unit:
        """A registered unit."""
        return self.load(Unit, "unit", code, field, may_load=may_load)

    def survey(self, code: str, field: str = "survey_code", *, may_load: bool = True) -> Survey:
        """A survey with all its versions."""
        return self.load(Survey, "survey", code, field, may_load=may_load)

    def survey_version(self, code: str, version: int | None, *, may_load: bool = True) -> SurveyVersion:
        """A published version (the latest when `version` is None); versions never change."""
        if version is not None and (code, version) in self._versions:
            return self._versions[(code, version)]
        survey = self.survey(code, may_load=may_load)
        found = survey.latest if version is None else survey.published(version)
        self._versions[(code, found.version)] = found
        return found

    def qr_code(self, token: str, *, may_load: bool = True) -> QrCode:
        """An issued QR code, revoked or not."""
        return self.load(QrCode, "qr", token, "qr_token", may_load=may_load)

    def kiosk(self, kiosk_id: str, *, may_load: bool = True) -> Kiosk:
        """A registered kiosk, retired or not."""
        return self.load(Kiosk, "kiosk", kiosk_id, "kiosk_id", may_load=may_load)

    def response(self, response_id: UUID) -> Response:
        """A recorded response."""
        try:
            found: Response = self.repository.get(stable_id("response", str(response_id)))
        except AggregateNotFoundError:
            raise NotFound(f"there is no response {response_id}", "response_id") from None
        return found

    def authenticate(self, token: str, *, may_load: bool = True) -> Principal | None:
        """The principal a bearer token stands for, or None if it is unknown, revoked or wrong."""
        parsed = parse_token(token)
        if parsed is None:
            return None
        kind, ident, secret = parsed
        try:
            if kind == KIOSK_KIND:
                kiosk = self.kiosk(ident, may_load=may_load)
                if kiosk.retired or not secret_matches(secret, kiosk.secret_hash):
                    return None
                return Principal("kiosk", ident, kiosk.unit_code, kiosk.kiosk_id)
            api = self.load(ApiToken, "token", ident, "token", may_load=may_load)
        except NotFound:
            return None
        if api.revoked or not secret_matches(secret, api.secret_hash):
            return None
        return Principal(api.role, ident, api.unit_code)

    # -- units and their indicators ----------------------------------------

    def register_unit(self, code: str, name_th: str, name_en: str, parent_code: str | None,
                      district: str | None, actor: str) -> None:
        """Register a unit; its code is its identity forever."""
        check_code(code, "code")
        if parent_code is not None:
            self.unit(parent_code, "parent_code")
        if self._exists(stable_id("unit", code)):
            raise Conflict(f"unit {code!r} is already registered", "code")
        self.save(Unit(code=code, name_th=name_th, name_en=name_en, parent_code=parent_code,
                       district=district, actor=actor))
        self._fresh.evict(("unit", code))  # it may be cached as "not found"

    def change_unit(self, code: str, change: Callable[[Unit], T]) -> T:
        """Apply `change` to the unit and save what it decided."""
        unit = self.fresh(Unit, "unit", code, "unit_code")
        result = change(unit)
        self.save(unit)
        self._fresh.evict(("unit", code))
        return result

    def adopt_systems(self, unit_code: str, systems: list[str], actor: str) -> None:
        """Declare which P.S.O. systems the unit works under now."""
        self.change_unit(unit_code, lambda u: u.adopt_systems(systems, actor))

    def define_indicator(self, unit_code: str, indicator: dict[str, Any], actor: str) -> None:
        """Add one of the unit's own indicators."""
        self.change_unit(unit_code, lambda u: u.define_indicator(indicator, actor))

    def revise_target(self, unit_code: str, indicator_code: str, target: float, actor: str) -> None:
        """Set a new target for an indicator."""
        self.change_unit(unit_code, lambda u: u.revise_target(indicator_code, target, actor))

    def retire_indicator(self, unit_code: str, indicator_code: str, actor: str) -> None:
        """Stop tracking an indicator."""
        self.change_unit(unit_code, lambda u: u.retire_indicator(indicator_code, actor))

    def define_service(self, unit_code: str, code: str, name_th: str, name_en: str, sla_hours: float,
                       unit_cost: float | None, actor: str) -> None:
        """Add a service to the unit's catalogue."""
        self.change_unit(unit_code, lambda u: u.define_service(code, name_th, name_en, sla_hours, unit_cost,
                                                                actor))

    # -- surveys and channels ------------------------------------------------

    def publish_survey(self, code: str, title_th: str, title_en: str, questions: list[dict[str, Any]],
                       actor: str) -> int:
        """Publish the next version of a survey (version 1 creates it); returns its number."""
        if not self._exists(stable_id("survey", code)):
            self.save(Survey.publish_first(code, title_th, title_en, questions, actor))
            self._fresh.evict(("survey", code))
            return 1
        survey = self.fresh(Survey, "survey", code, "survey_code")
        number = survey.publish(title_th, title_en, questions, actor)
        self.save(survey)
        self._fresh.evict(("survey", code))
        return number

    def publish_default_survey(self, actor: str) -> int:
        """Publish Siang's default A-11 survey, unless it is already there."""
        if self._exists(stable_id("survey", default_survey.CODE)):
            return self.survey(default_survey.CODE).latest.version
        return self.publish_survey(default_survey.CODE, default_survey.TITLE_TH, default_survey.TITLE_EN,
                                   default_survey.questions(), actor)

    def retire_survey(self, code: str, actor: str) -> None:
        """Stop accepting responses to a survey."""
        survey = self.fresh(Survey, "survey", code, "survey_code")
        survey.retire(actor)
        self.save(survey)
        self._fresh.evict(("survey", code))

    def register_kiosk(self, kiosk_id: str, unit_code: str, location: str, survey_code: str,
                       actor: str) -> str:
        """Register a kiosk; returns its device token, shown this once."""
        self.unit(unit_code)
        self.survey(survey_code)
        if self._exists(stable_id("kiosk", kiosk_id)):
            raise Conflict(f"kiosk {kiosk_id!r} is already registered", "kiosk_id")
        secret = new_secret()
        self.save(Kiosk.register(kiosk_id, unit_code, location, survey_code, hash_secret(secret), actor))
        self._fresh.evict(("kiosk", kiosk_id))
        return format_token(KIOSK_KIND, kiosk_id, secret)

    def retire_kiosk(self, kiosk_id: str, actor: str) -> None:
        """Take a kiosk out of service."""
        kiosk = self.fresh(Kiosk, "kiosk", kiosk_id, "kiosk_id")
        kiosk.retire(actor)
        self.save(kiosk)
        self._fresh.evict(("kiosk", kiosk_id))

    def issue_qr_code(self, unit_code: str, service_code: str | None, survey_code: str, actor: str) -> str:
        """Issue a QR code for a unit (and optionally one of its services); returns its token."""
        unit = self.unit(unit_code)
        if service_code is not None and service_code not in unit.services:
            raise NotFound(f"unit {unit_code!r} has no service {service_code!r}", "service_code")
        self.survey(survey_code)
        token = new_token_id() + new_token_id()
        self.save(QrCode(token=token, unit_code=unit_code, service_code=service_code, survey_code=survey_code,
                         actor=actor))
        return token

    def revoke_qr_code(self, token: str, reason: str, actor: str) -> QrCode:
        """Stop accepting responses through a QR code."""
        qr = self.fresh(QrCode, "qr", token, "qr_token")
        qr.revoke(reason, actor)
        self.save(qr)
        self._fresh.evict(("qr", token))
        return qr

    # -- access ------------------------------------------------------------

    def issue_token(self, role: str, unit_code: str | None, label: str, actor: str) -> tuple[str, str]:
        """Issue an API token; returns `(token_id, token)`, the token shown this once."""
        if unit_code is not None:
            self.unit(unit_code)
        token_id, secret = new_token_id(), new_secret()
        self.save(ApiToken.issue(token_id, role, unit_code, label, hash_secret(secret), actor))
        return token_id, format_token(API_KIND, token_id, secret)

    def revoke_token(self, token_id: str, actor: str) -> None:
        """Revoke an API token."""
        token = self.fresh(ApiToken, "token", token_id, "token_id")
        token.revoke(actor)
        self.save(token)
        self._fresh.evict(("token", token_id))

    # -- responses -------------------------------------------------------------

    def flag_response(self, response_id: UUID, reason: str, principal: Principal) -> None:
        """Mark a response as abuse (admin, or a manager of its unit)."""
        self._change_response(response_id, principal, lambda r: r.flag(reason, principal.actor))

    def unflag_response(self, response_id: UUID, reason: str, principal: Principal) -> None:
        """Take an abuse flag back."""
        self._change_response(response_id, principal, lambda r: r.unflag(reason, principal.actor))

    def _change_response(self, response_id: UUID, principal: Principal, change: Callable[[Response], None]) -> None:
        response = self.response(response_id)
        if not principal.may_manage(response.unit_code):
            raise NotAllowed(f"{principal.role} may not flag responses of unit {response.unit_code}")
        change(response)
        self.save(response)

    def _exists(self, aggregate_id: UUID) -> bool:
        return bool(self.recorder.select_events(aggregate_id, limit=1))
