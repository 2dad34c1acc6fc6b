"""Constants and small helpers shared by the end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

ROOT_DIR = Path(__file__).resolve().parents[2]
SCHEMA = ROOT_DIR / "schema.graphql"
SECRET = "e2e-secret"
PROJECT = "WlGk4Daj"
SEGMENT = "qgQMXnD3"
TAG = "mgGJj3GA"
USER = "40097"
FAST = {"poll": 0.02}  # polling interval for jobs (the server's default job takes 0.3 s)


def rewrite_json(response: httpx.Response, edit: Any) -> httpx.Response:
    """A copy of a (fully read) JSON response with its body passed through `edit(payload)`."""
    payload = json.loads(response.content)
    edit(payload)
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
    return httpx.Response(response.status_code, headers=headers, json=payload)


class RewritingTransport(httpx.HTTPTransport):
    """Real HTTP to the dev server, with GraphQL responses edited on the way back.

    Stands in for a *newer* server: a GraphQL server only returns the fields a client
    selects and the enum values its schema has, so "unknown" data needs a rewrite.
    """

    def __init__(self, edit: Any) -> None:
        super().__init__()
        self.edit = edit

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path != "/graphql" or response.status_code != 200:
            return response
        response.read()
        return rewrite_json(response, self.edit)


class AsyncRewritingTransport(httpx.AsyncHTTPTransport):
    """The asyncio twin of RewritingTransport."""

    def __init__(self, edit: Any) -> None:
        super().__init__()
        self.edit = edit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        if request.url.path != "/graphql" or response.status_code != 200:
            return response
        await response.aread()
        return rewrite_json(response, self.edit)


def run_growingio(
    url: str, *args: str, secret: str = "", token: str = "", prelude: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The `growingio` command as a real process against `url`; `prelude` runs first (e.g. to break
    something on purpose) in the same interpreter."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT_DIR / "generated"),
        "GROWINGIO_URL": url,
        "GROWINGIO_CLIENT_SECRET": secret,
        "GROWINGIO_TOKEN": token,
    }
    code = prelude + "\nfrom growingio_client.cli import main\nmain()\n"
    command = [sys.executable, "-c", code, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout)
