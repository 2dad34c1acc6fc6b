"""growingio_client.testing, used as a downstream project would: the functions below are "our
own code" that calls the client, and the tests drive them through FakeTransport only (no dev
server: the autouse fixture that resets it is overridden here), importing nothing but the
generated package."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from growingio_client import (
    AsyncGrowingIO,
    AuthError,
    GraphQLErrorDetail,
    GraphQLResponseError,
    GrowingIO,
    HTTPError,
    InvalidArgument,
    JobFailed,
    JobStage,
    RetryPolicy,
    Tag,
    TransportError,
)
from growingio_client.testing import Call, FakeTransport, FixtureError, UnexpectedCall

PROJECT = "WlGk4Daj"
TAG_ID = "mgGJj3GA"
JOB = "Job12345"
FILE = "https://files.example.com/exports/vip-users.csv"


# --- "our own code" -------------------------------------------------------------------------


def vip_tag_names(client: GrowingIO, project_id: str) -> list[str]:
    """Names of the project's tags whose key starts with `vip`; [] when the API refuses us."""
    try:
        tags = [tag for tag in client.tags(project_id=project_id) or [] if tag is not None]
    except AuthError:
        return []
    return sorted(tag.name for tag in tags if tag.key.startswith("vip"))


async def vip_tag_names_async(client: AsyncGrowingIO, project_id: str) -> list[str]:
    tags = [tag for tag in await client.tags(project_id=project_id) or [] if tag is not None]
    return sorted(tag.name for tag in tags if tag.key.startswith("vip"))


def export_vip_users(client: GrowingIO, tag_id: str, dest: Path) -> str:
    """Export a tag's users and return the file's text."""
    [path] = client.export_tag_users(tag_id=tag_id, dest_dir=dest, charset="UTF-8", poll=0.01)
    return path.read_text(encoding="utf-8")


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_knobs() -> None:
    """Replaces conftest's dev-server reset: nothing here talks to a server."""


def tag_json(name: str, key: str, tag_id: str = TAG_ID) -> dict[str, Any]:
    """A Tag as the server sends it (camelCase, every selected field present)."""
    return {
        "id": tag_id, "name": name, "key": key, "type": "static", "description": None, "computes": [],
        "businessType": None, "creatorId": "Creator1", "createdAt": "2024-05-01T08:00:00Z", "updaterId": None,
        "updatedAt": None, "creator": None, "updater": None, "valueType": None, "detector": None, "ownerId": None,
    }


def submitted_job(stage: str = "RUNNING") -> dict[str, Any]:
    return {
        "id": JOB, "name": "vip users", "description": None, "stage": stage, "creatorId": "Creator1",
        "createdAt": "2024-05-01T08:00:00Z", "updaterId": None, "updatedAt": None, "creator": None, "updater": None,
        "error": None,
    }


# --- responses, calls -------------------------------------------------------------------------


def test_dict_responses_reach_our_code_and_calls_are_recorded() -> None:
    fake = FakeTransport()
    fake.respond("Tags", [tag_json("Big spenders", "vip_spend"), None, tag_json("Churned", "churn", "Other123")])
    with fake.client() as client:
        assert vip_tag_names(client, PROJECT) == ["Big spenders"]
    assert fake.calls == [Call("Tags", "query", {"projectId": PROJECT})]


def test_typed_models_are_accepted_as_responses() -> None:
    fake = FakeTransport()
    fake.respond("Tags", [Tag.model_validate(tag_json("Loyal", "vip_loyal"))])
    with fake.client() as client:
        assert vip_tag_names(client, PROJECT) == ["Loyal"]


def test_the_async_client_uses_the_same_fake() -> None:
    fake = FakeTransport()
    fake.respond("Tags", [tag_json("Whales", "vip_whale")])

    async def run() -> list[str]:
        async with fake.async_client() as client:
            return await vip_tag_names_async(client, PROJECT)

    assert asyncio.run(run()) == ["Whales"]
    assert [call.operation for call in fake.calls_to("Tags")] == ["Tags"]


def test_responses_are_served_in_order_and_the_last_one_repeats() -> None:
    fake = FakeTransport()
    fake.respond("Tags", [tag_json("First", "vip_1")])
    fake.respond("Tags", [tag_json("Second", "vip_2")])
    with fake.client() as client:
        assert [vip_tag_names(client, PROJECT) for _ in range(3)] == [["First"], ["Second"], ["Second"]]


# --- fixtures that no longer match the schema fail loudly --------------------------------------


