"""Bugs are not user errors (issue 13): a fault of gio-codegen says so, with the traceback saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from graphql import build_schema, parse

from gio_codegen import cli
from gio_codegen.errors import InternalError, UserError


def test_an_unexpected_exception_is_one_line_naming_a_bug_and_a_saved_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.gio-codegen]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def broken() -> int:
        raise ZeroDivisionError("the generator divided by zero")

    with pytest.raises(SystemExit) as exit_info:
        cli._run("human", broken)  # noqa: SLF001
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first, second = err.strip().splitlines()
    assert first == (
        "gio-codegen: internal error (a bug in gio-codegen, not in your input): "
        "ZeroDivisionError: the generator divided by zero"
    )
    saved = Path(second.removeprefix("traceback saved to ").split(";")[0])
    assert saved.parent == tmp_path / ".gio-codegen" and saved.is_file()
    assert "ZeroDivisionError" in saved.read_text() and "Traceback" in saved.read_text()


def test_a_user_error_is_still_a_diagnostic(capsys: pytest.CaptureFixture[str]) -> None:
    def bad_input() -> int:
        raise UserError.at("schema.graphql", "schema is empty", code="schema")

    with pytest.raises(SystemExit) as exit_info:
        cli._run("human", bad_input)  # noqa: SLF001
    assert exit_info.value.code == 1
    assert "schema.graphql: error: schema is empty [schema]" in capsys.readouterr().err


def test_a_bug_in_the_naming_plugin_is_not_blamed_on_the_operation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only exceptions raised inside ariadne-codegen become EngineLimitation diagnostics."""
    from gio_codegen.generate import naming_plugin
    from gio_codegen.generate.engine import run_engine

    def broken(self: object, name: str, node: object = None) -> str:
        raise KeyError("a bug of ours")

    monkeypatch.setattr(naming_plugin.SafeNames, "process_name", broken)
    schema = build_schema("type Query { a: Int }")
    (tmp_path / "s.graphql").write_text("type Query { a: Int }", encoding="utf-8")
    with pytest.raises(KeyError):
        run_engine(schema, [parse("query A { a }").definitions[0]], [], schema_path=tmp_path / "s.graphql",  # type: ignore[list-item]
                   target=tmp_path, package="pkg", exports={})


def test_ruff_failing_on_generated_code_is_an_internal_error(tmp_path: Path) -> None:
    from gio_codegen.generate.format import format_tree

    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    with pytest.raises(InternalError, match="ruff failed on generated code"):
        format_tree(tmp_path)
    assert os.listdir(tmp_path) == ["broken.py"]
