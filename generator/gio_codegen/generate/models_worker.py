"""ariadne-codegen on the second core.

Importing ariadne-codegen (and the pydantic it imports) costs ~60 ms and running it ~30 ms on
this repository, and the client templates need its results: in one process that is a chain
of load, import, run, render. So when `generate` has real work to do, it forks this worker:

- For a small schema (under `SEND_BELOW` bytes) before anything is loaded: the worker
  imports the engine while the parent loads, then is handed what the parent loaded (`send`):
  the documents pickled into a temporary file, the schema read from the cache entry the parent
  has just written. If that fails, the worker loads the inputs itself, read-only.
- For a big schema after loading: the worker inherits the loaded project, so GitHub's 1.2 MB
  schema is neither parsed twice nor pickled (~0.3 s each way); the engine's import then
  overlaps validation and rendering instead of loading.

The worker computes the models memo key (models.py: the schema, the operations and fragments
as parsed, the package and the engine); the parent takes its models only under the key of
what it loaded itself, and none is forked (or it is stopped) when the memo has them already.
A different key, a failed worker, or a memo hit, and the parent does what it does without
one, so a run's output never depends on the worker. It writes the models memo entry itself,
after answering.

Forking is only done where it is safe (POSIX, a single-threaded process) and useful (the
engine not imported here yet: once a run has imported it in this process, as a `watch` run
whose worker failed may have, the import this worker exists to overlap is paid).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gio_codegen.generate.models import ModelResult

Models = tuple[dict[str, bytes], dict[str, "ModelResult"]]  # file name → bytes, operation → facts
SEND_BELOW = 100_000  # schema file bytes; see the module docstring
_ENGINE = "gio_codegen.generate.engine"
_REMEMBERED = 3  # the worker's exit status when the memo has the models: nothing to build


class ModelsWorker:
    def __init__(self, pid: int, answer: int, handoff: tuple[int, int] | None, key: str | None = None) -> None:
        self._pid = pid
        # The models memo key of the project the parent loaded, once computed here (models.py uses it).
        self.key = key
        self._answer = answer  # read end: the worker's pickled (key, models)
        # (write end of the "inputs are ready" pipe, the unnamed file they are pickled into)
        self._handoff = handoff
        self._status: int | None = None  # exit status, once reaped
        self._answered = False

    @classmethod
    def start(cls, config: Any, context: Any = None) -> ModelsWorker | None:
        """Fork the worker for the project `config` (a `Config`), if that is safe and useful:
        before loading (`context` None) for a small schema, to be handed the project (`send`);
        after loading for a big one, inheriting the loaded `context` (a `ProjectContext`)."""
        if not hasattr(os, "fork") or threading.active_count() != 1 or _ENGINE in sys.modules:
            return None
        if context is None:
            try:
                if config.schema.stat().st_size >= SEND_BELOW:
                    return None
            except OSError:
                return None
            # What both processes need (graphql-core, the loading stages) is imported once, before
            # the fork, so the worker's CPU goes to ariadne-codegen: ~75 ms less CPU in all, which
            # is what counts when the machine is busy and the two processes share a core.
            import gio_codegen.generate.models
            import gio_codegen.load.operations
            import gio_codegen.load.schema
            import gio_codegen.validate.context  # noqa: F401
        key = None if context is None else _memo_key(context)
        if key is not None and _is_remembered(context, key):
            return None  # a comment or layout edit: the models are in the memo
        small = context is None
        read, write = os.pipe()
        ready_read, ready_write = os.pipe() if small else (-1, -1)
        inputs = _unnamed_file() if small else None
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write, ready_read, ready_write):
                if fd >= 0:
                    os.close(fd)
            if inputs is not None:
                os.close(inputs)
            return None
        if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
            code = 1
            try:
                os.close(read)
                if ready_write >= 0:
                    os.close(ready_write)
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: go quietly, the parent reports
                quiet = os.open(os.devnull, os.O_WRONLY)  # whatever goes wrong here, the parent reports it
                os.dup2(quiet, 1)
                os.dup2(quiet, 2)
                built = _models_for(config, (ready_read, inputs) if inputs is not None else None, context)
                if built is None:
                    code = _REMEMBERED
                else:
                    key, files, results = built
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(pickle.dumps((key, (files, results)), protocol=pickle.HIGHEST_PROTOCOL))
                    _remember(config, key, files, results)  # after answering: off the parent's way
                    code = 0
            finally:
                os._exit(code)
        os.close(write)
        if ready_read >= 0:
            os.close(ready_read)
        return cls(pid, read, (ready_write, inputs) if inputs is not None else None, key)

    def send(self, context: Any) -> None:
        """Hand the loaded project (a `ProjectContext`) to a worker that waits for it; without
        this (or if it cannot be pickled) the worker loads the inputs itself."""
        if self._handoff is None or self._handoff[0] < 0:
            return
        from gio_codegen.load import cache
        from gio_codegen.pipeline import state_dir

        self.key = _memo_key(context)
        if _is_remembered(context, self.key):
            self.cancel()  # a comment or layout edit: the models are in the memo
            return
        ready, inputs = self._handoff
        operations = [op for _file, op in context.operations]
        fragments = [f for file in context.files for f in file.fragments]
        config = context.config
        # The schema as the cache has it already (load/schema.py wrote it): not pickled twice.
        cached = context.schema_key and cache.entry_path(state_dir(config), context.schema_key).exists()
        schema = None if cached else context.schema
        data = cache.dumps((schema, operations, fragments, context.schema_facts.type_names, context.schema_key))
        if data is not None:
            os.pwrite(inputs, data, 0)
            os.write(ready, b"1")
        os.close(ready)  # closed without a byte: "load them yourself"
        self._handoff = (-1, inputs)

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
        """The worker's models if they were built for `key`; None (use the engine here) otherwise.
        The worker writes them to the models memo itself, after answering."""
        self.send_nothing()
        data = b""
        if self._answer >= 0:
            with os.fdopen(self._answer, "rb") as pipe:
                data = pipe.read()
            self._answer = -1
        self._cleanup()
        try:
            sent_key, models = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a broken or missing answer is no answer
            self.cancel()
            return None
        self._answered = True  # from here on it only writes the memo entry: let it finish
        return models if sent_key == key else None

    def send_nothing(self) -> None:
        if self._handoff is not None and self._handoff[0] >= 0:
            os.close(self._handoff[0])
            self._handoff = (-1, self._handoff[1])

    def cancel(self) -> None:
        """Stop the worker if it still runs (its answer is not needed); safe to call again."""
        if self._answer >= 0:
            os.close(self._answer)
            self._answer = -1
        self.send_nothing()
        if self._status is None:
            if not self._answered:
                os.kill(self._pid, signal.SIGKILL)
            self._reaped(os.waitpid(self._pid, 0)[1])
        self._cleanup()

    def _reaped(self, status: int) -> None:
        self._status = os.waitstatus_to_exitcode(status)

    def _cleanup(self) -> None:
        if self._handoff is not None:
            os.close(self._handoff[1])
            self._handoff = None


def _unnamed_file() -> int:
    """A descriptor of a temporary file without a name: nothing is left behind whoever is killed."""
    with tempfile.TemporaryFile() as handle:
        return os.dup(handle.fileno())


def _memo_key(context: Any) -> str:
    from gio_codegen.generate.models import memo_key, model_exports

    config = context.config
    operations = [op for _file, op in context.operations]
    fragments = [f for file in context.files for f in file.fragments]
    return memo_key(context.schema_key, operations, fragments, config.package, model_exports(config))


def _is_remembered(context: Any, key: str) -> bool:
    """Does the models memo hold this project's models already?"""
    from gio_codegen.generate.models import is_remembered
    from gio_codegen.pipeline import state_dir

    return is_remembered(state_dir(context.config), key)


