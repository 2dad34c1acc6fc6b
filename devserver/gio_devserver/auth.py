"""The OAuth client-credentials token flow and the ``Authorization`` check.

Mirrors reference/authentication.md: ``POST /accounts/oauth/access_token`` issues a
temporary token; every API call sends ``Authorization: Token <token>`` and gets HTTP 401
once the token is unknown or older than ``token_ttl``, which is the client's cue to
re-issue. The age is checked against the *current* ``token_ttl`` knob, so a test can
expire every outstanding token by lowering it.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse

from .state import ServerState


class TokenStore:
    """Issued tokens and their issue time (monotonic clock, immune to wall-clock jumps)."""

    def __init__(self) -> None:
        self._issued: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self) -> str:
        token = secrets.token_hex(20)
        with self._lock:
            self._issued[token] = time.monotonic()
        return token

    def revoke_all(self) -> None:
        with self._lock:
            self._issued.clear()

    def check(self, token: str, ttl: float | None) -> str | None:
        """Return ``None`` when valid, else the reason ("unknown" or "expired")."""
        with self._lock:
            issued = self._issued.get(token)
        if issued is None:
            return "unknown"
        if ttl is not None and time.monotonic() - issued >= ttl:
            return "expired"
        return None


def extract_token(header: str | None, prefix: str) -> str | None:
    """Accept ``<prefix> <token>`` (case-insensitive prefix) or a bare token."""
    if not header:
        return None
    header = header.strip()
    head, _, rest = header.partition(" ")
    if rest and head.lower() == prefix.lower():
        return rest.strip() or None
    return None if " " in header else header


def unauthorized(reason: str, prefix: str) -> JSONResponse:
    """The 401 body every protected endpoint (and the ``expire_token`` fault) sends."""
    descriptions = {
        "missing": "Full authentication is required to access this resource",
        "unknown": "Invalid access token",
        "expired": "Access token expired",
    }
    return JSONResponse(
        {"error": "unauthorized", "error_description": descriptions.get(reason, reason)},
        status_code=401,
        headers={"WWW-Authenticate": prefix},
    )


def authenticate(request: Request, state: ServerState) -> JSONResponse | None:
    """Return a 401 response for an unauthenticated request, ``None`` when it may pass."""
    prefix = state.knobs.token_prefix
    token = extract_token(request.headers.get("authorization"), prefix)
    if token is None:
        reason: str | None = "missing"
    else:
        reason = state.tokens.check(token, state.knobs.token_ttl)
    if reason is None:
        return None
    state.count("unauthorized")
    return unauthorized(reason, prefix)


async def _read_form(request: Request) -> dict[str, str]:
    """Parse an urlencoded (or JSON) body without python-multipart; query params too."""
    fields = dict(request.query_params)
    body = (await request.body()).decode("utf-8", "replace")
    if "json" in request.headers.get("content-type", ""):
        try:
            data = json.loads(body or "{}")
        except ValueError:
            data = {}
        if isinstance(data, dict):
            fields.update({k: str(v) for k, v in data.items()})
    else:
        fields.update(dict(parse_qsl(body, keep_blank_values=True)))
    return fields


async def access_token_endpoint(request: Request) -> JSONResponse:
    """``POST /accounts/oauth/access_token`` (grant_type=client_credentials)."""
    state: ServerState = request.app.state.gio
    form = await _read_form(request)
    if form.get("grant_type") != "client_credentials":
        return JSONResponse(
            {"error": "unsupported_grant_type", "error_description": "grant_type must be client_credentials"},
            status_code=400,
        )
    if not secrets.compare_digest(form.get("client_secret", ""), state.client_secret):
        return JSONResponse(
            {"error": "invalid_client", "error_description": "Bad client credentials"},
            status_code=401,
        )
    state.count("tokens_issued")
    ttl = state.knobs.token_ttl
    return JSONResponse(
        {
            "access_token": state.tokens.issue(),
            "token_type": "bearer",
            "expires_in": int(ttl) if ttl is not None else None,
            "scope": form.get("scope") or "system",
        }
    )
