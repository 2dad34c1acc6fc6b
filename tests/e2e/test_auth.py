"""Authentication against the dev server: client credentials, token re-issue, bad secrets."""

from __future__ import annotations

import time

import httpx
import pytest
from growingio_client import AuthError

from .helpers import PROJECT, SECRET


def test_client_secret_obtains_one_token(client, server) -> None:
    client.projects()
    client.tags(project_id=PROJECT)
    assert server.stats()["tokens_issued"] == 1


def test_expired_token_is_reissued_and_the_call_succeeds(client, server) -> None:
    client.projects()
    server.control(token_ttl=0.2)
    time.sleep(0.25)
    assert client.projects()
    stats = server.stats()
    assert stats["tokens_issued"] == 2 and stats["unauthorized"] == 1


def test_expired_token_during_download_is_reissued(client, server, tmp_path) -> None:
    job = client.submit_tag_user_export_job(tag_id="mgGJj3GA")
    result = client.wait_for_job(job.id, poll=0.02)
    server.control(faults=[{"path": "/download", "kind": "expire_token"}])
    [path] = client.download(result, tmp_path)
    assert path.stat().st_size > 0 and server.stats()["tokens_issued"] == 2


def test_wrong_secret_is_an_auth_error_that_never_shows_the_secret(make_client) -> None:
    secret = "wrong-secret-3f9a1c"
    client = make_client(client_secret=secret)
    with pytest.raises(AuthError) as failed:
        client.projects()
    for text in (str(failed.value), repr(failed.value), repr(client), repr(client.transport)):
        assert secret not in text and SECRET not in text
    assert failed.value.status_code == 401


def test_a_plain_token_that_expires_is_an_auth_error(make_client, server) -> None:
    token = httpx.post(
        f"{server.url}/accounts/oauth/access_token",
        data={"grant_type": "client_credentials", "client_id": "api", "client_secret": SECRET},
    ).json()["access_token"]
    client = make_client(token=token)
    assert client.projects()
    server.control(faults=[{"path": "/graphql", "kind": "expire_token"}])
    with pytest.raises(AuthError) as failed:
        client.projects()
    assert token not in str(failed.value) and token not in repr(client.transport)


def test_401_in_the_middle_of_a_job_wait_is_reissued(client, server, tmp_path) -> None:
    """The token expires while `wait_for_job` polls: the poll re-issues it and the export completes."""
    server.control(job_duration=0.6, token_ttl=0.25)
    [path] = client.export_segment_users(project_id=PROJECT, segment_id="qgQMXnD3", dest_dir=tmp_path, poll=0.05)
    assert path.stat().st_size > 0
    stats = server.stats()
    assert stats["unauthorized"] >= 1 and stats["tokens_issued"] >= 2
