"""The pydantic models for every operation: by ariadne-codegen (engine.py), or remembered.

ariadne-codegen's output is a function of its inputs only: the schema (its cache key covers
the text, our code and graphql-core's version), the operations and fragments as parsed (not as
written: comments and layout do not reach the models), the package name, the exports and the
engine's own version. So with a state directory the files it wrote and what the clients need
to know about them are kept in `.gio-codegen/models-<key>.pickle`, and a run whose inputs
match (after an edit to comments or layout, a config change that does not touch models, every
`check` after a `generate`) neither imports ariadne-codegen and pydantic (~60 ms) nor runs it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphql import FragmentDefinitionNode, GraphQLSchema, Node, OperationDefinitionNode

from gio_codegen.naming import pascal_case

if TYPE_CHECKING:
    from gio_codegen.generate.models_worker import ModelsWorker
    from gio_codegen.load.config import Config

SCALARS_MODULE = "scalars"
COMPAT_MODULE = "forward_compat"
_KIND = "models"


@dataclass(frozen=True)
class ModelResult:
    """Where an operation's models live and how its client method returns them."""

    module: str
    result_class: str
    # Set when the operation selects one root field: the method returns that field.
    root_attribute: str | None
    return_annotation: str
    # import path (".tags_query", "typing") -> names the client imports to spell `return_annotation`.
    imports: dict[str, list[str]]


def result_class_name(operation: OperationDefinitionNode) -> str:
    """`Tags` → `TagsQuery`: operation results never collide with a fragment named after a type."""
    name = pascal_case(operation.name.value if operation.name else "Anonymous")
    suffix = pascal_case(operation.operation.value)
    return name if name.endswith(suffix) else name + suffix


def generate_models(
    schema: GraphQLSchema,
    operations: list[OperationDefinitionNode],
    fragments: list[FragmentDefinitionNode],
    *,
    schema_path: Path,
    target: Path,
    package: str,
    exports: dict[str, list[str]],
    type_names: frozenset[str] | None = None,
    state_dir: Path | None = None,
    schema_key: str | None = None,
    worker: ModelsWorker | None = None,
) -> dict[str, ModelResult]:
    """Write the models package into `target/package`; return per-operation facts."""
    key = None
    if state_dir and schema_key:  # the worker has computed it from the same project already
        key = worker.key if worker is not None and worker.key else memo_key(schema_key, operations, fragments, package, exports)
    package_dir = target / package
    remembered = remembered_models(state_dir, key) if state_dir and key else None
    if remembered is None and worker is not None and key is not None:
        # ariadne-codegen's output all the same, built on the other core (which remembers it too)
        remembered = worker.result(key)
    elif worker is not None:
        worker.cancel()
    if remembered is not None:
        files, results = remembered
        package_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (package_dir / name).write_bytes(data)
        return results
    from gio_codegen.generate.engine import run_engine

    results = run_engine(
        schema, operations, fragments, schema_path=schema_path, target=target, package=package, exports=exports,
        type_names=type_names,
    )
    if key is not None:
        files = {path.name: path.read_bytes() for path in sorted(package_dir.iterdir()) if path.is_file()}
        remember_models(state_dir, key, files, results)  # type: ignore[arg-type]
    return results


def model_exports(config: Config) -> dict[str, list[str]]:
    """What the package `__init__` re-exports besides the models (its eager part is ariadne-codegen's)."""
    error_base = f"{config.client_name}Error"
    return {
        "client": [config.client_name],
        "async_client": [config.async_client_name],
        "transport": ["RetryPolicy"],
        "exceptions": [
            error_base, "AuthError", "DownloadError", "GraphQLErrorDetail", "GraphQLResponseError", "HTTPError",
            "InvalidResponseError", "JobFailed", "JobTimeout", "TransportError",
        ],
    }


def remember_models(state_dir: Path, key: str, files: dict[str, bytes], results: dict[str, ModelResult]) -> None:
    from gio_codegen.load import cache

    cache.store_in_background(state_dir, lambda: {_KIND: (key, (files, results))}, small=True)


def is_remembered(state_dir: Path, key: str) -> bool:
    from gio_codegen.load import cache

    return cache.entry_path(state_dir, key, _KIND).exists()


def remembered_models(state_dir: Path, key: str) -> tuple[dict[str, bytes], dict[str, ModelResult]] | None:
    from gio_codegen.load import cache

    stored = cache.load(state_dir, key, _KIND)
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict) and isinstance(stored[1], dict):
        return stored  # type: ignore[return-value]
    return None


def memo_key(
    schema_key: str, operations: list[OperationDefinitionNode], fragments: list[FragmentDefinitionNode], package: str,
    exports: dict[str, list[str]],
) -> str:
    digest = hashlib.sha256(f"{schema_key}\0{_engine_identity()}\0{package}\0{sorted(exports.items())}".encode())
    for definition in [*operations, *fragments]:
        digest.update(b"\0")
        digest.update("\x1f".join(_shape(definition)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _engine_identity() -> str:
    """Changes when ariadne-codegen is upgraded, without importing it."""
    spec = importlib.util.find_spec("ariadne_codegen")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stat = os.stat(origin)
        return f"{origin}\0{stat.st_size}\0{stat.st_mtime_ns}"
    except OSError:
        return origin


def _shape(node: Node) -> list[str]:
    """The definition as parsed, without locations: comments and layout leave it unchanged."""
    out: list[str] = []
    pending: list[Any] = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, Node):
            out.append(item.kind)
            pending.extend(_fields_of(type(item))(item))
        elif isinstance(item, (tuple, list)):
            out.append(f"[{len(item)}")
            pending.extend(reversed(item))
        else:
            out.append(repr(item))
    return out


@cache
def _fields_of(node_class: type) -> Callable[[Node], tuple[Any, ...]]:
    """A node's values but `loc`, last field first (popped first-field-first), in one C call."""
    keys = [key for key in reversed(node_class.keys) if key != "loc"]  # type: ignore[attr-defined]
    if len(keys) == 1:
        getter = attrgetter(keys[0])
        return lambda node: (getter(node),)
    return attrgetter(*keys) if keys else (lambda node: ())
