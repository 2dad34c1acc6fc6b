"""The pydantic models for every operation: by ariadne-codegen (engine.py), or remembered.

ariadne-codegen's output is a function of its inputs only: the schema (its cache key covers
the text and the toolchain, ariadne-codegen's version included), the operations and fragments
as parsed (not as written: comments and layout do not reach the models), the package name
and the exports. So with a state directory the files it wrote and what the clients need
to know about them are kept in `.gio-codegen/models-<key>.pickle`, and a run whose inputs
match (after an edit to comments or layout, a config change that does not touch models, every
`check` after a `generate`) neither imports ariadne-codegen and pydantic (~60 ms) nor runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphql import FragmentDefinitionNode, GraphQLSchema, Node, OperationDefinitionNode

from gio_codegen.fingerprint import derive_key, sha256
from gio_codegen.generate.model_result import ModelResult

if TYPE_CHECKING:
    from gio_codegen.load.config import Config

_KIND = "models"
Remembered = tuple[dict[str, bytes], dict[str, ModelResult]]


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
) -> dict[str, ModelResult]:
    """Write the models package into `target/package`; return per-operation facts."""
    key = memo_key(schema_key, operations, fragments, package, exports) if state_dir and schema_key else None
    package_dir = target / package
    remembered = remembered_models(state_dir, key) if state_dir and key else None
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
    if state_dir is not None and key is not None:
        from gio_codegen.load import cache

        files = {path.name: path.read_bytes() for path in sorted(package_dir.iterdir()) if path.is_file()}
        cache.store(state_dir, key, (files, results), _KIND)
    return results


def model_exports(config: Config, job_shaped: bool = False) -> dict[str, list[str]]:
    """What the package `__init__` re-exports besides the models (its eager part is ariadne-codegen's);
    the job exceptions only for job-shaped operations (jobs.has_job_operations)."""
    error_base = f"{config.client_name}Error"
    job_errors = ["DownloadError", "JobFailed", "JobTimeout"] if job_shaped else []
    errors = [error_base, "AuthError", "GraphQLErrorDetail", "GraphQLResponseError", "HTTPError", "InvalidArgument",
              "InvalidResponseError", "TransportError", *job_errors]
    return {
        "client": [config.client_name],
        "async_client": [config.async_client_name],
        "transport": ["RetryPolicy"],
        "observability": ["RequestEvent", "ResponseEvent"],
        "exceptions": sorted(errors),
    }


def remembered_models(state_dir: Path, key: str) -> Remembered | None:
    from gio_codegen.load import cache

    stored = cache.load(state_dir, key, _KIND)
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict) and isinstance(stored[1], dict):
        return stored
    return None


def memo_key(
    schema_key: str, operations: list[OperationDefinitionNode], fragments: list[FragmentDefinitionNode], package: str,
    exports: dict[str, list[str]],
) -> str:
    shapes = "\0".join("\x1f".join(_shape(definition)) for definition in [*operations, *fragments])
    return derive_key(_KIND, schema_key, package, repr(sorted(exports.items())), sha256(shapes.encode("utf-8", "surrogatepass")))


def _shape(node: Node) -> list[str]:
    """The definition as parsed, without locations: comments and layout leave it unchanged."""
    out: list[str] = []
    pending: list[Any] = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, Node):
            out.append(item.kind)
            pending.extend(_fields_of(type(item))(item))  # type: ignore[arg-type]
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
