"""ariadne-codegen on the second core, started before anything is loaded.

Importing ariadne-codegen (and the pydantic it imports) costs ~60 ms and running it ~30 ms on
this repository, and the client templates need its results: in one process that is a chain
of load, import, run, render. So when `generate` has real work to do, it forks this worker
first. The worker loads the same inputs (reading caches, never writing them), computes the
models memo key (models.py: the schema, the operations and fragments as parsed, the package
and the engine) and, unless the memo already holds those models, imports and runs the engine,
while the parent loads, validates and imports jinja2. The parent takes the worker's models
only when they carry the key of what the parent itself loaded. A difference, a failed worker,
or a memo hit, and the worker is dropped; the parent then does what it does without one, so
a run's output never depends on the worker.

Forking is only done where it is safe (POSIX, a single-threaded process) and useful (the
engine not yet imported here: in `watch`, later runs have it already).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gio_codegen.generate.models import ModelResult

Models = tuple[dict[str, bytes], dict[str, "ModelResult"]]  # file name → bytes, operation → facts
_ENGINE = "gio_codegen.generate.engine"
_REMEMBERED = 3  # the worker's exit status when the memo has the models: nothing to build


class ModelsWorker:
    def __init__(self, pid: int, read: int) -> None:
        self._pid = pid
        self._read = read
        self._status: int | None = None  # exit status, once reaped

    @classmethod
    def start(cls, config_path: Path | None) -> ModelsWorker | None:
        if not hasattr(os, "fork") or threading.active_count() != 1 or _ENGINE in sys.modules:
            return None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
            code = 1
            try:
                os.close(read)
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: go quietly, the parent reports
                quiet = os.open(os.devnull, os.O_WRONLY)  # whatever goes wrong here, the parent reports it
                os.dup2(quiet, 1)
                os.dup2(quiet, 2)
                data = _models_for(config_path)
                if data is None:
                    code = _REMEMBERED
                else:
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(data)
                    code = 0
            finally:
                os._exit(code)
        os.close(write)
        return cls(pid, read)

    def busy(self) -> bool:
        """Still building (False once it has finished, failed, or found the models remembered)."""
        if self._status is not None:
            return False
        pid, status = os.waitpid(self._pid, os.WNOHANG)
        if pid == 0:
            return True
        self._reaped(status)
        return False

    def result(self, key: str) -> Models | None:
        """The worker's models if they were built for `key`; None (use the engine here) otherwise."""
        data = b""
        if self._read >= 0:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            self._read = -1
        if self._status is None:
            self._reaped(os.waitpid(self._pid, 0)[1])
        if self._status != 0:
            return None
        try:
            sent_key, models = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a broken answer is no answer
            return None
        return models if sent_key == key else None

    def cancel(self) -> None:
        """Stop the worker if it still runs (its answer is not needed); safe to call again."""
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
        if self._status is None:
            os.kill(self._pid, signal.SIGKILL)
            self._reaped(os.waitpid(self._pid, 0)[1])

    def _reaped(self, status: int) -> None:
        self._status = os.waitstatus_to_exitcode(status)


def _models_for(config_path: Path | None) -> bytes | None:  # pragma: no cover - runs in the child
    """The pickled (memo key, models); None when the models memo has them already."""
    import gc
    import tempfile

    gc.disable()
    from gio_codegen.generate import models
    from gio_codegen.load import cache
    from gio_codegen.load.config import load_config
    from gio_codegen.pipeline import load_context, state_dir

    cache.writes_enabled = False  # the parent writes what it loads; two writers would only race
    config = load_config(config_path)
    context = load_context(config)
    operations = [op for _file, op in context.operations]
    fragments = [f for file in context.files for f in file.fragments]
    exports = models.model_exports(config)
    key = models.memo_key(context.schema_key, operations, fragments, config.package, exports)
    if models.remembered_models(state_dir(config), key) is not None:
        return None  # a comment or layout edit: not even ariadne-codegen's import is needed
    from gio_codegen.generate.engine import run_engine

    with tempfile.TemporaryDirectory(prefix="gio-codegen-models-") as temp:
        results = run_engine(
            context.schema, operations, fragments, schema_path=config.schema, target=Path(temp), package=config.package,
            exports=exports, type_names=context.schema_facts.type_names,
        )
        package_dir = Path(temp) / config.package
        files = {path.name: path.read_bytes() for path in sorted(package_dir.iterdir()) if path.is_file()}
    value: tuple[str, Any] = (key, (files, results))
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
