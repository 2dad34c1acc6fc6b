"""The generated README's "Testing your code" example is itself a test: its `test_*` functions
run here against growingio_client.testing (its `mypy --strict` check is test_readme_examples'),
and the same example without its registered responses fails."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from growingio_client.testing import UnexpectedCall

from .helpers import ROOT_DIR

README = ROOT_DIR / "generated" / "README.md"


@pytest.fixture(autouse=True)
def _fresh_knobs() -> None:
    """Replaces conftest's dev-server reset: the example needs no server."""


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    [block] = [block for block in blocks if "from growingio_client.testing import" in block]
    return block


def _tests_in(code: str) -> list[Callable[[], Any]]:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own generated README
    return [value for name, value in namespace.items() if name.startswith("test_") and callable(value)]


def test_the_readme_testing_example_passes() -> None:
    tests = _tests_in(_example())
    assert [test.__name__ for test in tests] == ["test_summary"]
    for test in tests:
        test()


def test_the_example_fails_without_its_registered_responses() -> None:
    code = _example()
    without = re.sub(r"\n *fake\.respond\(.*", "", code)
    assert without != code
    [test] = _tests_in(without)
    with pytest.raises(AssertionError):
        test()
    without_any = re.sub(r"\n *fake\.fail\(.*", "", without)
    [test] = _tests_in(without_any)
    with pytest.raises(UnexpectedCall):
        test()
