"""Imports go one way (issue 13): load → validate → generate → write → pipeline → commands → cli.

A module may import its own layer or a lower one, never a higher one: the pipeline's stages
stay separable, and the no-op path's modules (fingerprint, fs, fastpath) stay light.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "gio_codegen"
LAYERS = {
    "": 0, "fingerprint": 0, "fs": 0, "diagnostics": 0, "errors": 0, "naming": 0, "console": 0,
    "load": 1, "fastpath": 1,
    "validate": 2,
    "generate": 3,
    "write": 4,
    "pipeline": 5,
    "diff": 6, "publish": 6,
    "commands": 7,
    "cli": 8, "__main__": 8,
}


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") >= 1 else ""
    return LAYERS[top]


def test_no_module_imports_a_higher_layer() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        own = _layer(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("gio_codegen.") and _layer(name) > own:
                    problems.append(f"{module} (layer {own}) imports {name} (layer {_layer(name)})")
    assert problems == []
