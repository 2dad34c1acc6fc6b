"""`gio-codegen generate` with nothing to do, answered before click, jinja2 or graphql-core load.

The answer is the slow path's own no-op test, with the same functions (fingerprint.py):

1. the project fingerprint over the config section, the schema and every operation file
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

from gio_codegen.fingerprint import CONFIG_INPUT, MANIFEST_NAME, STATE_DIR, is_ignored, project_fingerprint, sha256, walk
from gio_codegen.fs import find_config, read_regular

# Not `typing.TYPE_CHECKING`: importing typing costs a no-op run ~5 ms. Type checkers read it all the same.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from gio_codegen.load.config import Config

STAMP = "fast-path"
_STAMP_VERSION = "2"


def _loads_json(text: str) -> object:
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

    value, end = _json.make_scanner(Context())(text, 0)  # type: ignore[arg-type]
    if text[end:].strip():
        raise ValueError("trailing data")
    return value


def write_stamp(config: Config, config_bytes: bytes) -> None:
    """Remember how this pyproject.toml parses: `config` must come from exactly `config_bytes`."""
    from gio_codegen.fingerprint import config_digest
    from gio_codegen.fs import atomic_write

    lines = [
        _STAMP_VERSION,
        sha256(config_bytes),
        str(config.root.resolve()),
        config.rel(config.schema),
        config.rel(config.queries),
        config.rel(config.output),
        config_digest(config.raw),
    ]
    if any("\n" in line for line in lines):
        return
    text = "\n".join(lines) + "\n"
    path = config.root / STATE_DIR / STAMP
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError:
        pass


def is_noop(config_file: str) -> str | None:
    """The output directory as shown to the user if `generate` has nothing to do, else None."""
    root = os.path.dirname(os.path.abspath(config_file))
    state = os.path.join(root, STATE_DIR)
    try:
        stamp = read_regular(os.path.join(state, STAMP)).decode("utf-8").split("\n")
        last = read_regular(os.path.join(state, "last-generate")).decode("utf-8").strip()
    except OSError:
        return None
    if len(stamp) < 7 or stamp[0] != _STAMP_VERSION or stamp[1] != sha256(read_regular(config_file)):
        return None
    _version, _key, stamped_root, schema, queries, output, section = stamp[:7]
    if stamped_root != os.path.realpath(root):
        return None
    hashes = {CONFIG_INPUT: section}
    hashes[schema] = sha256(read_regular(os.path.join(root, schema)))
    queries_path = os.path.join(root, queries)
    if os.path.isfile(queries_path):
        query_files = [queries]
    elif os.path.isdir(queries_path):
        query_files = [
            "/".join((queries, *rel)) if queries != "." else "/".join(rel)
            for rel in walk(queries_path, lambda rel: rel[-1].endswith(".graphql"))
        ]
    else:
        return None
    for name in query_files:
        hashes[name] = sha256(read_regular(os.path.join(root, name)))
    if project_fingerprint(hashes) != last:
        return None
    output_path = os.path.join(root, output)
    parent, name = os.path.split(os.path.normpath(output_path))
    if os.path.exists(os.path.join(parent, f".{name}.gio-codegen-old")):
        return None  # an interrupted swap: the normal path recovers it
    manifest = _loads_json(read_regular(os.path.join(output_path, MANIFEST_NAME)).decode("utf-8"))
    files: dict[str, str] = manifest["files"]  # type: ignore[index]
    on_disk = {"/".join(rel) for rel in walk(output_path, lambda rel: not is_ignored(rel))}
    if on_disk != set(files) | {MANIFEST_NAME}:
        return None
    for rel, digest in files.items():
        if sha256(read_regular(os.path.join(output_path, rel))) != digest:
            return None
    return output


def main() -> None:
    """Exit 0 with the usual message when `gio-codegen generate` is a no-op; else return."""
    import time

    started = time.perf_counter()
    try:
        config_file = find_config(os.getcwd())
        shown = is_noop(config_file) if config_file else None
    except Exception:  # noqa: BLE001 - any doubt: let the normal path decide (and report)
        return
    if shown is None:
        return
    sys.stdout.write(f"{shown}/ is up to date ({time.perf_counter() - started:.2f}s)\n")
    sys.stdout.flush()
    sys.exit(0)
