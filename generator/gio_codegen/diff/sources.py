"""Where a schema to compare comes from: a file, `git:REF:path`, or a live endpoint.

Every source ends as a validated `GraphQLSchema` (and the text it was read from, which the
Python-API comparison renders); failures are `UserError`s so the CLI prints one diagnostic
instead of a traceback. A URL is introspected with, in order: an `Authorization` header
given with `--header`, `$GIO_TOKEN`, or a token obtained with the client-credentials grant
from `$GIO_CLIENT_SECRET` at the config's `token-path` (client id and scope from
`[tool.gio-codegen.diff]`), sent with the config's `auth-header-prefix`.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graphql import GraphQLSchema, Source, build_client_schema, get_introspection_query, print_schema

from gio_codegen.errors import UserError
from gio_codegen.load.schema import build_validated_schema
from gio_codegen.load.sources import read_source

TOKEN_ENV = "GIO_TOKEN"
SECRET_ENV = "GIO_CLIENT_SECRET"


@dataclass(frozen=True)
class Auth:
    """How to obtain a token for a URL source (from the project's config)."""

    token_path: str = "/accounts/oauth/access_token"
    prefix: str = "Token"
    client_id: str = "api"
    scope: str = "system"


@dataclass(frozen=True)
class Loaded:
    schema: GraphQLSchema
    text: str  # the SDL as read; for a URL, the introspected schema printed
    is_url: bool = False


def load_schema_spec(spec: str, headers: list[str] | None = None, cwd: Path | None = None) -> GraphQLSchema:
    return load_source(spec, headers, cwd).schema


def load_source(spec: str, headers: list[str] | None = None, cwd: Path | None = None, auth: Auth | None = None) -> Loaded:
    if spec.startswith(("http://", "https://")):
        try:
            schema = build_client_schema(fetch_introspection(spec, headers or [], auth))  # type: ignore[arg-type]
        except (TypeError, ValueError) as error:
            raise UserError.at(spec, f"invalid introspection result: {error}", code="schema") from None
        return Loaded(schema, print_schema(schema) + "\n", is_url=True)
    if spec.startswith("git:"):
        text = _git_show(spec, cwd or Path.cwd())
        return Loaded(schema_from_text(text, spec), text)
    source = read_source(Path(spec), spec)
    return Loaded(schema_from_source(source), source.body)


def schema_from_text(text: str, name: str) -> GraphQLSchema:
    return schema_from_source(Source(text, name))


def schema_from_source(source: Source) -> GraphQLSchema:
    return build_validated_schema(source)


def _git_show(spec: str, cwd: Path) -> str:
    ref, sep, path = spec[len("git:"):].partition(":")
    if not sep or not ref or not path:
        raise UserError.at(spec, "expected git:REF:path", code="io")
    try:
        result = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=cwd, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UserError.at(spec, f"cannot run git: {error}", code="io") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError.at(spec, f"git show failed: {message[-1] if message else result.returncode}", code="io")
    try:
        return result.stdout.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise UserError.at(spec, "file is not valid UTF-8", code="io") from None


def request_headers(headers: list[str], url: str = "", auth: Auth | None = None) -> dict[str, str]:
    """`--header 'Name: value'` options, plus an `Authorization` from $GIO_TOKEN or the
    client-credentials grant ($GIO_CLIENT_SECRET) unless one was given."""
    parsed: dict[str, str] = {}
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise UserError.at("--header", f"expected 'Name: value', got {header!r}", code="usage")
        parsed[name.strip()] = value.strip()
    if any(k.lower() == "authorization" for k in parsed):
        return parsed
    prefix = auth.prefix if auth is not None else "Token"
    token = os.environ.get(TOKEN_ENV)
    if token:
        parsed["Authorization"] = f"{prefix} {token}"
    elif os.environ.get(SECRET_ENV) and url:
        parsed["Authorization"] = f"{prefix} {_client_credentials_token(url, auth or Auth())}"
    return parsed


def _client_credentials_token(url: str, auth: Auth) -> str:
    """POST the client-credentials grant to the server's token endpoint (the secret is never shown)."""
    import httpx

    parts = urlsplit(url)
    endpoint = f"{parts.scheme}://{parts.netloc}{auth.token_path}"
    form = {"grant_type": "client_credentials", "client_id": auth.client_id,
            "client_secret": os.environ.get(SECRET_ENV, ""), "scope": auth.scope}
    try:
        response = httpx.post(endpoint, data=form, timeout=30)
    except httpx.HTTPError as error:
        raise UserError.at(url, f"token request to {endpoint} failed: {type(error).__name__}", code="io") from None
    token = None
    if response.status_code == 200:
        try:
            payload = response.json()
        except json.JSONDecodeError:
            payload = None
        token = payload.get("access_token") if isinstance(payload, dict) else None
    if not isinstance(token, str) or not token:
        raise UserError.at(url, f"token request to {endpoint} failed: HTTP {response.status_code} "
                                f"(client id {auth.client_id!r}, secret from ${SECRET_ENV})", code="io")
    return token


def fetch_introspection(url: str, headers: list[str], auth: Auth | None = None) -> dict[str, object]:
    """POST the full introspection query (descriptions, specifiedByURL) and return `data`."""
    import httpx

    query = get_introspection_query(descriptions=True, specified_by_url=True)
    try:
        response = httpx.post(url, json={"query": query}, headers=request_headers(headers, url, auth), timeout=30)
    except httpx.HTTPError as error:
        raise UserError.at(url, f"introspection request failed: {error}", code="io") from None
    if response.status_code != 200:
        raise UserError.at(url, f"introspection failed: HTTP {response.status_code}: {response.text[:200]}", code="io")
    try:
        payload = response.json()
    except json.JSONDecodeError:
        raise UserError.at(url, "introspection response is not JSON", code="io") from None
    if not isinstance(payload, dict) or payload.get("errors") or not isinstance(payload.get("data"), dict):
        errors = payload.get("errors") if isinstance(payload, dict) else None
        raise UserError.at(url, f"introspection failed: {json.dumps(errors, ensure_ascii=False)[:300]}", code="io")
    data: dict[str, object] = payload["data"]
    return data
