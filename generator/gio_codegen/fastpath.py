"""`gio-codegen generate` with nothing to do, answered before click, jinja2 or graphql-core load.

The answer is the slow path's own no-op test, computed with fewer imports:

1. the input fingerprint (`write/manifest.input_fingerprint` over the config section,
   the schema and every operation file, and the generator's own code and templates)
   equals `.gio-codegen/last-generate`, and
2. the output tree holds exactly the files of `generated/.gio-codegen.json`, each with
   its recorded sha256 (a hand-edited, added or removed file is noticed).

Both are recomputed from the bytes on disk on every call; the one thing remembered is
how `[tool.gio-codegen]` parses (`.gio-codegen/fast-path`, keyed by the hash of the
whole pyproject.toml), because importing tomllib and the config module costs more
than a bare interpreter start. Any doubt (no stamp, an interrupted swap, an unreadable
file, any exception) means "not a no-op here": the normal command runs and decides.
"""

from __future__ import annotations

import os
import sys

STATE_DIR = ".gio-codegen"
STAMP = "fast-path"
_STAMP_VERSION = "1"
_IGNORED = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist"})


try:  # OpenSSL's sha256 without the rest of hashlib's start-up (same digests)
    from _hashlib import openssl_sha256 as sha256
except ImportError:  # pragma: no cover
    from hashlib import sha256


def _sha256(data: bytes) -> str:
    return sha256(data).hexdigest()


def _loads_json(text: str):  # type: ignore[no-untyped-def]
    """`json.loads` for our own manifest, by the C scanner `json` itself uses (no `re` import)."""
    try:
        import _json
    except ImportError:  # pragma: no cover
        import json

        return json.loads(text)

    class Context:
        strict = True
        object_hook = None
        object_pairs_hook = None
        parse_float = float
        parse_int = int
        parse_constant = None

    value, end = _json.make_scanner(Context())(text, 0)
    if text[end:].strip():
        raise ValueError("trailing data")
    return value


def _read(path: str) -> bytes:
    from gio_codegen.regular_files import read_regular

    return read_regular(path)


def _find_config(start: str) -> str | None:
    directory = start
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _walk(root: str, keep) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Relative paths (as parts tuples, which sort like `sorted(Path.rglob(...))`) of files kept."""
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while pending:
        directory, parts = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                rel = (*parts, entry.name)
                if entry.is_dir(follow_symlinks=False):  # as Path.rglob: symlinked directories are not entered
                    if entry.name != "__pycache__":  # never kept (see `keep`); may hold many .pyc files
                        pending.append((entry.path, rel))
                elif entry.is_file(follow_symlinks=True) and keep(rel):
                    found.append(rel)
    return sorted(found)


def generator_fingerprint() -> str:
    """`write.manifest.generator_fingerprint`, computed the same way."""
    from gio_codegen import __version__

    root = os.path.dirname(os.path.realpath(__file__))
    digest = sha256(__version__.encode())
    keep = lambda rel: rel[-1].endswith((".py", ".jinja")) and "__pycache__" not in rel  # noqa: E731
    for rel in _walk(root, keep):
        digest.update("/".join(rel).encode())
        digest.update(_read(os.path.join(root, *rel)))
    return digest.hexdigest()


def _input_fingerprint(inputs: dict[str, str]) -> str:
    digest = sha256(generator_fingerprint().encode())
    for name, value in sorted(inputs.items()):
        digest.update(f"{name}\0{value}\0".encode())
    return digest.hexdigest()


def write_stamp(config, config_bytes: bytes) -> None:  # type: ignore[no-untyped-def]
    """Remember how this pyproject.toml parses: `config` must come from exactly `config_bytes`."""
    lines = [
        _STAMP_VERSION,
        _sha256(config_bytes),
        str(config.root.resolve()),
        config.rel(config.schema),
        config.rel(config.queries),
        config.rel(config.output),
        _sha256(repr(sorted(config.raw.items())).encode()),
    ]
    if any("\n" in line for line in lines):
        return
    text = "\n".join(lines) + "\n"
    state = config.root / STATE_DIR
    try:
        if (state / STAMP).read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    try:
        state.mkdir(parents=True, exist_ok=True)
        temp = state / f"{STAMP}.{os.getpid()}.tmp"
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, state / STAMP)
    except OSError:
        pass


def is_noop(config_file: str) -> str | None:
    """The output directory as shown to the user if `generate` has nothing to do, else None."""
    root = os.path.dirname(os.path.abspath(config_file))
    state = os.path.join(root, STATE_DIR)
    try:
        stamp = _read(os.path.join(state, STAMP)).decode("utf-8").split("\n")
        last = _read(os.path.join(state, "last-generate")).decode("utf-8").strip()
    except OSError:
        return None
    if len(stamp) < 7 or stamp[0] != _STAMP_VERSION or stamp[1] != _sha256(_read(config_file)):
        return None
    _version, _key, stamped_root, schema, queries, output, section = stamp[:7]
    if stamped_root != os.path.realpath(root):
        return None
    hashes = {"[tool.gio-codegen]": section}
    hashes[schema] = _sha256(_read(os.path.join(root, schema)))
    queries_path = os.path.join(root, queries)
    if os.path.isfile(queries_path):
        query_files = [queries]
    elif os.path.isdir(queries_path):
        query_files = [
            "/".join((queries, *rel)) if queries != "." else "/".join(rel)
            for rel in _walk(queries_path, lambda rel: rel[-1].endswith(".graphql"))
        ]
    else:
        return None
    for name in query_files:
        hashes[name] = _sha256(_read(os.path.join(root, name)))
    if _input_fingerprint(hashes) != last:
        return None
    output_path = os.path.join(root, output)
    parent, name = os.path.split(os.path.normpath(output_path))
    if os.path.exists(os.path.join(parent, f".{name}.gio-codegen-old")):
        return None  # an interrupted swap: the normal path recovers it
    manifest = _loads_json(_read(os.path.join(output_path, ".gio-codegen.json")).decode("utf-8"))
    files: dict[str, str] = manifest["files"]
    keep = lambda rel: not any(p in _IGNORED or p.endswith(".egg-info") for p in rel)  # noqa: E731
    on_disk = {"/".join(rel) for rel in _walk(output_path, keep)}
    if on_disk != set(files) | {".gio-codegen.json"}:
        return None
    for rel, digest in files.items():
        if _sha256(_read(os.path.join(output_path, rel))) != digest:
            return None
    return output


def main() -> None:
    """Exit 0 with the usual message when `gio-codegen generate` is a no-op; else return."""
    import time

    started = time.perf_counter()
    try:
        config_file = _find_config(os.getcwd())
        shown = is_noop(config_file) if config_file else None
    except Exception:  # noqa: BLE001 - any doubt: let the normal path decide (and report)
        return
    if shown is None:
        return
    sys.stdout.write(f"{shown}/ is up to date ({time.perf_counter() - started:.2f}s)\n")
    sys.stdout.flush()
    sys.exit(0)