def _models_for(  # pragma: no cover - the child
    config: Any, handoff: tuple[int, int] | None, inherited: Any
) -> tuple[str, dict[str, bytes], Any] | None:
    """(memo key, files, results); None when the models memo has them already."""
    import gc

    gc.disable()
    from gio_codegen.generate import models
    from gio_codegen.load import cache
    from gio_codegen.pipeline import state_dir

    cache.writes_enabled = False  # the parent writes what it loads; two writers would only race
    exports = models.model_exports(config)
    received = None
    if handoff is not None:
        from gio_codegen.generate.engine import run_engine  # noqa: F401 - imported while the parent loads

        received = _handed_over(*handoff, state_dir(config))
    if received is not None:
        schema, operations, fragments, type_names, schema_key = received
    else:
        from gio_codegen.pipeline import load_context

        context = inherited if inherited is not None else load_context(config)
        schema, schema_key, type_names = context.schema, context.schema_key, context.schema_facts.type_names
        operations = [op for _file, op in context.operations]
        fragments = [f for file in context.files for f in file.fragments]
    key = models.memo_key(schema_key, operations, fragments, config.package, exports)
    if models.remembered_models(state_dir(config), key) is not None:
        return None  # a comment or layout edit: not even ariadne-codegen's import is needed
    from gio_codegen.generate.engine import run_engine

    with tempfile.TemporaryDirectory(prefix="gio-codegen-models-") as temp:
        results = run_engine(
            schema, operations, fragments, schema_path=config.schema, target=Path(temp), package=config.package,
            exports=exports, type_names=type_names,
        )
        package_dir = Path(temp) / config.package
        files = {path.name: path.read_bytes() for path in sorted(package_dir.iterdir()) if path.is_file()}
    return key, files, results


def _remember(config: Any, key: str, files: dict[str, bytes], results: Any) -> None:  # pragma: no cover - the child
    from gio_codegen.generate.models import remember_models
    from gio_codegen.load import cache
    from gio_codegen.pipeline import state_dir

    cache.writes_enabled = True
    remember_models(state_dir(config), key, files, results)


def _handed_over(ready: int, inputs: int, state: Path) -> tuple[Any, ...] | None:  # pragma: no cover - the child
    """(schema, operations, fragments, type names, schema key) as the parent loaded them, or None."""
    from gio_codegen.load import cache

    if os.read(ready, 1) != b"1":
        return None
    schema, *rest = pickle.loads(os.pread(inputs, os.fstat(inputs).st_size, 0))
    if schema is None:  # in the cache entry the parent has just written (load/schema.py)
        stored = cache.load(state, rest[-1])
        if not (isinstance(stored, tuple) and len(stored) == 2):
            return None
        schema = stored[0]
    return (schema, *rest)
