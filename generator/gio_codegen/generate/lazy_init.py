"""The package `__init__`, made lazy (PEP 562).

ariadne-codegen's `__init__` imports every module to re-export its names, so `import <package>`
loaded every operation's pydantic models and both clients up front: about twice the cost of
importing pydantic and httpx themselves, paid by every program and CLI call that uses one
operation or none. ariadne's list of re-exports is still the package's public API, so we read
it back (the names, their modules, `__all__`) and render the same API as a module that imports
each name on first access, with the explicit imports kept under TYPE_CHECKING for type
checkers and IDEs.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from gio_codegen.generate.render import render


def lazy_init(path: Path, **context: Any) -> str:
    """The lazy equivalent of the eager `__init__.py` ariadne-codegen wrote at `path`."""
    exports, public = read_exports(path.read_text(encoding="utf-8"))
    modules: dict[str, list[str]] = {}
    for name, module in exports.items():
        modules.setdefault(module, []).append(name)
    return render(
        "package/init.py.jinja",
        **context,
        imports=sorted((module, sorted(names)) for module, names in modules.items()),
        exports=sorted(exports.items()),
        public=public,
    )


def read_exports(source: str) -> tuple[dict[str, str], list[str]]:
    """name → module of every `from .module import name`, and `__all__` (sorted names if absent).

    Anything else in the module is an error rather than silently dropped: it would be public API
    the lazy module no longer provides (ariadne-codegen is pinned, so this means it changed).
    """
    exports: dict[str, str] = {}
    public: list[str] | None = None
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                if alias.name == "*" or alias.asname not in (None, alias.name) or alias.name in exports:
                    raise ValueError(f"unsupported re-export in the package __init__: {ast.unparse(node)}")
                exports[alias.name] = node.module
        elif _is_all(node):
            assert isinstance(node, ast.Assign)
            public = [str(name) for name in ast.literal_eval(node.value)]
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # a docstring
            raise ValueError(f"unsupported statement in the package __init__: {ast.unparse(node)[:200]}")
    if public is None:
        public = sorted(exports)
    missing = sorted(set(public) - set(exports))
    if missing:
        raise ValueError(f"__all__ names what the package __init__ does not import: {', '.join(missing)}")
    return exports, public


def _is_all(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == "__all__"
    )


__all__ = ["lazy_init", "read_exports"]
