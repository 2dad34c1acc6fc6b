"""Generation speed on this repo's corpus, as ratios to baselines measured in the same run.

Baselines: raw `ariadne-codegen` (its CLI on the same schema, queries and scalar
mapping), the graphql-core floor (a fresh process doing build_schema + parse +
validate of the same files) and bare interpreter start. Writes results.md.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 10
BIN = Path(sys.executable).parent

FLOOR = """
import sys
from pathlib import Path
from graphql import build_schema, parse, validate, DocumentNode
schema = build_schema(Path(sys.argv[1]).read_text())
defs = []
for p in sorted(Path(sys.argv[2]).glob("*.graphql")):
    defs.extend(parse(p.read_text()).definitions)
assert not validate(schema, DocumentNode(definitions=tuple(defs)))
"""

ARIADNE_CONFIG = """
[tool.ariadne-codegen]
schema_path = "{schema}"
queries_path = "{queries}"
target_package_name = "raw_client"
target_package_path = "{target}"
include_comments = "none"
[tool.ariadne-codegen.scalars.HashId]
type = "str"
[tool.ariadne-codegen.scalars.DateTime]
type = "datetime.datetime"
"""


def measure(command: list[str], cwd: Path, prepare=None) -> list[float]:
    times = []
    for _ in range(RUNS):
        if prepare:
            prepare()
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="gio-bench-"))
    project = work / "project"
    project.mkdir()
    for name in ("pyproject.toml", "schema.graphql"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "queries", project / "queries")
    raw = work / "raw"
    raw.mkdir()
    (raw / "pyproject.toml").write_text(
        ARIADNE_CONFIG.format(schema=project / "schema.graphql", queries=project / "queries", target=raw)
    )
    gio = [str(BIN / "gio-codegen")]

    def wipe() -> None:
        shutil.rmtree(project / "generated", ignore_errors=True)
        shutil.rmtree(project / ".gio-codegen", ignore_errors=True)

    subprocess.run([*gio, "generate"], cwd=project, check=True, capture_output=True)
    results = {
        "python -c pass": measure([sys.executable, "-c", "pass"], work),
        "graphql-core floor": measure([sys.executable, "-c", FLOOR, str(project / "schema.graphql"), str(project / "queries")], work),
        "raw ariadne-codegen": measure([str(BIN / "ariadne-codegen")], raw),
        "gio-codegen generate (full)": measure([*gio, "generate"], project, prepare=wipe),
        "gio-codegen generate (no-op)": measure([*gio, "generate"], project),
    }
    med = {name: statistics.median(t) for name, t in results.items()}
    lines = [
        "# Benchmark results: GrowingIO corpus",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}; "
        f"ariadne-codegen {version('ariadne-codegen')}, graphql-core {version('graphql-core')}, ruff {version('ruff')}. "
        f"Median of {RUNS} runs each, all measured in the same run.",
        "",
        "| command | median s | min s | max s | × raw ariadne-codegen | × graphql-core floor | × python start |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, times in results.items():
        lines.append(
            f"| {name} | {med[name]:.3f} | {min(times):.3f} | {max(times):.3f} | "
            f"{med[name] / med['raw ariadne-codegen']:.2f} | {med[name] / med['graphql-core floor']:.2f} | "
            f"{med[name] / med['python -c pass']:.2f} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    (Path(__file__).parent / "results.md").write_text(report, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
