"""The token endpoint and secrets, against the dev server's faults and a hostile server:
retries, messages that say what happened, one token request per expiry, no secret in any
exception, log record or CLI line, and no credential sent to another origin."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from email.utils import formatdate
from time import time

import pytest
from growingio_client import (
    AuthError,
    GraphQLResponseError,
    HTTPError,
    JobResult,
    JobStage,
    RetryPolicy,
    TransportError,
)

from .helpers import SECRET, run_growingio
from .hostile import TOKEN, TOKEN_PATH, echo, hostile_server, json_reply, redirect, reply, token_reply

QUICK = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.01)
HOSTILE_SECRET = "hostile-client-secret-8b2f"


class RecordedDelays(RetryPolicy):
    """Sleeps not at all, and remembers the Retry-After each retry was given."""

    def __init__(self) -> None:
        super().__init__(attempts=3)
        object.__setattr__(self, "seen", [])

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        self.seen.append(retry_after)  # type: ignore[attr-defined]
        return 0.0


def token_fault(server, kind: str, **extra) -> None:
    server.control(faults=[{"path": TOKEN_PATH, "kind": kind, **extra}])


@pytest.mark.parametrize("kind", [{"kind": "status", "status": 503}, {"kind": "drop"}], ids=["503", "drop"])
def test_the_token_endpoint_is_retried(make_client, server, kind: dict) -> None:
    token_fault(server, **kind)
    client = make_client(retry=QUICK)
    assert client.projects()
    stats = server.stats()
    assert stats["faults_applied"] == 1 and stats["tokens_issued"] == 1


def test_a_token_endpoint_that_keeps_failing_says_so(make_client, server) -> None:
    token_fault(server, "status", status=503, count=3)
    with pytest.raises(HTTPError) as failed:
        make_client(retry=QUICK).projects()
    assert failed.value.status_code == 503 and not isinstance(failed.value, AuthError)
    assert str(failed.value).startswith("token endpoint returned 503: ")
    assert "credentials" not in str(failed.value)


def test_a_wrong_secret_is_credentials_rejected(make_client) -> None:
    with pytest.raises(AuthError, match=r"^credentials rejected \(401\) by the token endpoint: .*Bad client credentials"):
        make_client(client_secret="not-the-secret", retry=QUICK).projects()


@pytest.mark.parametrize(
    ("header", "expected"), [("2", 2.0), (None, 30.0)], ids=["seconds", "HTTP-date"]
)
def test_429_retry_after_in_seconds_or_as_an_http_date(make_client, hostile, header: str | None, expected: float) -> None:
    when = header if header is not None else formatdate(time() + 30, usegmt=True)
    hostile.script(TOKEN_PATH, json_reply({"error": "slow down"}, 429, headers={"Retry-After": when}), token_reply())
    hostile.script("/graphql", json_reply({"data": {"projects": []}}))
    policy = RecordedDelays()
    assert make_client(url=hostile.url, client_secret=HOSTILE_SECRET, retry=policy).projects() == []
    [seen] = policy.seen  # type: ignore[attr-defined]
    assert expected - 2 < seen <= expected
    assert len(hostile.to(TOKEN_PATH)) == 2


def test_nothing_listening_says_is_the_server_running(make_client) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the client connects
    client = make_client(url=f"http://127.0.0.1:{port}", retry=QUICK)
    with pytest.raises(TransportError, match=rf"^cannot connect to http://127\.0\.0\.1:{port} — is the server running\?"):
        client.projects()


@pytest.mark.parametrize("url", ["ftp://example.com", "example.com", "https://", "http://[::1"])
def test_a_base_url_without_http_or_host_is_refused_up_front(make_client, url: str) -> None:
    with pytest.raises(ValueError, match="^base URL must look like https://host"):
        make_client(url=url)


def test_a_password_in_the_base_url_is_refused_and_never_shown(make_client, server) -> None:
    url = server.url.replace("://", "://admin:pa55-w0rd@")
    with pytest.raises(ValueError) as refused:
        make_client(url=url)
    assert "pa55-w0rd" not in str(refused.value) and "***@127.0.0.1" in str(refused.value)
    done = run_growingio(url, "projects", secret=SECRET)
    assert done.returncode == 1 and "pa55-w0rd" not in done.stdout + done.stderr
    assert done.stderr.startswith("growingio: error: base URL must not carry a user name or password")


def test_twenty_concurrent_calls_after_expiry_make_one_token_request(make_client, server) -> None:
    client = make_client()
    if make_client.kind == "sync":
        pytest.skip("the blocking client's twin is test_threads_share_one_token_request")
    client.projects()
    server.reset()
    server.control(revoke_tokens=True)  # every outstanding token now answers 401, as after an expiry

    async def burst() -> list:
        return await asyncio.gather(*(client.wrapped.projects() for _ in range(20)))

    assert all(client.loop.run_until_complete(burst()))
    stats = server.stats()
    assert stats["unauthorized"] == 20 and stats["tokens_issued"] == 1


def test_threads_share_one_token_request(make_client, server) -> None:
    if make_client.kind == "async":
        pytest.skip("the asyncio twin is test_twenty_concurrent_calls_after_expiry_make_one_token_request")
    client = make_client()
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(client.projects())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and server.stats()["tokens_issued"] == 1


def test_echoed_secrets_never_reach_exceptions_logs_or_the_cli(make_client, hostile, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    hostile.script(TOKEN_PATH, echo(500, body_first=True), token_reply())
    hostile.script("/graphql", echo(502))
    client = make_client(url=hostile.url, client_secret=HOSTILE_SECRET, retry=QUICK)
    with pytest.raises(HTTPError) as failed:
        client.projects()
    assert failed.value.status_code == 502
    assert "authorization: Token ***" in str(failed.value), "the echoed body is quoted, redacted ..."
    assert any("client_secret=***" in record.getMessage() for record in caplog.records), "... the form, too ..."
    texts = [str(failed.value), *(caplog.handler.format(record) for record in caplog.records)]
    assert any("X-Echo-Authorization" in text for text in texts), "... and httpcore logged the echoed header (redacted)"
    for text in texts:
        assert HOSTILE_SECRET not in text and TOKEN not in text
        assert "hostile-client-secret" not in text and TOKEN[:-1] not in text, "not even a prefix"

    hostile.script(TOKEN_PATH, echo(400, body_first=True))  # not retried: the CLI's default backoff would take seconds
    done = run_growingio(hostile.url, "--debug", "projects", secret=HOSTILE_SECRET)
    assert done.returncode == 1 and "token endpoint returned 400" in done.stderr
    assert "client_secret=***" in done.stderr and HOSTILE_SECRET not in done.stdout + done.stderr


def test_a_graphql_error_quoting_the_token_is_redacted(make_client, hostile) -> None:
    message = f"token {TOKEN} is not allowed here"
    hostile.script("/graphql", json_reply({"data": None, "errors": [{"message": message, "extensions": {"code": TOKEN}}]}))
    with pytest.raises(GraphQLResponseError) as failed:
        make_client(url=hostile.url, client_secret=HOSTILE_SECRET).projects()
    assert TOKEN not in str(failed.value) and failed.value.errors[0].message == "token *** is not allowed here"


@pytest.mark.parametrize("path", [TOKEN_PATH, "/graphql"])
def test_a_cross_origin_redirect_never_carries_credentials(make_client, hostile, path: str) -> None:
    """Even through a caller's httpx client that follows redirects: not followed, and said so."""
    with hostile_server() as elsewhere:
        hostile.script(path, redirect(f"{elsewhere.url}{path}"))
        client = make_client(url=hostile.url, client_secret=HOSTILE_SECRET, http={"follow_redirects": True})
        with pytest.raises(HTTPError, match=r"redirected \(307\) to http://127\.0\.0\.1:\d+/.*not followed"):
            client.projects()
        assert elsewhere.requests == [], "the other origin received nothing: no client_secret, no token"


