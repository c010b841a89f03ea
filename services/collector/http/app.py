"""The Litestar application: routes, auth, problem details and OpenAPI, over given services."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin

from ..application import Collector
from ..group_commit import GroupCommitter
from ..ingest import ResponseIngest
from .auth import BearerAuthentication
from .controllers.cases import CasesController
from .controllers.channels import KiosksController, QrCodesController
from .controllers.health import HealthController
from .controllers.responses import ResponsesController
from .controllers.surveys import SurveysController
from .controllers.tokens import TokensController
from .controllers.units import UnitsController
from .echo import echo
from .problems import on_error

API_VERSION = "1.0.0"


def create_app(collector: Collector, committer: GroupCommitter, ingest: ResponseIngest, *,
               max_body_bytes: int, enable_echo: bool = False,
               on_shutdown: Callable[[], None] | None = None) -> Litestar:
    """The HTTP API over ready-made services; `bootstrap` builds them."""

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncGenerator[None, None]:
        yield
        if on_shutdown is not None:
            on_shutdown()

    def provide(value: Any) -> Provide:
        return Provide(lambda: value, use_cache=True, sync_to_thread=False)

    handlers: list[Any] = [HealthController, ResponsesController, SurveysController, UnitsController,
                           KiosksController, QrCodesController, TokensController, CasesController]
    if enable_echo:
        handlers.append(echo)
    return Litestar(
        route_handlers=handlers,
        dependencies={"collector": provide(collector), "committer": provide(committer),
                      "ingest": provide(ingest)},
        state=State({"collector": collector}),
        middleware=[DefineMiddleware(BearerAuthentication, exclude=["^/schema"])],
        exception_handlers={Exception: on_error},
        request_max_body_size=max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="Siang API", version=API_VERSION, path="/schema",
            description="Citizen feedback and service records for P.S.O. outcome indicators.",
            render_plugins=[ScalarRenderPlugin()],
        ),
        lifespan=[lifespan],
    )
