"""The models worker (generate/models_worker.py): its models are the engine's own, and it is
trusted only with the memo key of what the parent loaded.

Each case runs in a fresh interpreter, as `generate` does: the worker forks only while
ariadne-codegen is not imported yet, which this test process cannot promise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_cli, tree_bytes

_PROBE = r"""
import dataclasses, json, sys, tempfile, time
from pathlib import Path
from gio_codegen.generate import models, models_worker
from gio_codegen.load.config import load_config
from gio_codegen.pipeline import load_context

case, handoff = sys.argv[1], sys.argv[2]
config = load_config(Path("pyproject.toml").resolve())
if handoff == "send":  # a small schema: forked before loading, then handed the project
    worker = models_worker.ModelsWorker.start(config)
    context = load_context(config)
    if worker is not None:
        worker.send(context)
else:  # a big schema: forked after loading, inheriting the project
    context = load_context(config)
    inherited = dataclasses.replace(context, schema=None) if case == "broken" else context
    worker = models_worker.ModelsWorker.start(config, inherited)
if worker is None:
    print(json.dumps({"started": False}))
    sys.exit(0)
operations = [op for _file, op in context.operations]
fragments = [f for file in context.files for f in file.fragments]
exports = models.model_exports(config)
key = models.memo_key(context.schema_key, operations, fragments, config.package, exports)
got = worker.result("another key" if case == "other-key" else key)
worker.cancel()  # a second stop is harmless
out = {"got": got is not None, "status": worker._status}
if got is not None:
    from gio_codegen.generate.engine import run_engine
    with tempfile.TemporaryDirectory() as temp:
        results = run_engine(context.schema, operations, fragments, schema_path=config.schema, target=Path(temp),
                             package=config.package, exports=exports, type_names=context.schema_facts.type_names)
        files = {p.name: p.read_bytes() for p in sorted((Path(temp) / config.package).iterdir()) if p.is_file()}
    out["same_files"] = got[0] == files
    out["same_results"] = got[1] == results
    out["files"] = len(files)
print(json.dumps(out))
"""


def _probe(project: Path, case: str, handoff: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    process = subprocess.run(
        [sys.executable, "-c", _PROBE, case, handoff], cwd=project, capture_output=True, text=True, env=env, timeout=120
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)  # type: ignore[no-any-return]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    return copy_project(tmp_path, with_generated=False)


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker forks")
HANDOFFS = pytest.mark.parametrize("handoff", ["send", "inherit"])  # small schema: sent; big: inherited


@needs_fork
@HANDOFFS
def test_worker_models_equal_the_engine_run_here(inputs: Path, handoff: str) -> None:
    answer = _probe(inputs, "same", handoff)
    assert answer["got"] and answer["status"] == 0
    assert answer["same_files"] and answer["same_results"] and answer["files"]


@needs_fork
@HANDOFFS
def test_worker_answer_for_other_inputs_is_not_used(inputs: Path, handoff: str) -> None:
    """Inputs edited between the worker's read and the parent's give another key: no answer."""
    assert _probe(inputs, "other-key", handoff) == {"got": False, "status": 0}


@needs_fork
def test_worker_that_fails_gives_no_answer(inputs: Path) -> None:
    assert _probe(inputs, "broken", "inherit") == {"got": False, "status": 1}


@needs_fork
def test_no_worker_when_the_models_are_remembered(inputs: Path) -> None:
    assert run_cli("generate", cwd=inputs).code == 0  # fills the models memo
    assert _probe(inputs, "same", "inherit") == {"started": False}  # not even forked
    assert _probe(inputs, "same", "send")["got"] is False  # forked early, stopped once the memo is seen


def test_generate_output_does_not_depend_on_the_worker(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A cold `generate` (worker) and one where the worker's answer is refused (inline engine)
    write the same tree, the committed one."""
    assert run_cli("generate", cwd=inputs).code == 0
    with_worker = tree_bytes(inputs / "generated")
    other = copy_project(tmp_path_factory.mktemp("inline"), with_generated=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    refuse = (
        "import sys; from gio_codegen.generate import models_worker as w; "
        "w.ModelsWorker.result = lambda self, key: (self.cancel(), None)[1]; "
        "from gio_codegen.commands.generate import run_generate; sys.exit(run_generate(None))"
    )
    process = subprocess.run([sys.executable, "-c", refuse], cwd=other, capture_output=True, text=True, env=env, timeout=120)
    assert process.returncode == 0, process.stderr
    assert tree_bytes(other / "generated") == with_worker
    committed = tree_bytes(ROOT / "generated")
    assert {k: v for k, v in with_worker.items() if k != ".gio-codegen.json"} == {
        k: v for k, v in committed.items() if k != ".gio-codegen.json"
    }


def test_pattern_scalars_survive_the_handoff(inputs: Path) -> None:
    """The schema the worker receives is pickled with its configured literal checks."""
    import pickle

    from graphql import StringValueNode

    from gio_codegen.load import cache
    from gio_codegen.load.config import load_config
    from gio_codegen.pipeline import load_context

    config = load_config(inputs / "pyproject.toml")
    pattern = config.scalars["HashId"].pattern
    assert pattern, "the project configures a HashId pattern"
    schema = load_context(config).schema
    data = cache.dumps(schema)
    assert data is not None
    hash_id = pickle.loads(data).type_map["HashId"]
    assert hash_id.parse_literal(StringValueNode(value="Dv4ZbKGQ")) == "Dv4ZbKGQ"
    with pytest.raises(TypeError, match="must match"):
        hash_id.parse_literal(StringValueNode(value="not a hash id!"))