def test_a_download_redirected_elsewhere_is_fetched_without_the_token(make_client, hostile, tmp_path) -> None:
    with hostile_server() as storage:
        storage.script("/bucket/file.csv", reply(200, b"a,b\n1,2\n", content_type="text/csv"))
        hostile.script("/download", redirect(f"{storage.url}/bucket/file.csv", 302))
        client = make_client(url=hostile.url, client_secret=HOSTILE_SECRET)
        result = JobResult(id="AbQ3XApY", stage=JobStage.FINISH, uris=["/jobs/results/x/file.csv"])
        [path] = client.download(result, tmp_path)
        assert path.read_bytes() == b"a,b\n1,2\n"
        [fetched] = storage.requests
        assert "authorization" not in fetched.headers
        assert hostile.to("/download")[0].headers["authorization"] == f"Token {TOKEN}"


@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_the_cli_never_prints_a_secret_even_in_results(hostile, as_json: bool) -> None:
    project = {
        "id": "WlGk4Daj", "name": f"echo {TOKEN}", "description": HOSTILE_SECRET, "creator": None,
        "creatorId": "WlGk4Daj", "createdAt": "2021-01-25T00:00:00+08:00", "owner": None, "ownerId": "WlGk4Daj",
        "projectMembers": None, "projectRoles": None, "projectMemberCount": 0,
    }
    hostile.script("/graphql", json_reply({"data": {"projects": [project]}}))
    done = run_growingio(hostile.url, *(["--json"] if as_json else []), "projects", secret=HOSTILE_SECRET)
    assert done.returncode == 0, done.stderr
    assert "echo ***" in done.stdout and TOKEN not in done.stdout and HOSTILE_SECRET not in done.stdout
