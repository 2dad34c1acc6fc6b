"""Malformed and oversized GraphQL responses from a hostile server on 127.0.0.1: always a typed,
short InvalidResponseError, bounded memory, and a CLI that never prints a traceback."""

from __future__ import annotations

import gzip
import tracemalloc

import pytest
from growingio_client import GrowingIOError, InvalidResponseError, RetryPolicy, TransportError

from .helpers import run_growingio
from .hostile import endless, reply, trickle

ONCE = RetryPolicy(attempts=1)
MALFORMED = {
    "errors is a number": b'{"data": null, "errors": 5}',
    "errors entry is a number": b'{"data": null, "errors": [5]}',
    "error message is a number": b'{"errors": [{"message": 5}]}',
    "path is a number": b'{"data": null, "errors": [{"message": "x", "path": 7}]}',
    "extensions is a string": b'{"data": null, "errors": [{"message": "x", "extensions": "x"}]}',
    "locations is a string": b'{"errors": [{"message": "x", "locations": "here"}]}',
    "data is a number": b'{"data": 5}',
    "data is a list": b'{"data": []}',
    "body is a list": b"[1, 2]",
    "body is a string": b'"hello"',
    "neither data nor errors": b"{}",
    "nested 1000 deep": b'{"data": {"projects": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
    "not UTF-8": b'{"data": {"projects": [{"id": "\xff\xfe", "name": "x"}]}}',
    "NaN": b'{"data": {"projects": NaN}}',
    "empty body": b"",
    "an HTML page": b"<html><body>" + b"<p>Bad Gateway</p>" * 500 + b"</body></html>",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_any_malformed_shape_is_a_short_invalid_response_error(make_client, hostile, body: bytes) -> None:
    hostile.script("/graphql", reply(200, body))
    client = make_client(url=hostile.url, token="t0ken-abc", retry=ONCE)
    with pytest.raises(InvalidResponseError) as failed:
        client.projects()
    assert isinstance(failed.value, GrowingIOError)
    assert len(str(failed.value)) < 400, "an excerpt, not the body"


def test_errors_with_a_wrong_path_name_the_entry(make_client, hostile) -> None:
    hostile.script("/graphql", reply(200, MALFORMED["path is a number"]))
    client = make_client(url=hostile.url, token="t0ken-abc", retry=ONCE)
    with pytest.raises(InvalidResponseError, match=r"`errors\[0\]`\.path is not a list"):
        client.projects()


def test_an_endless_response_is_abandoned_at_max_response_bytes(make_client, hostile) -> None:
    hostile.script("/graphql", endless())
    client = make_client(url=hostile.url, token="t0ken-abc", max_response_bytes=1 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(InvalidResponseError, match=r"larger than max_response_bytes \(1048576 bytes\)"):
            client.projects()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"memory stays bounded (peak {peak} bytes)"
    assert hostile.sent["/graphql"] < 64 << 20, "the client hung up long before the server's 256 MiB"
    assert len(hostile.to("/graphql")) == 1, "a response over the cap is not asked for again"


def test_a_response_trickling_under_the_read_timeout_still_ends(make_client, hostile) -> None:
    """Each byte arrives well within the per-read timeout, the whole never: abandoned at ten times it."""
    hostile.script("/graphql", trickle(length=10_000, interval=0.05, content_type="application/json"))
    client = make_client(url=hostile.url, token="t0ken-abc", timeout=0.15, retry=ONCE)
    with pytest.raises(TransportError, match=r"did not finish within 1\.5s \(ten times the timeout\)"):
        client.projects()
    assert 10 < hostile.sent["/graphql"] < 10_000, "bytes kept coming; the client stopped waiting"


def test_a_gzip_bomb_is_capped_by_its_decoded_size(make_client, hostile) -> None:
    bomb = gzip.compress(b"[" * (16 << 20), compresslevel=1)
    hostile.script("/graphql", reply(200, bomb, {"Content-Encoding": "gzip"}))
    client = make_client(url=hostile.url, token="t0ken-abc", max_response_bytes=1 << 20)
    with pytest.raises(InvalidResponseError, match="larger than max_response_bytes"):
        client.projects()


def test_a_declared_length_over_the_cap_is_refused_before_reading(make_client, hostile) -> None:
    hostile.script("/graphql", reply(200, b"{" * 4096, content_type="application/json"))
    client = make_client(url=hostile.url, token="t0ken-abc", max_response_bytes=1024)
    with pytest.raises(InvalidResponseError, match="larger than max_response_bytes"):
        client.projects()


@pytest.mark.parametrize("name", ["errors is a number", "nested 1000 deep", "not UTF-8"])
def test_the_cli_prints_one_line_and_no_traceback(hostile, name: str) -> None:
    """Through a mutation, which is not retried (a query would be, a few times, with backoff)."""
    hostile.script("/graphql", reply(200, MALFORMED[name]))
    done = run_growingio(hostile.url, "submit-tag-user-export-job", "--tag-id", "mgGJj3GA", token="t0ken-abc")
    assert done.returncode == 1
    assert done.stderr.startswith("growingio: error: response ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_an_unexpected_exception_is_one_line_with_a_hint_and_debug_shows_the_traceback(hostile) -> None:
    """A bug (here: a method that raises RuntimeError, quoting the token) is still one line."""
    prelude = (
        "import growingio_client.client as c\n"
        "def broken(self):\n    raise RuntimeError('boom with t0ken-abc')\n"
        "c.GrowingIO.projects = broken\n"
    )
    done = run_growingio(hostile.url, "projects", token="t0ken-abc", prelude=prelude)
    assert done.returncode == 1
    assert done.stderr == (
        "growingio: error: unexpected RuntimeError: boom with *** (rerun with --debug for the traceback)\n"
    )
    debug = run_growingio(hostile.url, "--debug", "projects", token="t0ken-abc", prelude=prelude)
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr
    assert "t0ken-abc" not in debug.stderr and debug.stderr.endswith("unexpected RuntimeError: boom with ***\n")
