"""Runtime figures of the generated client against the local dev server (issues 3, 4, 7).

- per-call overhead: `GrowingIO.projects()` vs a raw httpx POST of the same document;
- parsing a `tags` response of 10,000 tags into models vs `json.loads` of it;
- a 200 MB segment export downloaded in a child process: its peak RSS (must stay flat);
- watch latency: a query file written → the regenerated module on disk (`gio-codegen watch`);
- load: AsyncGrowingIO, 2,000 requests at concurrency 50 — errors, fds, connections, memory.

The dev server runs as its own process (`python -m gio_devserver`) so that its memory is not
counted as the client's. Called by run.py; `python benchmarks/bench_client.py` runs it alone.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
SECRET = "bench-secret"
PROJECT = "WlGk4Daj"
SEGMENT = "qgQMXnD3"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "generated"), str(ROOT / "devserver")])}
for _path in (ROOT / "generated", ROOT / "devserver"):
    sys.path.insert(0, str(_path))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def dev_server(**options: object) -> Iterator[str]:
    import httpx

    port = _free_port()
    args = [PY, "-m", "gio_devserver", "--port", str(port), "--secret", SECRET, "--log-level", "warning"]
    for key, value in options.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    process = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/__control__", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("dev server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _token(response: object) -> str:
    from growingio_client.redact import Redactor
    from growingio_client.responses import token_from

    return token_from(response, response.content, Redactor())  # type: ignore[arg-type, attr-defined]


def _stats(times: list[float]) -> str:
    return f"{statistics.median(times) * 1e3:.2f} | {min(times) * 1e3:.2f} | {max(times) * 1e3:.2f}"


PER_CALL_GENERATED = """
import json, sys, time
from growingio_client import GrowingIO
url, secret, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
with GrowingIO(url, client_secret=secret) as client:
    client.projects()  # token and connection established, models imported
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        client.projects()
        times.append(time.perf_counter() - start)
print(json.dumps(times))
"""
PER_CALL_RAW = """
import json, sys, time
import httpx
from growingio_client.operations import PROJECTS_DOCUMENT
url, secret, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
with httpx.Client(base_url=url) as raw:
    form = {"grant_type": "client_credentials", "client_id": "api", "client_secret": secret, "scope": "system"}
    token = raw.post("/accounts/oauth/access_token", data=form).json()["access_token"]
    headers = {"Authorization": f"Token {token}"}
    body = {"query": PROJECTS_DOCUMENT, "operationName": "Projects", "variables": {}}
    raw.post("/graphql", json=body, headers=headers).raise_for_status()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        response = raw.post("/graphql", json=body, headers=headers)
        response.raise_for_status()
        response.json()
        times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def per_call(url: str, calls: int = 200, rounds: int = 3) -> list[str]:
    """Each side in its own fresh interpreter (same GC and import state), rounds interleaved."""
    import json

    generated: list[float] = []
    plain: list[float] = []
    for _ in range(rounds):
        for code, sink in ((PER_CALL_GENERATED, generated), (PER_CALL_RAW, plain)):
            done = subprocess.run([PY, "-c", code, url, SECRET, str(calls)], env=ENV, capture_output=True, text=True,
                                  check=True)
            sink.extend(json.loads(done.stdout))
    ratio = statistics.median(generated) / statistics.median(plain)
    return [
        f"| `GrowingIO.projects()` | {_stats(generated)} | {ratio:.2f} |",
        f"| raw `httpx` POST of the same document + `.json()` | {_stats(plain)} | 1.00 |",
    ]


def _raw_tags(url: str) -> dict:
    """One real `tags` response from the server (so the payload has every field the models expect)."""
    import httpx
    from growingio_client.operations import TAGS_DOCUMENT

    with httpx.Client(base_url=url) as raw:
        token = _token(raw.post("/accounts/oauth/access_token", data={
            "grant_type": "client_credentials", "client_id": "api", "client_secret": SECRET, "scope": "system"}))
        body = {"query": TAGS_DOCUMENT, "operationName": "Tags", "variables": {"projectId": PROJECT}}
        response = raw.post("/graphql", json=body, headers={"Authorization": f"Token {token}"})
        response.raise_for_status()
        return response.json()["data"]["tags"][0]


