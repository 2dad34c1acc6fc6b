"""The client package `generate` would write for a given schema text: the one place the diff
renders, through pipeline.py's public functions, so a change there is adapted here only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from gio_codegen.load.config import Config

# Both sides of a comparison are rendered with this version, so it never shows as a difference.
COMPARED_VERSION = "0.0.0"


@contextmanager
def rendered_client(config: Config, schema_text: str, operations: dict[str, str] | None = None) -> Iterator[Path]:
    """Render the output tree for `schema_text` with the project's operations (or with
    `operations`, file name → text, in place of the queries directory) into a temporary
    directory, and yield it.

    The schema is written under a throwaway project root, so this run's caches
    (`.gio-codegen/`) neither evict nor are mistaken for the project's own. Raises
    `UserError` when the operations do not validate against the schema.
    """
    from gio_codegen.pipeline import Inputs, check, load_project, paused_gc, rendered_tree, validated

    with tempfile.TemporaryDirectory(prefix="gio-codegen-api-") as temp:
        root = Path(temp)
        shown = Path(config.rel(config.schema))
        schema = root / (shown if not shown.is_absolute() else config.schema.name)
        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(schema_text, encoding="utf-8")
        side = replace(config, root=root, config_file=root / config.config_file.name, schema=schema, output=root / "out")
        if operations is not None:
            side = replace(side, queries=root / "queries")
            for name, text in operations.items():
                (side.queries / name).parent.mkdir(parents=True, exist_ok=True)
                (side.queries / name).write_text(text, encoding="utf-8")
            side.queries.mkdir(exist_ok=True)
        with paused_gc():
            context = load_project(side)
            validated(check(context))
        with rendered_tree(context, Inputs(side, {}), COMPARED_VERSION, for_swap=False) as tree:
            yield tree
