"""`generated/.gio-codegen.json`: what produced the tree, so unchanged inputs mean no work.

Its `inputs` are the fingerprint's input digests (fingerprint.py); the toolchain part is kept
out of the committed file (it names the Python build) and in `.gio-codegen/last-generate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from gio_codegen import __version__
from gio_codegen.fingerprint import MANIFEST_NAME, sha256
from gio_codegen.fs import atomic_write



@dataclass(frozen=True)
class Manifest:
    """Committed with the output: only what determines it, so it is identical on every machine."""

    inputs: dict[str, str]
    files: dict[str, str]
    client_version: str

    def to_bytes(self) -> bytes:
        payload = {
            "generator": f"gio-codegen {__version__}",
            "client_version": self.client_version,
            "inputs": dict(sorted(self.inputs.items())),
            "files": dict(sorted(self.files.items())),
        }
        return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(output: Path) -> Manifest | None:
    try:
        payload = json.loads((output / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Manifest(
            inputs=dict(payload["inputs"]),
            files=dict(payload["files"]),
            client_version=str(payload["client_version"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def tree_matches(output: Path, manifest: Manifest) -> bool:
    """Exactly the recorded files are on disk, with their recorded hashes (hand edits are noticed)."""
    from gio_codegen.write.tree import is_ignored

    on_disk = {
        p.relative_to(output).as_posix()
        for p in output.rglob("*")
        if p.is_file() and not is_ignored(p.relative_to(output))
    }
    if on_disk != set(manifest.files) | {MANIFEST_NAME}:
        return False
    for name, digest in manifest.files.items():
        try:
            if sha256((output / name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def last_run_fingerprint(state_dir: Path) -> str | None:
    """The fingerprint of the last successful `generate`, kept outside the output (not committed)."""
    try:
        return (state_dir / "last-generate").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def record_run(state_dir: Path, fingerprint: str) -> None:
    atomic_write(state_dir / "last-generate", (fingerprint + "\n").encode())
