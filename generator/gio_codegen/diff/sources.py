"""Where a schema to compare comes from: a file, `git:REF:path`, or a live endpoint.

Every source ends as a validated `GraphQLSchema`; failures are `UserError`s
so the CLI prints one diagnostic instead of a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from graphql import GraphQLSchema, Source, build_client_schema, get_introspection_query

from gio_codegen.errors import UserError
from gio_codegen.load.schema import build_validated_schema
from gio_codegen.load.sources import read_source

TOKEN_ENV = "GIO_TOKEN"


def load_schema_spec(spec: str, headers: list[str] | None = None, cwd: Path | None = None) -> GraphQLSchema:
    if spec.startswith(("http://", "https://")):
        return build_client_schema(fetch_introspection(spec, headers or []))  # type: ignore[arg-type]
    if spec.startswith("git:"):
        return schema_from_text(_git_show(spec, cwd or Path.cwd()), spec)
    path = Path(spec)
    return schema_from_source(read_source(path, spec))


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


def request_headers(headers: list[str]) -> dict[str, str]:
    """`--header 'Name: value'` options, plus `Authorization: Token $GIO_TOKEN` unless given."""
    parsed: dict[str, str] = {}
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise UserError.at("--header", f"expected 'Name: value', got {header!r}", code="usage")
        parsed[name.strip()] = value.strip()
    token = os.environ.get(TOKEN_ENV)
    if token and not any(k.lower() == "authorization" for k in parsed):
        parsed["Authorization"] = f"Token {token}"
    return parsed


def fetch_introspection(url: str, headers: list[str]) -> dict[str, object]:
    """POST the full introspection query (descriptions, specifiedByURL) and return `data`."""
    import httpx

    query = get_introspection_query(descriptions=True, specified_by_url=True)
    try:
        response = httpx.post(url, json={"query": query}, headers=request_headers(headers), timeout=30)
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
