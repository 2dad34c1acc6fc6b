"""Downloads and exports against the dev server's faults and a hostile server: raw bytes,
pages instead of files, trickles and endless bodies, resumed transfers, charset checks, files
never replaced, destinations checked before a job exists, and the client-side rate limit."""

from __future__ import annotations

import codecs
import gzip
import os
import time

import pytest
from gio_devserver import expected_content
from growingio_client import DownloadError, JobResult, JobStage, RetryPolicy
from growingio_client.jobs import JobProgress

from .helpers import FAST, PROJECT, SEGMENT, TAG
from .hostile import endless, json_reply, reply, trickle

QUICK = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.01)
RESULT = JobResult(id="AbQ3XApY", stage=JobStage.FINISH, uris=["/jobs/results/DES-1/下载用户列表.csv"])
NAME = "AbQ3XApY-下载用户列表.csv"


def finished_job(client, server, **submit) -> JobResult:
    server.control(job_duration=0)  # FINISH at the first poll: these tests are about the download
    job = client.submit_segment_user_export_job(project_id=PROJECT, segment_id=SEGMENT, **submit)
    return client.wait_for_job(job.id, **FAST)


def hostile_client(make_client, hostile, **options):
    return make_client(url=hostile.url, token="t0ken-abc", retry=QUICK, **options)


def test_a_gzip_encoded_file_is_written_as_the_bytes_sent(make_client, hostile, tmp_path) -> None:
    body = gzip.compress(bytes(1 << 20))  # 1 MiB of zeros: ~1 KiB on the wire
    hostile.script("/download", reply(200, body, {"Content-Encoding": "gzip"}, content_type="text/csv"))
    [path] = hostile_client(make_client, hostile).download(RESULT, tmp_path)
    assert path.read_bytes() == body, "not decompressed"
    assert hostile.to("/download")[0].headers["accept-encoding"] == "identity"


def test_an_html_page_instead_of_the_file_is_a_download_error(client, server, tmp_path) -> None:
    result = finished_job(client, server)
    server.control(faults=[{"path": "/download", "kind": "html_200"}])
    with pytest.raises(DownloadError, match=r"sent a text/html page instead of the file: 502 Bad Gateway"):
        client.download(result, tmp_path)
    assert os.listdir(tmp_path) == []


def test_a_json_page_instead_of_the_file_is_a_download_error(make_client, hostile, tmp_path) -> None:
    hostile.script("/download", reply(200, b'\n{"error": "login required", "token": "t0ken-abc"}\n'))
    with pytest.raises(DownloadError, match=r'application/json page instead of the file: {"error": "login required", "token": "\*\*\*"}'):
        hostile_client(make_client, hostile).download(RESULT, tmp_path)
    assert os.listdir(tmp_path) == []


def test_a_json_result_served_as_json_is_saved(make_client, hostile, tmp_path) -> None:
    hostile.script("/download", reply(200, b'[{"user": 1}]'))
    result = JobResult(id="AbQ3XApY", stage=JobStage.FINISH, uris=["/jobs/results/DES-1/users.json"])
    [path] = hostile_client(make_client, hostile).download(result, tmp_path)
    assert path.read_bytes() == b'[{"user": 1}]'


def test_a_trickle_ends_at_download_timeout(make_client, hostile, tmp_path) -> None:
    hostile.script("/download", trickle(length=1000, interval=0.02))
    client = hostile_client(make_client, hostile, download_timeout=0.3)
    with pytest.raises(DownloadError, match=r"did not finish within download_timeout \(0\.3s\)"):
        client.download(RESULT, tmp_path)
    assert os.listdir(tmp_path) == []
    assert len(hostile.to("/download")) == 1, "an overall deadline, not retried"


def test_an_endless_file_ends_at_max_bytes(make_client, hostile, tmp_path) -> None:
    hostile.script("/download", endless(content_type="text/csv"))
    with pytest.raises(DownloadError, match=r"over max_bytes \(1048576\)"):
        hostile_client(make_client, hostile).download(RESULT, tmp_path, max_bytes=1 << 20)
    assert os.listdir(tmp_path) == []
    assert hostile.sent["/download"] < 64 << 20


def test_a_declared_size_over_max_bytes_or_free_space_is_refused_before_writing(make_client, hostile, tmp_path) -> None:
    client = hostile_client(make_client, hostile)
    hostile.script("/download", reply(200, b"", {"Content-Length": str(10**16)}, content_type="text/csv"))
    with pytest.raises(DownloadError, match=r"is 10000000000000000 bytes, over max_bytes \(1000\)"):
        client.download(RESULT, tmp_path, max_bytes=1000)
    with pytest.raises(DownloadError, match=r"not enough free space in .*: 10000000000000000 bytes needed"):
        client.download(RESULT, tmp_path)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("ranges", [True, False], ids=["resumed with Range", "server without ranges"])
def test_a_broken_transfer_is_resumed_or_restarted(make_client, server, tmp_path, ranges: bool) -> None:
    """UTF-16LE decoded to UTF-8: a resumed transfer must continue the decoder mid-stream."""
    client = make_client(retry=QUICK)
    result = finished_job(client, server, charset="UTF-16LE")
    server.control(download_size=200_001, download_ranges=ranges, faults=[{"path": "/download", "kind": "truncate"}])
    [path] = client.download(result, tmp_path, encoding="UTF-16LE")
    assert path.read_text(encoding="utf-8") == expected_content(result.uris[0], size=200_001, charset="UTF-16LE")
    stats = server.stats()
    assert stats["downloads"] == 2 and stats.get("range_requests", 0) == (1 if ranges else 0)
    assert os.listdir(tmp_path) == [path.name]


