"""`growingio export` and `growingio jobs` as real processes: resumable after a timeout or
Ctrl-C (the printed command continues the job), and a charset mismatch is an error, not mojibake."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys

from .helpers import PROJECT, ROOT_DIR, SECRET, TAG, run_growingio
from .hostile import json_reply, reply

RESUME = re.compile(r"^growingio: the job is kept on the server; to continue: (.+)$", re.MULTILINE)


def resume_command(stderr: str) -> list[str]:
    match = RESUME.search(stderr)
    assert match, stderr
    words = shlex.split(match.group(1))
    assert words[0] == "growingio"
    return words[1:]


def test_a_timed_out_export_prints_the_command_that_finishes_it(server, tmp_path) -> None:
    server.control(job_duration=0.4)
    out = tmp_path / "out"
    done = run_growingio(
        server.url, "export", "tag-users", "--tag-id", TAG, "--charset", "GBK", "-o", str(out),
        "--timeout", "0.1", "--poll", "0.05", secret=SECRET,
    )
    assert done.returncode == 1 and "still " in done.stderr and "Traceback" not in done.stderr
    job_id = re.search(r"^job (\S+) submitted$", done.stderr, re.MULTILINE).group(1)
    arguments = resume_command(done.stderr)
    assert arguments == ["jobs", "download", job_id, "-o", str(out), "--charset", "GBK"]
    assert not out.exists() or os.listdir(out) == []

    resumed = run_growingio(server.url, *arguments, "--poll", "0.05", secret=SECRET)
    assert resumed.returncode == 0, resumed.stderr
    [path] = out.iterdir()
    assert resumed.stdout.splitlines() == [str(path)]
    assert path.read_text(encoding="utf-8").startswith("用户ID"), "decoded from GBK"
    assert server.stats()["jobs_submitted"] == 1


def test_ctrl_c_prints_the_job_and_jobs_wait_picks_it_up(server, tmp_path) -> None:
    server.control(job_duration=30)
    env = {**os.environ, "PYTHONPATH": str(ROOT_DIR / "generated"), "GROWINGIO_URL": server.url,
           "GROWINGIO_CLIENT_SECRET": SECRET, "GROWINGIO_TOKEN": ""}
    command = [sys.executable, "-m", "growingio_client.cli", "export", "tag-users", "--tag-id", TAG,
               "-o", str(tmp_path), "--poll", "0.05"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline()  # printed as soon as the job exists
        assert re.fullmatch(r"job \S+ submitted\n", first), first
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130 and "growingio: error: interrupted" in err and "Traceback" not in err
    job_id = first.split()[1]
    assert resume_command(err) == ["jobs", "download", job_id, "-o", str(tmp_path)]

    waited = run_growingio(server.url, "jobs", "wait", job_id, "--timeout", "0.1", "--poll", "0.05", secret=SECRET)
    assert waited.returncode == 1 and f"job {job_id} still" in waited.stderr
    assert resume_command(waited.stderr) == ["jobs", "wait", job_id]


def test_jobs_wait_prints_the_result(server) -> None:
    server.control(job_duration=0)
    job = json.loads(run_growingio(server.url, "--json", "submit-tag-user-export-job", "--tag-id", TAG, secret=SECRET).stdout)
    done = run_growingio(server.url, "--json", "jobs", "wait", job["id"], "--poll", "0.05", secret=SECRET)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stage"] == "FINISH" and len(result["uris"]) == 1


def test_encoding_without_the_charset_is_an_error_not_mojibake(server, tmp_path) -> None:
    server.control(job_duration=0)
    done = run_growingio(
        server.url, "export", "segment-users", "--project-id", PROJECT, "--segment-id", "qgQMXnD3",
        "--encoding", "UTF-16LE", "-o", str(tmp_path), "--poll", "0.05", secret=SECRET,
    )
    assert done.returncode == 1 and "is UTF-8, not UTF-16LE" in done.stderr and "Traceback" not in done.stderr
    assert os.listdir(tmp_path) == [] and done.stdout == ""


def test_each_path_written_is_printed_even_when_a_later_file_fails(hostile, tmp_path) -> None:
    uris = ["/jobs/results/DES-1/one.csv", "/jobs/results/DES-1/two.csv"]
    hostile.script("/graphql", json_reply({"data": {"jobResult": {"id": "AbQ3XApY", "stage": "FINISH", "uris": uris}}}))
    hostile.script("/download", reply(200, b"a,b\n", content_type="text/csv"), json_reply({"error": "gone"}, 404))
    done = run_growingio(hostile.url, "jobs", "download", "U2VnbWVudA", "-o", str(tmp_path), token="t0ken-abc")
    assert done.returncode == 1 and "download of /jobs/results/DES-1/two.csv failed: GET /download returned 404" in done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "AbQ3XApY-one.csv")]
    assert os.listdir(tmp_path) == ["AbQ3XApY-one.csv"]