_PARSE_SIDES = {
    "json.loads": "import json\nstart = time.perf_counter()\njson.loads(payload)\n",
    "client parse (load_json + validate_result)": (
        "from growingio_client import responses\nfrom growingio_client.redact import Redactor\n"
        "from growingio_client.tags_query import TagsQuery\nfrom growingio_client.transport import validate_result\n"
        "redact = Redactor()\nstart = time.perf_counter()\n"
        "validate_result(TagsQuery, responses.load_json(payload, 'response', 'application/json', redact)['data'])\n"
    ),
    "json.loads + TagsQuery.model_validate (no pause)": (
        "import json\nfrom growingio_client.tags_query import TagsQuery\nstart = time.perf_counter()\n"
        "TagsQuery.model_validate(json.loads(payload)['data'])\n"
    ),
}


def _fresh(code: str, path: Path) -> float:
    """Seconds of one timed statement in a fresh interpreter with the default GC settings."""
    script = f"import sys, time\npayload = open({str(path)!r}, 'rb').read()\n{code}print(time.perf_counter() - start)\n"
    done = subprocess.run([PY, "-c", script], env=ENV, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def tags_parsing(url: str, repeats: int = 7) -> list[str]:
    """Each side timed in its own fresh process (same GC state: the default), `repeats` times each,
    alternating; ratios are of the medians."""
    import tempfile

    from growingio_client.tags_query import TagsQuery

    tag = _raw_tags(url)
    payload = json.dumps({"data": {"tags": [{**tag, "id": f"{i:08d}"} for i in range(10_000)]}})
    assert len(TagsQuery.model_validate(json.loads(payload)["data"]).tags or []) == 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tags.json"
        path.write_text(payload, encoding="utf-8")
        times: dict[str, list[float]] = {name: [] for name in _PARSE_SIDES}
        for _ in range(repeats):
            for name, code in _PARSE_SIDES.items():
                times[name].append(_fresh(code, path))
    base = statistics.median(times["json.loads"])
    return [
        f"| `{name}` (10,000 tags, {len(payload) / 1e6:.1f} MB, fresh process each) | {_stats(values)} | "
        f"{statistics.median(values) / base:.2f} |"
        for name, values in times.items()
    ]


def import_ratio(repeats: int = 7) -> list[str]:
    """`import growingio_client` vs `import pydantic, httpx`, each in a fresh process (-X importtime
    is not used: wall time of the import statement), alternating; the client's figure is what it
    adds on top of pydantic and httpx, as a fraction of their own import."""
    code = "import time\nstart = time.perf_counter()\nimport {}\nprint(time.perf_counter() - start)\n"
    base, client = [], []
    for _ in range(repeats):
        for names, into in (("pydantic, httpx", base), ("pydantic, httpx, growingio_client", client)):
            done = subprocess.run([PY, "-c", code.format(names)], env=ENV, capture_output=True, text=True, check=True)
            into.append(float(done.stdout.strip()))
    extra = [c - b for c, b in zip(client, base)]
    return [
        f"| `import pydantic, httpx` (fresh process) | {_stats(base)} | 1.00 |",
        f"| `import growingio_client` on top of them (fresh process) | {_stats(extra)} | "
        f"{statistics.median(extra) / statistics.median(base):.2f} |",
    ]


DOWNLOAD = """
import sys, tempfile, time
def hwm():  # this process's own peak RSS (ru_maxrss would include the parent's at fork time)
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1])
from growingio_client import GrowingIO
with tempfile.TemporaryDirectory() as dest, GrowingIO(sys.argv[1], client_secret=sys.argv[2]) as gio:
    before = hwm()
    start = time.perf_counter()
    paths = gio.export_segment_users(project_id=sys.argv[3], segment_id=sys.argv[4], dest_dir=dest, poll=0.05)
    elapsed = time.perf_counter() - start
    size = sum(__import__("os").path.getsize(p) for p in paths)
    after = hwm()
    print(before, after, size, elapsed)
"""


def download(size: int = 200 * 1024 * 1024) -> list[str]:
    with dev_server(download_size=size, job_duration=0.1) as url:
        out = subprocess.run([PY, "-c", DOWNLOAD, url, SECRET, PROJECT, SEGMENT], env=ENV, check=True,
                             capture_output=True, text=True).stdout.split()
    before, after, written, elapsed = int(out[0]), int(out[1]), int(out[2]), float(out[3])
    return [
        f"| 200 MB segment export (submit → wait → streamed download) | {written / 1e6:.0f} MB written in "
        f"{elapsed:.1f} s ({written / 1e6 / elapsed:.0f} MB/s) | peak RSS {after / 1024:.0f} MB "
        f"(after start-up and client creation: {before / 1024:.0f} MB; growth {(after - before) / 1024:.0f} MB) |",
    ]


def watch_latency(edits: int = 7) -> list[str]:
    project = HERE / ".work" / "watch"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in ("pyproject.toml", "schema.graphql"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "queries", project / "queries")
    gio = str(Path(PY).parent / "gio-codegen")
    subprocess.run([gio, "generate"], cwd=project, check=True, capture_output=True)
    module = project / "generated/growingio_client/operations.py"
    query = project / "queries/tags.graphql"
    original = query.read_text(encoding="utf-8")
    process = subprocess.Popen([gio, "watch", "--debounce", "50"], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    latencies = []
    try:
        assert process.stdout is not None
        process.stdout.readline()  # the start-up run
        time.sleep(0.5)
        for i in range(edits):
            marker = f"# watch edit {i}"
            start = time.perf_counter()
            query.write_text(original.replace("{\n", "{\n  " + marker + "\n", 1), encoding="utf-8")
            deadline = start + 30
            while marker not in module.read_text(encoding="utf-8"):
                if time.perf_counter() > deadline:
                    raise RuntimeError("watch did not regenerate within 30 s")
                time.sleep(0.005)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return [f"| file write → regenerated `operations.py` (debounce 50 ms, {edits} edits) | {_stats(latencies)} |"]


def load(requests: int = 2000, concurrency: int = 50) -> list[str]:
    import asyncio

    from growingio_client import AsyncGrowingIO

    def fds() -> int:
        return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else -1

    def connections() -> int:
        count = 0
        for fd in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
            try:
                count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
            except OSError:
                pass
        return count

    def rss_kb() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    async def main(url: str) -> dict[str, object]:
        errors = 0
        peak_sockets = 0
        async with AsyncGrowingIO(url, client_secret=SECRET) as client:
            await client.projects()
            semaphore = asyncio.Semaphore(concurrency)
            rss_start = rss_kb()

            async def one(i: int) -> None:
                nonlocal errors, peak_sockets
                async with semaphore:
                    try:
                        if i % 2:
                            await client.projects()
                        else:
                            await client.tags(project_id=PROJECT)
                    except Exception:  # noqa: BLE001 - counted, not raised
                        errors += 1
                    peak_sockets = max(peak_sockets, connections())

            start = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(requests // 2)))
            rss_half = rss_kb()
            await asyncio.gather(*(one(i) for i in range(requests // 2, requests)))
            elapsed = time.perf_counter() - start
            rss_end = rss_kb()
        return {"errors": errors, "elapsed": elapsed, "peak_sockets": peak_sockets,
                "rss": (rss_start, rss_half, rss_end)}

    with dev_server() as url:
        fds_before = fds()
        result = asyncio.run(main(url))
        fds_after = fds()
    rss_start, rss_half, rss_end = result["rss"]  # type: ignore[misc]
    elapsed = float(result["elapsed"])  # type: ignore[arg-type]
    return [
        f"| {requests} requests, concurrency {concurrency} | errors: {result['errors']} | "
        f"{elapsed:.1f} s ({requests / elapsed:.0f} req/s) | peak open sockets {result['peak_sockets']} | "
        f"fds before/after: {fds_before}/{fds_after} | RSS start/half/end: {rss_start // 1024}/{rss_half // 1024}/"
        f"{rss_end // 1024} MB |",
    ]


def run_all(runs: int = 7) -> list[str]:
    lines = ["## Client runtime (issues 3 and 7) against the local dev server", ""]
    print("client:", flush=True)
    with dev_server() as url:
        lines += ["| per call | median ms | min ms | max ms | × raw httpx |", "| --- | ---: | ---: | ---: | ---: |",
                  *per_call(url)]
        lines += ["", "| parse a tags response | median ms | min ms | max ms | × json.loads |",
                  "| --- | ---: | ---: | ---: | ---: |", *tags_parsing(url, runs)]
    lines += ["", "| import | median ms | min ms | max ms | × pydantic + httpx |",
              "| --- | ---: | ---: | ---: | ---: |", *import_ratio(runs)]
    lines += ["", "| download | throughput | memory |", "| --- | --- | --- |", *download()]
    lines += ["", "| async load | errors | time | connections | file descriptors | memory |",
              "| --- | --- | --- | --- | --- | --- |", *load()]
    print("watch:", flush=True)
    lines += ["", "## Watch latency (issue 4), GrowingIO schema", "", "| | median ms | min ms | max ms |",
              "| --- | ---: | ---: | ---: |", *watch_latency(runs)]
    return lines + [""]


if __name__ == "__main__":
    print("\n".join(run_all()))