def test_a_5xx_on_download_is_retried(make_client, server, tmp_path) -> None:
    client = make_client(retry=QUICK)
    result = finished_job(client, server)
    server.control(faults=[{"path": "/download", "kind": "status", "status": 503}])
    [path] = client.download(result, tmp_path)
    assert path.stat().st_size > 0 and server.stats()["faults_applied"] == 1


def test_a_charset_other_than_the_servers_is_an_error_not_mojibake(client, server, tmp_path) -> None:
    result = finished_job(client, server)  # the server's default charset, UTF-8
    with pytest.raises(DownloadError, match=r"is UTF-8, not UTF-16LE: export or download it with charset 'UTF-8'"):
        client.download(result, tmp_path, encoding="UTF-16LE")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("body", "encoding", "error"),
    [
        (codecs.BOM_UTF8 + "用户,城市\n".encode(), "GBK", "starts with a UTF-8 byte-order mark but was to be read as GBK"),
        ("用户,\ufffd\n".encode(), "UTF-8", r"contains U\+FFFD replacement characters"),
        ("用户\n".encode("gbk"), "UTF-8", "is not valid UTF-8"),
    ],
    ids=["BOM of another charset", "replacement characters", "undecodable"],
)
def test_an_unlabelled_file_is_checked_against_its_charset(make_client, hostile, tmp_path, body, encoding, error) -> None:
    hostile.script("/download", reply(200, body, content_type="text/csv"))
    with pytest.raises(DownloadError, match=error):
        hostile_client(make_client, hostile).download(RESULT, tmp_path, encoding=encoding)
    assert os.listdir(tmp_path) == []


def test_an_existing_file_is_never_replaced_unless_overwrite(client, server, tmp_path) -> None:
    result = finished_job(client, server)
    canary = tmp_path / f"{result.id}-下载用户列表.csv"
    canary.write_text("the user's own file")
    with pytest.raises(DownloadError, match="already exists: pass overwrite=True"):
        client.download(result, tmp_path)
    assert canary.read_text() == "the user's own file" and server.stats().get("downloads", 0) == 0
    [path] = client.download(result, tmp_path, overwrite=True)
    assert path == canary and canary.read_text() != "the user's own file"


def test_a_file_that_appears_during_the_download_is_not_replaced(client, server, tmp_path) -> None:
    """Another program creates the file meanwhile: publishing (a hard link, not a rename) fails."""
    result = finished_job(client, server)

    class Intruder(JobProgress):
        def download_started(self, name: str, total: int | None) -> None:
            (tmp_path / name).write_text("written meanwhile")

    with pytest.raises(DownloadError, match="already exists"):
        client.download(result, tmp_path, progress=Intruder())
    [name] = os.listdir(tmp_path)
    assert (tmp_path / name).read_text() == "written meanwhile"


def test_two_exports_to_one_folder_keep_both_files(client, server, tmp_path) -> None:
    server.control(job_duration=0)
    first = client.export_segment_users(project_id=PROJECT, segment_id=SEGMENT, dest_dir=tmp_path, **FAST)
    second = client.export_segment_users(project_id=PROJECT, segment_id=SEGMENT, dest_dir=tmp_path, **FAST)
    assert first != second and sorted(os.listdir(tmp_path)) == sorted(p.name for p in first + second)


def test_a_bad_destination_is_found_before_the_job_is_submitted(client, server, tmp_path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(DownloadError, match="cannot write to .*a-file/out"):
        client.export_tag_users(tag_id=TAG, dest_dir=tmp_path / "a-file" / "out", **FAST)
    assert server.stats().get("jobs_submitted", 0) == 0


def test_download_by_job_id_waits_then_downloads(client, server, tmp_path) -> None:
    server.control(job_duration=0)  # finished at the first poll (download waits with the default 1 s interval)
    job = client.submit_tag_user_export_job(tag_id=TAG)
    [path] = client.download(job.id, tmp_path)
    assert path.stat().st_size > 0 and path.name.endswith(".csv")


def test_max_requests_per_second_spaces_every_request_polling_included(make_client, hostile) -> None:
    """Against a server that answers at once: the token request and every poll wait for their slot."""
    running = json_reply({"data": {"jobResult": {"id": "AbQ3XApY", "stage": "RUNNING", "uris": None}}})
    finished = json_reply({"data": {"jobResult": {"id": "AbQ3XApY", "stage": "FINISH", "uris": []}}})
    hostile.script("/graphql", *[running] * 5, finished)
    starts: list[float] = []
    if make_client.kind == "async":

        async def hook(request) -> None:
            starts.append(time.monotonic())
    else:

        def hook(request) -> None:
            starts.append(time.monotonic())

    client = make_client(
        url=hostile.url, client_secret="s3cret", http={"event_hooks": {"request": [hook]}}, max_requests_per_second=20
    )
    assert client.wait_for_job("job-1", poll=0.001, max_poll=0.01).stage == JobStage.FINISH
    assert len(starts) == 7, "the token request and six polls"
    # Slots are 1/20 s apart; a hook runs a little after its slot, by a varying few ms, so the
    # span is checked (jitter does not add up), not each gap. Without the limit the polls
    # (every 10 ms) would take about a tenth of a second in all.
    assert starts[-1] - starts[0] >= 6 * 0.05 - 0.02, starts
