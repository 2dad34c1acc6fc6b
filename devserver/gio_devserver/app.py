"""The ASGI application: routes, the ariadne GraphQL app, auth and the fault layer.

Layering (outermost first): FaultMiddleware (so faults hit before auth, and ``drop`` can
reach the server's transport) -> Starlette routes -> per-route auth -> handlers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLHTTPHandler
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from .auth import access_token_endpoint, authenticate
from .control import control_get, control_post, control_reset
from .download import download_endpoint
from .faults import FaultMiddleware
from .schema import build_schema
from .settings import Settings
from .state import ServerState


class _HTTPHandler(GraphQLHTTPHandler):
    """Appends errors that resolvers report next to a non-null result (jobResult ERROR)."""

    async def execute_graphql_query(self, request, data, *, context_value=None, query_document=None):
        if context_value is None:
            context_value = await self.get_context_for_request(request, data)
        success, result = await super().execute_graphql_query(
            request, data, context_value=context_value, query_document=query_document
        )
        extra = context_value.get("extra_errors") if isinstance(context_value, dict) else None
        if extra:
            result["errors"] = list(result.get("errors") or []) + extra
        return success, result

    async def create_json_response(self, request, result, success):
        """200 once execution started (like graphql-java); 400 only for invalid requests."""
        response = await super().create_json_response(request, result, success)
        if "data" in result:
            response.status_code = 200
        return response


class _QuietDomainErrors(logging.Filter):
    """Drop log records for errors resolvers raise on purpose (NOT_FOUND ...); keep bugs."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while isinstance(exc, GraphQLError) and exc.original_error is not None:
            exc = exc.original_error
        return not isinstance(exc, GraphQLError)


_graphql_log = logging.getLogger("gio_devserver.graphql")
_graphql_log.addFilter(_QuietDomainErrors())


class _AuthenticatedGraphQL:
    """Answers 401 unless the request carries a valid token, then runs ariadne's app."""

    def __init__(self, graphql_app: GraphQL, state: ServerState) -> None:
        self.graphql_app, self.state = graphql_app, state

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        denied = authenticate(request, self.state)
        if denied is not None:
            return await denied(scope, receive, send)
        self.state.count("graphql_requests")
        await self.graphql_app(scope, receive, send)


def create_app(
    schema_path: str | Path, *, client_secret: str = "dev-secret", settings: Settings | None = None
) -> FaultMiddleware:
    """Build the server around the schema file at ``schema_path`` (read now, once)."""
    state = ServerState(client_secret, settings)
    schema = build_schema(schema_path, state)

    def context(request, _data) -> dict:
        return {"request": request, "state": state, "extra_errors": []}

    graphql_app = GraphQL(
        schema, context_value=context, http_handler=_HTTPHandler(), debug=False, logger="gio_devserver.graphql"
    )
    routes = [
        Route("/graphql", _AuthenticatedGraphQL(graphql_app, state), methods=["POST"]),
        Route("/accounts/oauth/access_token", access_token_endpoint, methods=["POST"]),
        Route("/download", download_endpoint, methods=["GET"]),
        Route("/__control__", control_get, methods=["GET"]),
        Route("/__control__", control_post, methods=["POST"]),
        Route("/__control__/reset", control_reset, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.gio = state
    wrapped = FaultMiddleware(app, state)
    wrapped.state = state  # handy for in-process tests
    return wrapped