def test_a_dict_missing_a_required_field_fails_at_registration() -> None:
    stale = tag_json("Old", "vip_old")
    del stale["key"]
    with pytest.raises(FixtureError, match=r"Tags does not match TagsQuery: tags\.0\.key: Field required"):
        FakeTransport().respond("Tags", [stale])


def test_a_model_built_without_validation_is_checked_too() -> None:
    unchecked = Tag.model_construct(**{**tag_json("Bad id", "vip_bad"), "id": "not-a-hash-id"})
    with pytest.raises(FixtureError, match="invalid HashId 'not-a-hash-id'"):
        FakeTransport().respond("Tags", [unchecked])


def test_an_unknown_operation_name_fails_at_registration() -> None:
    with pytest.raises(FixtureError, match="no operation named 'Tagz'"):
        FakeTransport().respond("Tagz", [])  # type: ignore[arg-type]


def test_a_call_nobody_scripted_is_a_test_failure() -> None:
    fake = FakeTransport()
    with fake.client() as client, pytest.raises(UnexpectedCall, match="Projects was called"):
        client.projects()


def test_argument_checks_still_run_before_anything_is_sent() -> None:
    fake = FakeTransport()
    fake.respond("Tags", [])
    with fake.client() as client, pytest.raises(InvalidArgument):
        client.tags(project_id="bad")
    assert fake.calls == []


# --- scripted errors --------------------------------------------------------------------------


def test_a_scripted_error_is_raised_as_the_package_type() -> None:
    fake = FakeTransport()
    fake.fail("Tags", AuthError(401, "the server rejected the token (401)"))
    with fake.client() as client:
        assert vip_tag_names(client, PROJECT) == []  # our code's fallback for AuthError
    error = GraphQLResponseError([GraphQLErrorDetail("project not found", path=["tags"])])
    fake = FakeTransport()
    fake.fail("Tags", error)
    with fake.client() as client, pytest.raises(GraphQLResponseError) as raised:
        client.tags(project_id=PROJECT)
    assert raised.value.errors[0].message == "project not found"


def test_a_scripted_outage_is_retried_by_the_real_retry_policy() -> None:
    fake = FakeTransport()
    fake.fail("Tags", HTTPError(503, "POST /graphql returned 503"))
    fake.respond("Tags", [tag_json("Back", "vip_back")])
    with fake.client(retry=RetryPolicy(attempts=2, backoff=0.0)) as client:
        assert vip_tag_names(client, PROJECT) == ["Back"]
    assert len(fake.calls_to("Tags")) == 2


def test_mutations_are_not_retried_after_a_transport_error() -> None:
    fake = FakeTransport()
    fake.fail("SubmitTagUserExportJob", TransportError("connection reset"))
    fake.respond("SubmitTagUserExportJob", submitted_job())
    with fake.client(retry=RetryPolicy(attempts=3, backoff=0.0)) as client, pytest.raises(TransportError):
        client.submit_tag_user_export_job(tag_id=TAG_ID)
    assert [call.kind for call in fake.calls] == ["mutation"]


# --- job stages -------------------------------------------------------------------------------


def test_an_export_runs_through_scripted_job_stages(tmp_path: Path) -> None:
    fake = FakeTransport()
    fake.respond("SubmitTagUserExportJob", submitted_job())
    fake.job_stages(JOB, JobStage.RUNNING, "DATA_READY", JobStage.FINISH, uris=[FILE])
    fake.add_file(FILE, "user_id,name\n40097,张三\n".encode())
    with fake.client() as client:
        assert export_vip_users(client, TAG_ID, tmp_path) == "user_id,name\n40097,张三\n"
    assert [call.operation for call in fake.calls] == ["SubmitTagUserExportJob"] + ["JobResult"] * 3
    assert fake.calls[0].variables == {"tagId": TAG_ID, "charset": "UTF-8"}
    assert fake.calls[1].variables == {"id": JOB}
    assert fake.downloaded == [FILE]


def test_a_failed_job_stage_is_job_failed(tmp_path: Path) -> None:
    fake = FakeTransport()
    fake.respond("SubmitTagUserExportJob", submitted_job())
    fake.job_stages(JOB, "RUNNING", "ERROR")
    with fake.client() as client, pytest.raises(JobFailed, match=JOB):
        export_vip_users(client, TAG_ID, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_job_stages_are_validated_like_any_response() -> None:
    with pytest.raises(FixtureError, match=r"JobResult does not match JobResultQuery: jobResult\.id: .*invalid HashId"):
        FakeTransport().job_stages("job-1", "RUNNING", "FINISH")
