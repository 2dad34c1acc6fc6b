"""Resilience over real HTTP: injected faults, GraphQL errors, and a newer server's data."""

from __future__ import annotations

import time

import pytest
from growingio_client import (
    GraphQLResponseError,
    HTTPError,
    InvalidResponseError,
    JobStage,
)

from .helpers import PROJECT, TAG


def fault(server, kind: str, path: str = "/graphql", **extra) -> None:
    server.control(faults=[{"path": path, "kind": kind, **extra}])


def test_502_then_success_for_a_query(client, server) -> None:
    fault(server, "status", status=502)
    assert client.projects()
    snapshot = server.snapshot()
    assert snapshot["faults"] == [] and snapshot["stats"]["faults_applied"] == 1


def test_429_retry_after_is_honoured(client, server) -> None:
    fault(server, "status", status=429, retry_after=1)
    started = time.monotonic()
    assert client.tags(project_id=PROJECT)
    assert time.monotonic() - started >= 0.95


def test_a_mutation_is_not_retried_on_502(client, server) -> None:
    fault(server, "status", status=502, count=2)
    with pytest.raises(HTTPError) as failed:
        client.submit_tag_user_export_job(tag_id=TAG)
    assert failed.value.status_code == 502
    snapshot = server.snapshot()
    assert [f["count"] for f in snapshot["faults"]] == [1], "exactly one submit reached the server"
    assert snapshot["stats"].get("jobs_submitted", 0) == 0


@pytest.mark.parametrize("kind", ["malformed_json", "html_200", "drop"])
def test_garbled_or_dropped_response_is_retried_for_a_query(client, server, kind: str) -> None:
    fault(server, kind)
    assert PROJECT in [p.id for p in client.projects()]
    assert server.stats()["faults_applied"] == 1


def test_garbled_response_to_a_mutation_is_not_retried(client, server) -> None:
    fault(server, "malformed_json")
    with pytest.raises(InvalidResponseError, match="not JSON"):
        client.submit_tag_user_export_job(tag_id=TAG)


def test_data_null_with_errors_is_a_graphql_response_error(client, server) -> None:
    fault(server, "graphql_error")
    with pytest.raises(GraphQLResponseError) as failed:
        client.projects()
    assert failed.value.data is None
    [error] = failed.value.errors
    assert error.code == "INTERNAL_SERVER_ERROR" and "Internal server error" in error.message


def test_domain_error_carries_message_path_and_code(client) -> None:
    with pytest.raises(GraphQLResponseError) as failed:
        client.submit_tag_user_export_job(tag_id="ZZZZZZZZ")
    assert failed.value.data is None  # non-null root field: the error nulls `data`
    [error] = failed.value.errors
    assert error.path == ["submitTagUserExportJob"] and error.code == "NOT_FOUND"
    assert "ZZZZZZZZ" in error.message and "NOT_FOUND" in str(failed.value)


def test_wrong_field_type_is_an_invalid_response_error(client, server) -> None:
    fault(server, "wrong_type")
    with pytest.raises(InvalidResponseError, match="does not match the schema"):
        client.projects()


def _newer_server(payload: dict) -> None:
    """What a newer server might send: a JobStage value and fields this client predates."""
    result = (payload.get("data") or {}).get("jobResult")
    if isinstance(result, dict) and result["stage"] != "FINISH":
        result["stage"] = "QUEUED"
        result["priority"] = 1
    for tag in (payload.get("data") or {}).get("tags") or []:
        tag["newField"] = {"added": "later"}


def test_unknown_enum_value_and_extra_fields_parse(make_client, server) -> None:
    server.control(job_duration=30)
    client = make_client(edit=_newer_server)
    job = client.submit_tag_user_export_job(tag_id=TAG)
    result = client.job_result(id=job.id)
    assert result.stage.value == "QUEUED" and result.stage not in list(JobStage)
    assert client.tags(project_id=PROJECT)[0].id


def test_unknown_stage_keeps_polling(make_client, server) -> None:
    server.control(job_duration=0.3)
    seen: list[str] = []
    client = make_client(edit=lambda payload: (_newer_server(payload), seen.append(str(payload["data"]))))
    job = client.submit_tag_user_export_job(tag_id=TAG)
    result = client.wait_for_job(job.id, poll=0.05)
    assert result.stage == JobStage.FINISH
    assert sum("QUEUED" in s for s in seen) >= 2
