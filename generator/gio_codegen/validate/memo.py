"""Validation results remembered per operation file, so a run re-validates only what changed.

Validating GitHub-sized operations is a tenth of a run; after an edit to one file, the
others would be validated again for nothing. The memo holds, for one schema, the keys of
the files that passed graphql-core's rules and each file's deprecation warnings. A file's
key covers everything its per-file validation sees: the schema's cache key (which covers
the generator's code and graphql-core's version), the file's name and text, and the file
and text of every fragment it reaches. Deprecation warnings are a function of the file
alone (each fragment's are reported in its own file), so they are keyed by the file only.

Stored with load/cache.py's atomic write in `.gio-codegen/validation-<schema key>.pickle`,
pruned to the current files; only after a run without errors.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from graphql import ExecutableDefinitionNode

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.load.operations import OperationFile

KIND = "validation"


@dataclass
class ValidationMemo:
    schema_key: str
    clean: set[str] = field(default_factory=set)
    deprecated: dict[str, list[Diagnostic]] = field(default_factory=dict)
    changed: bool = False
    # This run's files: file key → text key (what `save_memo` keeps).
    current: dict[str, str] = field(default_factory=dict)

    def file_key(self, file: OperationFile, reached: list[ExecutableDefinitionNode]) -> str:
        text_key = self.text_key(file)
        digest = hashlib.sha256(text_key.encode())
        for definition in reached:
            loc = definition.loc
            if loc is not None:
                digest.update(f"\0{loc.source.name}\0".encode())
                digest.update(loc.source.body[loc.start : loc.end].encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        self.current[key] = text_key
        return key

    def text_key(self, file: OperationFile) -> str:
        digest = hashlib.sha256(f"{self.schema_key}\0{file.name}\0".encode())
        digest.update(file.source.body.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def mark_clean(self, keys: list[str]) -> None:
        self.clean.update(keys)
        self.changed = True

    def remember_deprecated(self, key: str, diagnostics: list[Diagnostic]) -> None:
        self.deprecated[key] = diagnostics
        self.changed = True


def load_memo(state_dir: Path, schema_key: str) -> ValidationMemo:
    from gio_codegen.load import cache

    stored = cache.load(state_dir, schema_key, KIND)
    if isinstance(stored, ValidationMemo) and stored.schema_key == schema_key:
        stored.changed = False
        return stored
    return ValidationMemo(schema_key)


def save_memo(state_dir: Path, memo: ValidationMemo) -> None:
    """Keep what this run's files need, drop the rest."""
    from gio_codegen.load import cache

    if not memo.changed:
        return
    kept = ValidationMemo(
        memo.schema_key,
        {key for key in memo.current if key in memo.clean},
        {key: memo.deprecated[key] for key in memo.current.values() if key in memo.deprecated},
    )
    cache.store(state_dir, memo.schema_key, kept, KIND)
