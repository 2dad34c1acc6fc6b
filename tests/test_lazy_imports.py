"""Importing the client is cheap: the package `__init__` imports names on first use (PEP 562),
the clients import an operation's models only when its method runs.

Every check runs the committed (or a freshly regenerated) package in a fresh interpreter, so
`sys.modules` shows exactly what an import or a call loaded.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli
from gio_codegen.generate.lazy_init import read_exports

PACKAGE = ROOT / "generated" / "growingio_client"
OPERATION_MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem.endswith(("_query", "_mutation")))
# Every module that defines (or is needed to define) pydantic models.
MODEL_MODULES = {*OPERATION_MODULES, "fragments", "input_types", "base_model", "scalars"}
SECRET = "lazy-secret"
PROJECT = "WlGk4Daj"

LOADED = "\nprint(json.dumps(sorted(m.split('.', 1)[1] for m in sys.modules if m.startswith('growingio_client.'))))"


def run(code: str, generated: Path = ROOT / "generated") -> list[str]:
    """Run `code` (after `import json, sys`) in a fresh interpreter; the package's submodules it loaded."""
    env = {**os.environ, "PYTHONPATH": str(generated)}
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys\n" + code + LOADED], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def init_facts(path: Path) -> tuple[dict[str, str], set[tuple[str, str]], list[str]]:
    """`_EXPORTS`, the (module, name) pairs imported under TYPE_CHECKING, and `__all__` of a lazy `__init__`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exports: dict[str, str] = {}
    public: list[str] = []
    typed: set[tuple[str, str]] = set()
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "_EXPORTS":
            assert node.value is not None
            exports = ast.literal_eval(node.value)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            public = ast.literal_eval(node.value)
        elif isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            typed = {("." * i.level + (i.module or ""), a.name) for i in node.body if isinstance(i, ast.ImportFrom) for a in i.names}
    return exports, typed, public


def test_importing_the_package_loads_none_of_its_modules() -> None:
    loaded = run("import growingio_client\nassert 'asyncio' not in sys.modules, 'asyncio imported'")
    assert loaded == []


def test_every_public_name_resolves_to_its_module_and_is_listed() -> None:
    code = """
import importlib
import growingio_client as package
assert sorted(package._EXPORTS) == sorted(package.__all__)
listed = dir(package)
for name in package.__all__:
    value = getattr(package, name)
    assert value is getattr(importlib.import_module("growingio_client." + package._EXPORTS[name]), name), name
    assert name in listed, name
namespace = {}
exec("from growingio_client import *", namespace)
assert set(package.__all__) <= set(namespace)
"""
    loaded = run(code)
    assert set(OPERATION_MODULES) <= set(loaded)


def test_an_unknown_name_is_an_attribute_error() -> None:
    code = """
import growingio_client
try:
    growingio_client.NoSuchName
except AttributeError as error:
    assert str(error) == "module 'growingio_client' has no attribute 'NoSuchName'", error
else:
    raise AssertionError("no AttributeError")
assert not hasattr(growingio_client, "_no_such_name")
try:
    from growingio_client import NoSuchName
except ImportError:
    pass
else:
    raise AssertionError("no ImportError")
"""
    assert run(code) == []


@pytest.mark.parametrize("class_name", ["GrowingIO", "AsyncGrowingIO"])
def test_creating_a_client_loads_no_models(class_name: str) -> None:
    loaded = run(f"from growingio_client import {class_name}\n{class_name}('http://127.0.0.1:1', token='t')")
    assert "client" in loaded or "async_client" in loaded
    assert not MODEL_MODULES & set(loaded), sorted(MODEL_MODULES & set(loaded))


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    from gio_devserver.testing import run_server

    with run_server(ROOT / "schema.graphql", client_secret=SECRET) as url:
        yield url


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("call", "module"), [("projects()", "projects_query"), (f"tags(project_id={PROJECT!r})", "tags_query")]
)
def test_a_call_loads_only_its_operations_models(server_url: str, call: str, module: str, is_async: bool) -> None:
    if is_async:
        code = f"""
import asyncio
from growingio_client import AsyncGrowingIO
async def main():
    async with AsyncGrowingIO({server_url!r}, client_secret={SECRET!r}) as client:
        assert await client.{call} is not None
asyncio.run(main())
"""
    else:
        code = f"""
from growingio_client import GrowingIO
with GrowingIO({server_url!r}, client_secret={SECRET!r}) as client:
    assert client.{call} is not None
"""
    loaded = set(run(code))
    assert module in loaded
    assert not (set(OPERATION_MODULES) - {module}) & loaded, sorted(set(OPERATION_MODULES) & loaded)
    assert "input_types" not in loaded


def test_a_regenerated_package_exports_every_operation_lazily(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_generated=False)
    (project / "queries/projectNames.graphql").write_text("query ProjectNames {\n  projects {\n    id\n    name\n  }\n}\n")
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    package = project / "generated/growingio_client"
    exports, typed, public = init_facts(package / "__init__.py")
    assert exports and sorted(exports) == sorted(public)
    assert typed == {("." + module, name) for name, module in exports.items()}
    operations = sorted(p.stem for p in package.glob("*.py") if p.stem.endswith(("_query", "_mutation")))
    assert operations == sorted([*OPERATION_MODULES, "project_names_query"])
    assert set(operations) <= set(exports.values())
    assert exports["ProjectNamesQuery"] == "project_names_query"
    loaded = run("import growingio_client", project / "generated")
    assert loaded == []
    code = "import growingio_client as g\nassert g.ProjectNamesQuery.__name__ == 'ProjectNamesQuery'\n"
    code += "assert callable(g.GrowingIO.project_names)"
    loaded = run(code, project / "generated")
    assert "project_names_query" in loaded and "tags_query" not in loaded


def test_read_exports_keeps_the_eager_modules_api() -> None:
    eager = (
        "from .client import Client\nfrom .enums import A, B\nfrom .tags_query import TagsQuery\n"
        "__all__ = ['A', 'B', 'Client', 'TagsQuery']\n"
    )
    exports, public = read_exports(eager)
    assert exports == {"Client": "client", "A": "enums", "B": "enums", "TagsQuery": "tags_query"}
    assert public == ["A", "B", "Client", "TagsQuery"]
    assert read_exports("from .client import Client\n") == ({"Client": "client"}, ["Client"])
    for unsupported in (
        "import os\n",
        "from .client import Client as Other\n",
        "from .client import *\n",
        "from .a import X\nfrom .b import X\n",
        "from .client import Client\n__all__ = ['Client', 'Missing']\n",
    ):
        with pytest.raises(ValueError, match="package __init__"):
            read_exports(unsupported)
