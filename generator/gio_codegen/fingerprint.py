"""The one fingerprint: a hash of everything that affects the output (standard library only).

    fingerprint = H(toolchain, inputs)
    toolchain   = H(gio-codegen's version, code and templates; the versions of graphql-core,
                    ariadne-codegen and ruff; Python's version)
    inputs      = {"[tool.gio-codegen]": H(the config section, scalars included),
                   "<schema path>": H(bytes), "<each operation file>": H(bytes)}

The no-op test (`fastpath.py` and `commands/generate.py`), the manifest's `inputs` and every
cache key in `.gio-codegen/` (`derive_key`) are computed here and nowhere else, so no two of
them can disagree about what counts. It imports nothing heavy: the no-op path runs it
before click, jinja2 or graphql-core are loaded.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: see fastpath.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

try:  # OpenSSL's sha256 without the rest of hashlib's start-up (same digests)
    from _hashlib import openssl_sha256 as _sha256
except ImportError:  # pragma: no cover
    from hashlib import sha256 as _sha256

STATE_DIR = ".gio-codegen"  # the tool's own state, beside the config file; never committed
CONFIG_INPUT = "[tool.gio-codegen]"
MANIFEST_NAME = ".gio-codegen.json"  # written into the output (write/manifest.py)
# Distributions whose version changes what is generated.
TOOLS = ("graphql_core", "ariadne_codegen", "ruff")
# Caches that tools drop into the output; never part of it.
IGNORED_NAMES = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist"})


def sha256(data: bytes) -> str:
    return _sha256(data).hexdigest()


def is_ignored(parts: Iterable[str]) -> bool:
    return any(part in IGNORED_NAMES or part.endswith(".egg-info") for part in parts)


def walk(root: str, keep: Callable[[tuple[str, ...]], bool]) -> list[tuple[str, ...]]:
    """Relative paths (parts tuples, sorted like `sorted(Path.rglob(...))`) of the files kept.
    Symlinked directories are not entered, as with `Path.rglob`."""
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while pending:
        directory, parts = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                rel = (*parts, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append((entry.path, rel))
                elif entry.is_file(follow_symlinks=True) and keep(rel):
                    found.append(rel)
    return sorted(found)


_toolchain: str | None = None


def toolchain() -> str:
    """Hash of the generator's code and templates and of every tool version that shapes output."""
    global _toolchain
    if _toolchain is None:
        from gio_codegen import __version__

        root = os.path.dirname(os.path.realpath(__file__))
        digest = _sha256(f"{__version__}\0{sys.version}\0{tool_versions()}".encode())
        for rel in walk(root, lambda rel: rel[-1].endswith((".py", ".jinja"))):
            digest.update("/".join(rel).encode())
            with open(os.path.join(root, *rel), "rb") as handle:
                digest.update(handle.read())
        _toolchain = digest.hexdigest()
    return _toolchain


def tool_versions() -> dict[str, str]:
    """`{distribution: version}` from the installed `*.dist-info` names, without importing
    `importlib.metadata` (~15 ms, a third of a no-op run)."""
    versions = dict.fromkeys(TOOLS, "missing")
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                if project.lower() in versions and versions[project.lower()] == "missing":
                    versions[project.lower()] = version
    return versions


def config_digest(section: dict[str, object]) -> str:
    """The `[tool.gio-codegen]` section, independent of key order."""
    return sha256(_canonical(section).encode("utf-8", "surrogatepass"))


def _canonical(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{key!r}:{_canonical(value[key])}" for key in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    return f"{type(value).__name__}:{value!r}"


def project_fingerprint(inputs: dict[str, str]) -> str:
    """Equal fingerprints mean equal output (`inputs`: name → digest, as in the manifest)."""
    digest = _sha256(toolchain().encode())
    for name, value in sorted(inputs.items()):
        digest.update(f"{name}\0{value}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def derive_key(kind: str, *parts: str) -> str:
    """A `.gio-codegen/` cache key: the toolchain plus what the cached value depends on."""
    digest = _sha256(f"{toolchain()}\0{kind}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]
