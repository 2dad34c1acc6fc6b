"""A cache of the built, validated schema in `.gio-codegen/`, so a queries-only change skips it.

Parsing, SDL-validating, building and validating GitHub's 1.2 MB schema is most of a
run; unpickling the result is a fraction of that. The entry is keyed by everything
the built schema depends on: the schema's text and shown name, the generator's own
code (`generator_fingerprint`, which covers its version), graphql-core's version and
the Python version (pickle format). A different key is a miss; so is an unreadable
or truncated entry, which is then removed. Only schemas that passed validation are
ever stored, so a hit means "valid" too.

Concurrent runs are safe without the project lock: each writer pickles into its own
temporary file and `os.replace`s it into place (atomic on POSIX and Windows), so a
reader sees a whole entry or none. Stale entries (other keys) are removed after a
write, best effort.

Writing an entry costs about a quarter of a cold run on a big schema, so where it is
safe (POSIX, a single-threaded process) a forked child writes it while the parent goes
on generating; `wait_pending` (called when the output is rendered, and at exit) reaps
it, so when a command returns the entry is on disk or was not written at all.

Pickling a schema recurses as deep as its type graph; that happens on a worker thread
with a large stack (unpickling is iterative and needs no such care). Token links are
dropped from AST locations (graphql-core does that too); the offsets and the `Source`
that every diagnostic needs are kept.
"""

from __future__ import annotations

import atexit
import copyreg
import hashlib
import io
import os
import pickle
import sys
import tempfile
import threading
from pathlib import Path
from collections.abc import Callable
from typing import Any

PREFIX = "schema-"  # the built schema's entries; the index's (schema_index.py) are "index-…"
SUFFIX = ".pickle"
_STACK_SIZE = 512 * 1024 * 1024
_RECURSION_LIMIT = 200_000


def cache_key(schema_text: str, shown_name: str) -> str:
    from graphql import version as graphql_version

    from gio_codegen.write.manifest import generator_fingerprint

    digest = hashlib.sha256()
    for part in (
        generator_fingerprint(),
        graphql_version,
        sys.version,
        str(pickle.HIGHEST_PROTOCOL),
        shown_name,
    ):
        digest.update(part.encode() + b"\0")
    digest.update(schema_text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def entry_path(state_dir: Path, key: str, kind: str = "schema") -> Path:
    return state_dir / f"{kind}-{key}{SUFFIX}"


def load(state_dir: Path, key: str, kind: str = "schema") -> Any | None:
    """The cached object for `key`, or None (missing, or unreadable: then it is removed)."""
    path = entry_path(state_dir, key, kind)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - any broken entry is a miss, never a crash
        _unlink(path)
        return None


_pending: list[int] = []
# Off in a process that only reads (generate/models_worker.py): its parent writes the same entries.
writes_enabled = True


def store_in_background(state_dir: Path, entries: Callable[[], dict[str, tuple[str, Any]]], *, small: bool = False) -> None:
    """`store` each entry (kind → (key, value), computed by `entries`) in a forked child when
    that is safe, else right here. `small`: pickling takes a few milliseconds, less than what a
    fork costs the parent afterwards (copy-on-write faults as it goes on touching its heap)."""
    if not writes_enabled:
        return
    if small or not hasattr(os, "fork") or threading.active_count() != 1 or os.environ.get("GIO_CODEGEN_CACHE_SYNC"):
        _store_all(state_dir, entries)
        return
    if not _pending:
        atexit.register(wait_pending)
    try:
        pid = os.fork()
    except OSError:
        _store_all(state_dir, entries)
        return
    if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
        code = 1
        try:
            code = 0 if _store_all(state_dir, entries) else 1
        finally:
            os._exit(code)
    _pending.append(pid)


def _store_all(state_dir: Path, entries: Callable[[], dict[str, tuple[str, Any]]]) -> bool:
    return all([store(state_dir, key, value, kind) for kind, (key, value) in entries().items()])


def wait_pending() -> None:
    """Reap background writers (their entry is then in place, or was never written)."""
    while _pending:
        pid = _pending.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def store(state_dir: Path, key: str, value: Any, kind: str = "schema") -> bool:
    """Write the entry atomically; False (and no entry) if it cannot be pickled or written."""
    if not writes_enabled:
        return False
    data = dumps(value)
    if data is None:
        return False
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=state_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, entry_path(state_dir, key, kind))
        except BaseException:
            _unlink(Path(temp))
            raise
    except OSError:
        return False
    for other in state_dir.glob(f"{kind}-*{SUFFIX}"):
        if other.name != entry_path(state_dir, key, kind).name:
            _unlink(other)
    return True


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _location(start: int, end: int, source: Any) -> Any:
    from graphql.language.ast import Location

    loc = Location.__new__(Location)
    loc.start, loc.end, loc.source = start, end, source
    loc.start_token = loc.end_token = None
    return loc


def _reduce_location(loc: Any) -> tuple[Any, tuple[Any, ...]]:
    return _location, (loc.start, loc.end, loc.source)


def _node(cls: type, values: tuple[Any, ...]) -> Any:
    node = cls.__new__(cls)
    for key, value in zip(cls.keys, values):  # type: ignore[attr-defined]
        object.__setattr__(node, key, value)
    return node


def _reduce_node(node: Any) -> tuple[Any, tuple[Any, ...]]:
    # The attributes only: no cached `_hash`, and no `Node.__setattr__` per attribute on load.
    return _node, (type(node), tuple(getattr(node, key) for key in node.keys))


def _node_classes() -> list[type]:
    from graphql.language.ast import Node

    classes, pending = [], [Node]
    while pending:
        cls = pending.pop()
        classes.append(cls)
        pending.extend(cls.__subclasses__())
    return classes


def dumps(value: Any) -> bytes | None:
    """Pickled as the cache stores it (schemas, AST nodes); None if it cannot be."""
    from graphql.language.ast import Location

    result: list[bytes] = []
    table = {**copyreg.dispatch_table, Location: _reduce_location}
    table.update({cls: _reduce_node for cls in _node_classes()})

    def work() -> None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = table
        try:
            pickler.dump(value)
        except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return
        result.append(buffer.getvalue())

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size()
    try:
        threading.stack_size(_STACK_SIZE)
        sys.setrecursionlimit(max(old_limit, _RECURSION_LIMIT))
        thread = threading.Thread(target=work, name="gio-codegen-cache")
        thread.start()
        thread.join()
    except (RuntimeError, ValueError):  # no threads or no big stacks here: no cache
        return None
    finally:
        sys.setrecursionlimit(old_limit)
        threading.stack_size(old_stack)
    return result[0] if result else None
