"""A cache of the built, validated schema (and other pure results) in `.gio-codegen/`.

Parsing, SDL-validating, building and validating GitHub's 1.2 MB schema is most of a
run; unpickling the result is a fraction of that. Entries are keyed by `fingerprint.derive_key`
(the toolchain plus what the value depends on). A different key is a miss; so is an
unreadable or truncated entry, which is then removed. Only schemas that passed validation
are ever stored, so a hit means "valid" too.

Concurrent runs are safe without the project lock: each writer pickles into its own
temporary file and `os.replace`s it into place (atomic on POSIX and Windows), so a
reader sees a whole entry or none. Stale entries of the same kind are removed after a
write, best effort.

Pickling a schema recurses as deep as its type graph; that happens on a worker thread
with a large stack (unpickling is iterative and needs no such care). Token links are
dropped from AST locations (graphql-core does that too); the offsets and the `Source`
that every diagnostic needs are kept.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import sys
import threading
from pathlib import Path
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from gio_codegen.fs import atomic_write

PREFIX = "schema-"  # the built schema's entries
SUFFIX = ".pickle"
_STACK_SIZE = 512 * 1024 * 1024
_RECURSION_LIMIT = 200_000


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


def seen_before(state_dir: Path, key: str, kind: str = "schema") -> bool:
    """True if a run has built this entry's value before (then it is worth storing); else
    remember that this one has. A marker file per kind: the newest key only."""
    marker = state_dir / f"{kind}-seen"
    try:
        if marker.read_text(encoding="ascii").strip() == key:
            return True
    except (OSError, UnicodeDecodeError):
        pass
    try:
        atomic_write(marker, key.encode("ascii"))
    except OSError:
        pass
    return False


def store(state_dir: Path, key: str, value: Any, kind: str = "schema") -> bool:
    """Write the entry atomically; False (and no entry) if it cannot be pickled or written."""
    data = dumps(value)
    if data is None:
        return False
    try:
        atomic_write(entry_path(state_dir, key, kind), data)
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
    loc.start_token = loc.end_token = None  # type: ignore[assignment]
    return loc


def _reduce_location(loc: Any) -> tuple[Any, tuple[Any, ...]]:
    return _location, (loc.start, loc.end, loc.source)


def _node(cls: type[Any], values: tuple[Any, ...]) -> Any:
    node = object.__new__(cls)
    for key, value in zip(cls.keys, values):
        object.__setattr__(node, key, value)
    return node


def _node_reducer(cls: type[Any]) -> Callable[[Any], tuple[Any, tuple[Any, ...]]]:
    """The attributes only: no cached `_hash`, and no `Node.__setattr__` per attribute on load.
    One `attrgetter` per class reads them in one C call (pickling GitHub's schema: ~2× faster
    than a generator over `node.keys`)."""
    keys = tuple(cls.keys)
    if not keys:
        return lambda node: (_node, (cls, ()))
    if len(keys) == 1:
        single = attrgetter(keys[0])
        return lambda node: (_node, (cls, (single(node),)))
    getter = attrgetter(*keys)
    return lambda node: (_node, (cls, getter(node)))


def _node_classes() -> list[type[Any]]:
    from graphql.language.ast import Node

    classes: list[type[Any]] = []
    pending: list[type[Any]] = [Node]
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
    table.update({cls: _node_reducer(cls) for cls in _node_classes()})

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
