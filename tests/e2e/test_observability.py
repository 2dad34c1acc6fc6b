"""Request/response hooks against the dev server (both clients), OpenTelemetry spans read from
the SDK's in-memory exporter, and that `import growingio_client` does not import OpenTelemetry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from growingio_client import AuthError, RequestEvent, ResponseEvent
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from .helpers import PROJECT, ROOT_DIR, SECRET, TAG

_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def _provider() -> None:
    """The process's tracer provider (settable once), exporting to memory."""
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
        trace.set_tracer_provider(provider)


@pytest.fixture
def spans(_provider: None) -> None:
    _EXPORTER.clear()


def _finished() -> list[ReadableSpan]:
    return [span for span in _EXPORTER.get_finished_spans() if span.instrumentation_scope.name == "growingio_client"]


def test_hooks_see_each_operation_its_kind_duration_and_error(make_client: Any) -> None:
    requests: list[RequestEvent] = []
    responses: list[ResponseEvent] = []
    client = make_client(on_request=requests.append, on_response=responses.append)
    assert client.tags(project_id=PROJECT)
    client.submit_tag_user_export_job(tag_id=TAG)
    assert requests == [RequestEvent("Tags", "query"), RequestEvent("SubmitTagUserExportJob", "mutation")]
    assert [(r.operation, r.kind, r.error) for r in responses] == [
        ("Tags", "query", None), ("SubmitTagUserExportJob", "mutation", None),
    ]
    assert all(isinstance(r.duration, float) and r.duration >= 0 for r in responses)

    rejected = make_client(token="not-the-token", on_response=responses.append)
    with pytest.raises(AuthError):
        rejected.projects()
    assert responses[-1].operation == "Projects" and isinstance(responses[-1].error, AuthError)


def test_a_failing_request_hook_stops_the_call_before_it_is_sent(make_client: Any, server: Any) -> None:
    def refuse(event: RequestEvent) -> None:
        raise RuntimeError(f"not now: {event.operation}")

    client = make_client(on_request=refuse)
    with pytest.raises(RuntimeError, match="not now: Projects"):
        client.projects()
    stats = server.stats()
    assert stats.get("tokens_issued", 0) == 0 and stats.get("graphql_requests", 0) == 0


@pytest.mark.usefixtures("spans")
def test_each_operation_is_a_span_without_variables_or_secrets(make_client: Any) -> None:
    client = make_client()
    client.tags(project_id=PROJECT)
    client.submit_tag_user_export_job(tag_id=TAG)
    with pytest.raises(AuthError):
        make_client(token="secret-token-value").projects()
    found = _finished()
    assert [span.name for span in found] == ["query Tags", "mutation SubmitTagUserExportJob", "query Projects"]
    assert all(span.kind == trace.SpanKind.CLIENT for span in found)
    assert dict(found[0].attributes or {}) == {"graphql.operation.name": "Tags", "graphql.operation.type": "query"}
    assert found[0].status.status_code == trace.StatusCode.UNSET
    failed = found[2]
    assert dict(failed.attributes or {})["error.type"] == "AuthError"
    assert failed.status.status_code == trace.StatusCode.ERROR and failed.status.description == "AuthError"
    assert all(span.end_time is not None and span.start_time is not None for span in found)
    exported = json.dumps([json.loads(span.to_json()) for span in found])
    for secret in (PROJECT, TAG, SECRET, "secret-token-value", "rejected"):
        assert secret not in exported


def test_importing_the_package_does_not_import_opentelemetry() -> None:
    code = (
        "import sys\n"
        "import growingio_client\n"
        "from growingio_client.testing import FakeTransport\n"
        "fake = FakeTransport()\n"
        "fake.respond('Projects', [])\n"
        "client = fake.client()\n"
        "before = 'opentelemetry' in sys.modules\n"
        "client.projects()\n"
        "print(before, 'opentelemetry.trace' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT_DIR / "generated")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr
