"""The downstream corpus (issue 14): real schema + operation sets taken from public packages and
repositories, kept in tests/corpus/<set>/ with their original file layout (SOURCE.md says where
each came from, at which version, under which licence) plus a pyproject.toml with
[tool.gio-codegen]. For every set, `gio-codegen generate` runs as a real process in a copy of the
set, the package imports (every module, every exported name) and passes `mypy --strict`.

`make test` runs a fast subset (FAST); `make corpus` (GIO_CORPUS=all) runs every set. The sets
are generated once per pytest run, whatever the number of xdist workers, and mypy checks all of
them in one invocation. A set the generator cannot handle yet stays in the corpus as a strict
expected failure (XFAIL, the reason precise); tests/corpus/FAILURES.md has each failure's command,
exact error and a minimal reproduction.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS = ROOT / "tests" / "corpus"
SETS = sorted(p.name for p in CORPUS.iterdir() if (p / "pyproject.toml").is_file())

# One of each kind: a real downstream project on a large schema (planpilot: GitHub's, 518 KB),
# GraphQL Code Generator's layout (one file name in three folders), fragments on interfaces in
# their own folder (turms), and three that fail today in different stages: ariadne-codegen's
# example (refused: subscription, Upload), Apollo's Star Wars (engine limitation, then mypy) and
# turms' unions (models refuse a valid response).
FAST = (
    "planpilot",
    "graphql-codegen-dev-test",
    "turms-interface-fragment-collapse",
    "ariadne-codegen-example",
    "apollo-ios-starwars",
    "turms-unions",
)
SELECTION = SETS if os.environ.get("GIO_CORPUS") == "all" else list(FAST)

# Sets that fail today, with the reason (the stage and the first line of the error). Strict: a set
# that starts passing fails its test until its row is removed. Details: tests/corpus/FAILURES.md.
XFAIL: dict[str, str] = {
    "ariadne-codegen-extended-models": "generate: KnownDirectives refuses ariadne-codegen's client-side `@mixin` "
    "directive (not declared in the schema); behind it `query getQueryAWithFragment { ...getQueryAFragment }` (a "
    "fragment spread at the root) is an internal error RuntimeError: generator raised StopIteration",
    "ariadne-codegen-only-used-inputs-and-enums": "generate: NoUnusedFragments refuses `fragment FragmentGG`, which "
    "no operation spreads (each operation is sent with only the fragments it uses)",
    "swapi-graphql": "generate: UniqueDefinitions refuses `fragment pilotFragment`, defined identically in "
    "06_fragments.graphql and 07_fragments.graphql (each file a standalone document); behind it `__type(name:)` at "
    "the root is EngineLimitation ParsingError 'Field __type not found in type Root', and anonymous operations "
    "(`{ person(personID: 4) { name } }`) are an internal error KeyError: ''",
    "turms-multi-interface": "generate: PythonSafeNames refuses operations MyGraphs and my_graphs (both method "
    "'my_graphs'); behind it mypy no-redef: `type` selected twice in fragment FlowArg (FlowKwarg, FlowReturn), then "
    "a required `kind` under `... on ArkitektNode @include(if: $detail)`",
}

# Responses a spec-compliant server may send, which the generated result model must accept (mypy
# cannot see a field that should be Optional): (module, result class, response data) per set.
RESPONSES: dict[str, list[tuple[str, str, object]]] = {
    # `... on Foo @include(if: $detail) { forward }` with $detail false: Foo arrives without `forward`.
    "turms-unions": [("cond_union_query", "CondUnionQuery", {"hallo": {"__typename": "Foo"}})],
    # `... on Swatch @include(if: $detailed) { ...SwatchName }` with $detailed false: no `name`.
    "turms-complex-defaults": [("inline_on_object_query", "InlineOnObjectQuery", {"swatches": [{"color": "RED"}]})],
    # Aliases of one field under @skip/@include; `__typename` at the root.
    "turms-helloworld": [
        ("conditional_query", "ConditionalQuery", {"hello": [{"always": "hi"}]}),
        ("root_typename_query", "RootTypenameQuery", {"__typename": "Query", "hello": [{"message": "hi"}]}),
    ],
    # Aliases named after keywords; a union member none of whose fields are selected.
    "apollo-kotlin-reserved-keywords": [("test_query", "TestQuery", {
        "yield": {"__typename": "Human", "while": "1000", "it": "Luke"},
        "objects": [{"__typename": "Starship"}, {"__typename": "Droid", "name": "R2-D2"}]})],
    # Both behind earlier failures today (see XFAIL): a spread / an inline fragment under @include.
    "apollo-ios-starwars": [
        ("hero_details_fragment_conditional_inclusion_query", "HeroDetailsFragmentConditionalInclusionQuery",
         {"hero": {"__typename": "Human"}}),
        ("hero_name_conditional_inclusion_query", "HeroNameConditionalInclusionQuery", {"hero": {"__typename": "Droid"}}),
    ],
    "turms-multi-interface": [("conditional_inline_fragment_query", "ConditionalInlineFragmentQuery",
                               {"flow": {"nodes": [{"__typename": "ArkitektNode", "id": "1"}]}})],
    "apollo-kotlin-root-query-inline-fragment": [("test_query", "TestQuery", {
        "__typename": "Query", "hero": {"__typename": "Droid", "name": "R2-D2", "appearsIn": ["JEDI"]},
        "droid": {"name": "C-3PO", "primaryFunction": "protocol"}})],
}

GITHUB_SCHEMA_PACKAGE = "@octokit/graphql-schema@15.25.0"  # the version benchmarks/run.py uses
GITHUB_SCHEMA_CACHE = ROOT / "benchmarks" / ".cache" / "github-schema.graphql"  # shared with `make bench`
NEEDS_GITHUB_SCHEMA = {"apollo-ios-github"}


@dataclass
class SetResult:
    name: str
    package: str = ""
    skipped: str = ""
    generate: str | None = None  # None: passed; else the command's output
    imports: str | None = None
    responses: str | None = None  # RESPONSES checks that the models refuse
    mypy: str | None = None
    mypy_run: bool = False
    seconds: float = 0.0

    def failure(self) -> str | None:
        if self.generate is not None:
            return f"gio-codegen generate failed:\n{self.generate}"
        if self.imports is not None:
            return f"import failed:\n{self.imports}"
        if self.mypy is not None:
            return f"mypy --strict failed:\n{self.mypy}"
        if self.responses is not None:
            return f"the models refuse a response the server may send:\n{self.responses}"
        if not self.mypy_run:
            return "mypy did not run"
        return None


@dataclass
class CorpusRun:
    results: dict[str, SetResult] = field(default_factory=dict)


def _package(set_dir: Path) -> tuple[str, str]:
    section = tomllib.loads((set_dir / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["gio-codegen"]
    return section["package"], section.get("output", "generated")


def github_schema() -> Path | None:
    """GitHub's schema from npm (1.2 MB, not committed), cached where `make bench` keeps it."""
    if GITHUB_SCHEMA_CACHE.exists():
        return GITHUB_SCHEMA_CACHE
    if shutil.which("npm") is None:
        return None
    cache = GITHUB_SCHEMA_CACHE.parent
    cache.mkdir(parents=True, exist_ok=True)
    try:
        out = subprocess.run(["npm", "pack", GITHUB_SCHEMA_PACKAGE, "--silent"], cwd=cache, check=True,
                             capture_output=True, text=True, timeout=300).stdout.strip().splitlines()[-1]
    except (subprocess.SubprocessError, OSError, IndexError):
        return None
    with tarfile.open(cache / out) as archive:
        member = archive.extractfile("package/schema.graphql")
        assert member is not None
        partial = GITHUB_SCHEMA_CACHE.with_suffix(".partial")
        partial.write_bytes(member.read())
        partial.replace(GITHUB_SCHEMA_CACHE)
    (cache / out).unlink()
    return GITHUB_SCHEMA_CACHE


def _generate(name: str, work: Path) -> SetResult:
    result = SetResult(name)
    project = work / name
    shutil.copytree(CORPUS / name, project, ignore=shutil.ignore_patterns("generated", ".gio-codegen", "__pycache__"))
    result.package, _ = _package(project)
    if name in NEEDS_GITHUB_SCHEMA:
        schema = github_schema()
        if schema is None:
            result.skipped = f"needs {GITHUB_SCHEMA_PACKAGE} from npm"
            return result
        shutil.copy(schema, project / "schema.graphql")
    start = time.perf_counter()
    cli = run_cli("generate", cwd=project)
    result.seconds = time.perf_counter() - start
    if cli.code != 0:
        result.generate = f"exit {cli.code}\n{_errors(cli.text)}"
    return result


_SNIPPET = re.compile(r"^\s*\d*\s*\|")  # the source lines under a diagnostic: ` 12 |   $Any: Boolean!,`


def _errors(text: str, limit: int = 40) -> str:
    """The error diagnostics (with their snippets) and the summary line, warnings left out."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if not blocks or not _SNIPPET.match(line):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    kept = [line for block in blocks if ": warning:" not in block[0] for line in block] or text.splitlines()
    return "\n".join(kept[:limit]) + ("\n…" if len(kept) > limit else "")


_IMPORT_PROBE = """\
import importlib, json, pkgutil, sys, traceback
out = {}
for name, gen_dir, package, checks in json.loads(sys.argv[1]):
    sys.path.insert(0, gen_dir)
    imports = responses = None
    try:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
        for attr in getattr(module, "__all__", ()):
            getattr(module, attr)
    except BaseException:
        imports = traceback.format_exc()[-3000:]
    else:
        problems = []
        for module_name, class_name, response in checks:
            try:
                model = getattr(importlib.import_module(package + "." + module_name), class_name)
                model.model_validate(response)
            except BaseException as error:
                problems.append(f"{module_name}.{class_name}.model_validate({json.dumps(response)}):\\n{error}")
        responses = "\\n".join(problems) or None
    out[name] = [imports, responses]
print(json.dumps(out))
"""


def _check_imports(run: CorpusRun, work: Path) -> None:
    todo = [(r.name, str(work / r.name / _package(work / r.name)[1]), r.package, RESPONSES.get(r.name, []))
            for r in run.results.values() if not r.skipped and r.generate is None]
    if not todo:
        return
    probe = subprocess.run([sys.executable, "-c", _IMPORT_PROBE, json.dumps(todo)], capture_output=True, text=True,
                           timeout=300, cwd=work)
    if probe.returncode != 0:
        for name, *_ in todo:
            run.results[name].imports = f"import probe crashed:\n{probe.stderr[-3000:]}"
        return
    for name, (imports, responses) in json.loads(probe.stdout.splitlines()[-1]).items():
        run.results[name].imports = imports
        run.results[name].responses = responses


def _mypy(targets: list[Path], cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-color-output", "--cache-dir", str(cache),
                           *map(str, targets)], capture_output=True, text=True, timeout=600)


def _check_mypy(run: CorpusRun, work: Path) -> None:
    """One mypy over every package that imported; per package only if a blocking error stops it."""
    ready = {r.name: work / r.name / _package(work / r.name)[1] / r.package
             for r in run.results.values() if not r.skipped and r.generate is None and r.imports is None}
    if not ready:
        return
    cache = work / ".mypy_cache"
    process = _mypy(list(ready.values()), cache)
    if "errors prevented further checking" in process.stdout + process.stderr:
        outputs = {name: _mypy([ready[name]], cache) for name in ready}
    else:
        outputs = {name: process for name in ready}
    for name, target in ready.items():
        output = outputs[name]
        prefix = str(target.parent) + os.sep
        mine = [line.replace(prefix, "") for line in (output.stdout + output.stderr).splitlines()
                if line.startswith(prefix)]
        run.results[name].mypy_run = True
        if mine:
            run.results[name].mypy = "\n".join(mine[:40]) + (f"\n… {len(mine) - 40} more" if len(mine) > 40 else "")
        elif output.returncode not in (0, 1):
            run.results[name].mypy = f"mypy exit {output.returncode}:\n{(output.stdout + output.stderr)[-2000:]}"


def _build(work: Path) -> CorpusRun:
    run = CorpusRun()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in pool.map(lambda name: _generate(name, work), SELECTION):
            run.results[result.name] = result
    _check_imports(run, work)
    _check_mypy(run, work)
    return run


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    """The selection generated and checked once per pytest run: under xdist the first worker to
    get here builds it while the others wait on a lock, then all read the same results."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    shared = base.parent / f"corpus-{run_id}" if run_id else base / "corpus"
    shared.mkdir(parents=True, exist_ok=True)
    results_file = shared / "results.json"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not results_file.exists():
            run = _build(shared / "work")
            results_file.write_text(json.dumps({k: asdict(v) for k, v in run.results.items()}), encoding="utf-8")
        data = json.loads(results_file.read_text(encoding="utf-8"))
    yield CorpusRun({k: SetResult(**v) for k, v in data.items()})


def _param(name: str) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[name], strict=True)] if name in XFAIL else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_param(name) for name in SELECTION])
def test_set_generates_imports_and_passes_mypy_strict(corpus_run: CorpusRun, name: str) -> None:
    result = corpus_run.results[name]
    if result.skipped:
        pytest.skip(result.skipped)
    problem = result.failure()
    assert problem is None, f"{name}: {problem}"


# --- the corpus itself ---------------------------------------------------------------------


def test_corpus_has_at_least_30_sets_each_with_its_source_and_licence() -> None:
    assert len(SETS) >= 30, SETS
    for name in SETS:
        source = (CORPUS / name / "SOURCE.md").read_text(encoding="utf-8")
        assert re.search(r"^- licence: \S", source, re.M), f"{name}/SOURCE.md names no licence"
        assert re.search(r"^- version: \S", source, re.M), f"{name}/SOURCE.md names no version"


def test_sets_are_small_on_disk() -> None:
    for name in SETS:
        size = sum(p.stat().st_size for p in (CORPUS / name).rglob("*") if p.is_file())
        assert size < 1_000_000, f"{name} is {size} bytes; trim it or fetch it at test time (see apollo-ios-github)"


def test_fast_subset_and_xfail_table_name_real_sets() -> None:
    assert set(FAST) <= set(SETS)
    assert set(XFAIL) <= set(SETS)
    failures = (CORPUS / "FAILURES.md").read_text(encoding="utf-8")
    for name in XFAIL:
        assert f"`{name}`" in failures, f"{name} is an expected failure but tests/corpus/FAILURES.md does not list it"
