"""End-to-end tests of the dev server over real HTTP (raw httpx, no generated client).

No conftest.py here on purpose: tests/conftest.py is imported as `conftest` by other tests.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from devserver_support import SCHEMA, SECRET, root_query  # also puts devserver/ on sys.path
from gio_devserver import expected_content
from gio_devserver.content import plan
from gio_devserver.testing import control, run_server
from graphql import build_schema

SDL = build_schema(SCHEMA.read_text(encoding="utf-8"))
JOB_RESULT = "query($id: String!) { jobResult(id: $id) { id stage uris } }"
SUBMIT_SEGMENT = (
    'mutation($c: String) { submitSegmentUserExportJob(projectId: "WlGk4Daj", '
    'segmentId: "qgQMXnD3", charset: $c) { id name stage } }'
)


def base(http: httpx.Client) -> str:
    return str(http.base_url).rstrip("/")


def submit_segment(gql, charset: str | None = "UTF-16LE") -> dict:
    body = gql(SUBMIT_SEGMENT, {"c": charset})
    assert "errors" not in body, body
    return body["data"]["submitSegmentUserExportJob"]


def wait_finish(gql, job_id: str, timeout: float = 5.0) -> tuple[list[str], dict]:
    stages, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = gql(JOB_RESULT, {"id": job_id})
        result = body["data"]["jobResult"]
        if not stages or stages[-1] != result["stage"]:
            stages.append(result["stage"])
        if result["stage"] in ("FINISH", "ERROR"):
            return stages, body
        time.sleep(0.02)
    raise AssertionError(f"job never finished: {stages}")


# --- fixtures: one real server per module, knobs reset around every test ---


@pytest.fixture(scope="module")
def base_url():
    with run_server(SCHEMA, client_secret=SECRET) as url:
        yield url


@pytest.fixture()
def http(base_url):
    httpx.post(f"{base_url}/__control__/reset").raise_for_status()
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client
    httpx.post(f"{base_url}/__control__/reset").raise_for_status()


@pytest.fixture()
def token(http):
    response = http.post(
        "/accounts/oauth/access_token",
        data={"grant_type": "client_credentials", "client_id": "api", "client_secret": SECRET, "scope": "system"},
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


@pytest.fixture()
def gql(http, token):
    """POST a GraphQL document; return the decoded JSON body (asserting HTTP 200)."""

    def run(query: str, variables: dict | None = None, *, auth: str | None = None) -> dict:
        headers = {"Authorization": auth if auth is not None else f"Token {token}"}
        response = http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    return run


# --- auth -------------------------------------------------------------------------------


def test_token_flow(http):
    form = {"grant_type": "client_credentials", "client_id": "api", "scope": "system"}
    good = http.post("/accounts/oauth/access_token", data=form | {"client_secret": SECRET})
    assert good.status_code == 200
    assert good.json()["access_token"] and good.json()["expires_in"] == 7200
    bad = http.post("/accounts/oauth/access_token", data=form | {"client_secret": "nope"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    grant = http.post("/accounts/oauth/access_token", data=form | {"client_secret": SECRET, "grant_type": "password"})
    assert grant.status_code == 400


def test_graphql_requires_valid_token(http, token, gql):
    query = {"query": "{ projects { id } }"}
    assert http.post("/graphql", json=query).status_code == 401
    bogus = http.post("/graphql", json=query, headers={"Authorization": "Token bogus"})
    assert bogus.status_code == 401 and bogus.headers["www-authenticate"] == "Token"
    assert gql("{ projects { id } }", auth=token)["data"]["projects"]  # bare token
    control(base(http), token_prefix="Bearer")
    assert gql("{ projects { id } }", auth=f"Bearer {token}")["data"]["projects"]
    wrong = http.post("/graphql", json=query, headers={"Authorization": f"Token {token}"})
    assert wrong.status_code == 401


def test_token_expiry_then_reissue(http, token, gql):
    control(base(http), token_ttl=0.2)
    assert gql("{ projects { id } }")["data"]
    time.sleep(0.25)
    expired = http.post("/graphql", json={"query": "{ projects { id } }"}, headers={"Authorization": f"Token {token}"})
    assert expired.status_code == 401
    assert expired.json()["error_description"] == "Access token expired"
    fresh = http.post(
        "/accounts/oauth/access_token",
        data={"grant_type": "client_credentials", "client_id": "api", "client_secret": SECRET},
    )
    assert fresh.json()["expires_in"] == 0
    assert gql("{ projects { id } }", auth=f"Token {fresh.json()['access_token']}")["data"]


# --- the 12 root fields, selecting every field ------------------------------------------

ROOT_CALLS = [
    ("query", "projects", ""),
    (
        "query",
        "userProfile",
        'projectId: "WlGk4Daj", userId: "40097", tags: ["mgGJj3GA", "zZDb1jG9", "OqQjr1Qd"], properties: ["usr_city"]',
    ),
    ("query", "segments", 'projectId: "WlGk4Daj"'),
    ("query", "tags", 'projectId: "WlGk4Daj"'),
    ("query", "funnelAnalyses", 'projectId: "WlGk4Daj"'),
    ("query", "eventAnalyses", 'projectId: "WlGk4Daj"'),
    ("query", "retentionAnalyses", 'projectId: "WlGk4Daj"'),
    ("query", "frequencyAnalyses", 'projectId: "xNQXmjpM"'),
    (
        "mutation",
        "submitTagUserExportJob",
        'tagId: "mgGJj3GA", charset: "UTF-16LE", detailExport: false, properties: ["usr_city"]',
    ),
    (
        "mutation",
        "submitSegmentUserExportJob",
        'projectId: "WlGk4Daj", segmentId: "bVG24AQ6", tags: ["mgGJj3GA"], charset: "UTF-8"',
    ),
    ("mutation", "submitAnalysisExportJob", 'projectId: "WlGk4Daj", id: "klGvyp7E", param: {analysisType: FUNNELS}'),
]


def test_every_root_field_is_covered():
    covered = {field for _, field, _ in ROOT_CALLS} | {"jobResult"}
    assert covered == set(SDL.query_type.fields) | set(SDL.mutation_type.fields)
    assert len(covered) == 12


@pytest.mark.parametrize(("operation", "field", "args"), ROOT_CALLS, ids=[c[1] for c in ROOT_CALLS])
def test_root_field_with_all_fields(http, gql, operation, field, args):
    body = gql(root_query(SDL, operation, field, args))
    assert "errors" not in body, body["errors"]
    value = body["data"][field]
    assert value, f"{field} returned {value!r}"
    snapshot = http.get("/__control__").json()
    assert snapshot["synthesized_fields"] == []


def test_documented_shapes(gql):
    tags = gql('{ tags(projectId: "WlGk4Daj") { id name type createdAt } }')["data"]["tags"]
    assert tags[0] == {
        "id": "mgGJj3GA",
        "name": "测试_分层",
        "type": "HORIZONTAL",
        "createdAt": "2021-01-12T02:27:54.550872Z",
    }
    profile = gql(
        '{ userProfile(projectId: "WlGk4Daj", userId: "40097", tags: '
        '["mgGJj3GA", "zZDb1jG9", "OqQjr1Qd"]) { id userId properties { key value } } }'
    )
    assert profile["data"]["userProfile"] == {
        "id": "40097",
        "userId": "40097",
        "properties": [
            {"key": "OqQjr1Qd", "value": "1610085550900"},
            {"key": "mgGJj3GA", "value": "<=1"},
            {"key": "zZDb1jG9", "value": "127.0000"},
        ],
    }
    seg = gql(
        '{ segments(projectId: "WlGk4Daj") { id compute { directives { filter { op exprs { key op values } } } } } }'
    )["data"]["segments"]
    doc = next(s for s in seg if s["id"] == "bVG24AQ6")
    exprs = doc["compute"]["directives"][0]["filter"]["exprs"]
    assert exprs[0] == {"key": "usr_test_1117_int", "op": "not between", "values": ["-999", "9"]}


def test_domain_errors(gql):
    missing = gql('{ segments(projectId: "AAAAAAAA") { id } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    charset = gql('mutation { submitTagUserExportJob(tagId: "mgGJj3GA", charset: "EBCDIC-X") { id } }')
    assert charset["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# --- jobs and downloads -----------------------------------------------------------------


def test_segment_job_state_machine_and_utf16_download(http, token, gql):
    job = submit_segment(gql)
    assert job["stage"] == "NONE" and job["name"].startswith("DES-")
    hashid = base64.b64decode(job["id"] + "==").decode().split(":")
    assert hashid[0] == "SegmentUserExportJobDto" and len(hashid[1]) == 8
    stages, body = wait_finish(gql, job["id"])
    order = ["READY", "RUNNING", "DATA_READY", "FINISH"]
    assert stages[-1] == "FINISH" and [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    assert len(stages) >= 2  # observed at least one intermediate stage
    result = body["data"]["jobResult"]
    assert result["id"] == hashid[1]
    assert result["uris"] == [f"/jobs/results/{job['name']}/下载用户列表.csv"]
    response = http.get("/download", params={"file": result["uris"][0]}, headers={"Authorization": f"Token {token}"})
    assert response.status_code == 200
    assert response.content[:2] == b"\xff\xfe"
    size = http.get("/__control__").json()["download_size"]
    text = expected_content(result["uris"][0], size=size, charset="UTF-16LE")
    assert response.content[2:].decode("utf-16-le") == text
    assert text.startswith("用户ID,")
    assert int(response.headers["content-length"]) == len(response.content) >= size
    assert "filename*=UTF-8''%E4%B8%8B%E8%BD%BD" in response.headers["content-disposition"]


def test_tag_and_analysis_uris(http, token, gql):
    tag = gql('mutation { submitTagUserExportJob(tagId: "mgGJj3GA") { id name } }')
    tag = tag["data"]["submitTagUserExportJob"]
    assert tag["name"].startswith("DET-")
    assert base64.b64decode(tag["id"] + "==").startswith(b"TagUserExportJobDto:")
    uri = wait_finish(gql, tag["id"])[1]["data"]["jobResult"]["uris"][0]
    assert uri.startswith(f"/jobs/results/{tag['name']}/") and uri.endswith(".csv")
    funnel = gql(
        'mutation { submitAnalysisExportJob(projectId: "WlGk4Daj", id: "klGvyp7E", '
        'param: {analysisType: FUNNELS}, charset: "UTF-16LE") { id stage } }'
    )
    funnel = funnel["data"]["submitAnalysisExportJob"]
    assert funnel["stage"] == "NONE"
    assert base64.b64decode(funnel["id"] + "==").startswith(b"FUNNELS:")
    uris = wait_finish(gql, funnel["id"])[1]["data"]["jobResult"]["uris"]
    assert uris == ["/jobs-results/downloads/下载漏斗.csv"]
    auth = {"Authorization": f"Token {token}"}
    for u in (uri, uris[0]):
        response = http.get("/download", params={"file": u}, headers=auth)
        assert response.status_code == 200
        charset = "UTF-16LE" if u == uris[0] else "UTF-8"
        body = response.content[2:] if charset == "UTF-16LE" else response.content
        assert body.decode(charset) == expected_content(u, size=16384, charset=charset)


def test_large_download_is_streamed(http, token, gql):
    control(base(http), download_size=8_000_000, job_duration=0)
    job = submit_segment(gql, charset=None)
    uri = wait_finish(gql, job["id"])[1]["data"]["jobResult"]["uris"][0]
    total = 0
    with http.stream("GET", "/download", params={"file": uri}, headers={"Authorization": f"Token {token}"}) as response:
        declared = int(response.headers["content-length"])
        for chunk in response.iter_bytes():
            total += len(chunk)
    assert total == declared == plan(uri, size=8_000_000, charset="UTF-8").length
    assert declared >= 8_000_000


def test_download_errors(http, token, gql):
    auth = {"Authorization": f"Token {token}"}
    assert http.get("/download", params={"file": "/jobs/results/x/y.csv"}, headers=auth).status_code == 404
    assert http.get("/download", params={"file": "/jobs/results/../../etc/passwd"}, headers=auth).status_code == 400
    assert http.get("/download", params={"file": "/jobs/results/x/y.csv"}).status_code == 401
    control(base(http), job_duration=30)
    job = submit_segment(gql)
    uri = f"/jobs/results/{job['name']}/下载用户列表.csv"
    assert http.get("/download", params={"file": uri}, headers=auth).status_code == 404


def test_unknown_job_is_error(gql):
    body = gql(JOB_RESULT, {"id": "VGFnVXNlckV4cG9ydEpvYkR0bzpBYlEzWEFwWQ"})
    assert body["data"]["jobResult"] == {"id": "AbQ3XApY", "stage": "ERROR", "uris": None}
    assert body["errors"][0]["extensions"]["code"] == "JOB_NOT_FOUND"
    assert body["errors"][0]["path"] == ["jobResult"]


def test_failed_jobs(http, gql):
    job = submit_segment(gql)
    control(base(http), fail_job_ids=[job["id"]])
    stages, body = wait_finish(gql, job["id"])
    assert stages[-1] == "ERROR" and body["data"]["jobResult"]["uris"] is None
    error = body["errors"][0]["extensions"]
    assert error["code"] == "EXPORT_FAILED" and error["error"]["message"]
    control(base(http), fail_next_jobs=1)
    assert wait_finish(gql, submit_segment(gql)["id"])[0][-1] == "ERROR"
    assert wait_finish(gql, submit_segment(gql)["id"])[0][-1] == "FINISH"


# --- control endpoint and faults --------------------------------------------------------


def test_control_endpoint(http):
    snapshot = http.get("/__control__").json()
    assert set(snapshot) >= {"token_ttl", "job_duration", "fail_job_ids", "download_size", "faults", "stats"}
    assert http.post("/__control__", json={"tokn_ttl": 1}).status_code == 400
    bad = http.post("/__control__", json={"faults": [{"kind": "explode"}]})
    assert bad.status_code == 400
    set_ = http.post(
        "/__control__",
        json={"job_duration": 2, "faults": [{"path": "/graphql", "kind": "status", "status": 502, "count": 3}]},
    ).json()
    assert set_["job_duration"] == 2 and set_["faults"][0]["count"] == 3
    reset = http.post("/__control__/reset").json()
    assert reset["job_duration"] == 0.3 and reset["faults"] == []


def fault(http, **spec) -> None:
    response = http.post("/__control__", json={"faults": [spec]})
    assert response.status_code == 200, response.text


def post_graphql(http, token):
    return http.post(
        "/graphql", json={"query": "{ projects { id name } }"}, headers={"Authorization": f"Token {token}"}
    )


def test_fault_status_and_count(http, token):
    fault(http, path="/graphql", kind="status", status=502, count=2)
    fault(http, path="/download", kind="status", status=503)
    assert [post_graphql(http, token).status_code for _ in range(3)] == [502, 502, 200]
    fault(http, kind="status", status=429, retry_after=1)
    limited = post_graphql(http, token)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "1"
    assert http.get("/download", params={"file": "/x"}).status_code == 503


def test_fault_delay(http, token):
    fault(http, path="/graphql", kind="delay", seconds=0.4)
    start = time.monotonic()
    assert post_graphql(http, token).status_code == 200
    assert time.monotonic() - start >= 0.4


def test_fault_drop(http, token):
    fault(http, path="/graphql", kind="drop")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        post_graphql(http, token)
    assert post_graphql(http, token).status_code == 200


def test_fault_bodies(http, token):
    fault(http, path="/graphql", kind="malformed_json")
    broken = post_graphql(http, token)
    assert broken.status_code == 200 and broken.headers["content-type"] == "application/json"
    with pytest.raises(ValueError):
        broken.json()
    fault(http, path="/graphql", kind="html_200")
    html = post_graphql(http, token)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    fault(http, path="/graphql", kind="graphql_error")
    assert post_graphql(http, token).json()["data"] is None
    fault(http, path="/graphql", kind="wrong_type")
    assert post_graphql(http, token).json()["data"]["projects"][0]["id"] == 12345
    fault(http, path="/accounts/oauth/access_token", kind="wrong_type")
    issued = http.post(
        "/accounts/oauth/access_token", data={"grant_type": "client_credentials", "client_secret": SECRET}
    )
    assert issued.json()["access_token"] == 12345


def test_fault_expire_token(http, token):
    fault(http, path="/graphql", kind="expire_token")
    assert post_graphql(http, token).status_code == 401
    assert post_graphql(http, token).status_code == 200


def test_fault_truncate_download(http, token, gql):
    control(base(http), job_duration=0, download_size=200_000)
    uri = wait_finish(gql, submit_segment(gql)["id"])[1]["data"]["jobResult"]["uris"][0]
    fault(http, path="/download", kind="truncate")
    received = 0
    with pytest.raises(httpx.RemoteProtocolError):
        with http.stream(
            "GET", "/download", params={"file": uri}, headers={"Authorization": f"Token {token}"}
        ) as response:
            declared = int(response.headers["content-length"])
            for chunk in response.iter_bytes():
                received += len(chunk)
    assert received == declared // 2
    assert http.get("/download", params={"file": uri}, headers={"Authorization": f"Token {token}"}).status_code == 200


# --- content planning and entry points --------------------------------------------------


@pytest.mark.parametrize("charset", ["UTF-8", "UTF-16LE", "UTF-16BE", "GBK", "UTF-8-SIG"])
def test_plan_length_matches_content(charset):
    uri = "/jobs-results/downloads/下载留存.csv"
    for size in (0, 1000, 54321):
        p = plan(uri, size=size, charset=charset)
        encoded = b"".join(p.iter_bytes())
        assert len(encoded) == p.length >= size
        assert encoded[len(p.bom) :].decode(p.codec) == expected_content(uri, size=size, charset=charset)


def test_run_server_settings_and_cli():
    from gio_devserver import Settings

    with run_server(SCHEMA, settings=Settings(job_duration=1.5)) as url:
        assert httpx.get(f"{url}/__control__").json()["job_duration"] == 1.5
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    devserver = Path(__file__).resolve().parents[2] / "devserver"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gio_devserver", "--port", str(port), "--schema", str(SCHEMA), "--log-level", "warning"],
        env={"PYTHONPATH": str(devserver), "SECRET": "from-env"},
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                r = httpx.post(
                    f"http://127.0.0.1:{port}/accounts/oauth/access_token",
                    data={"grant_type": "client_credentials", "client_secret": "from-env"},
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=5)
