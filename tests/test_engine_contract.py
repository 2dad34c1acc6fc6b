"""Contract tests: one per ariadne-codegen internal that generate/engine.py and naming_plugin.py rely on.

ariadne-codegen is pinned exactly (pyproject.toml) because we call its package API in-process.
An upgrade that moves any of these fails here, by name, instead of as a wrong client.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from ariadne_codegen import utils as ariadne_utils
from ariadne_codegen.client_generators import package as ariadne_package
from ariadne_codegen.client_generators import result_types as ariadne_result_types
from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.settings import CommentsStrategy, ModelsOnlySettings
from graphql import build_schema, parse

from gio_codegen.generate.engine import run_engine


def test_the_printing_and_formatting_hooks_we_switch_off_exist() -> None:
    assert callable(ariadne_result_types.ResultTypesGenerator.get_operation_as_str)
    assert callable(ariadne_package.format_many)  # type: ignore[attr-defined]
    assert callable(ariadne_utils.format_code)


def test_the_plugin_hooks_we_override_exist_with_our_signatures() -> None:
    for hook, parameters in {
        "process_name": ["self", "name", "node"],
        "generate_enum": ["self", "class_def", "enum_type"],
        "generate_enums_module": ["self", "module"],
        "generate_input_field": None,
    }.items():
        method = getattr(Plugin, hook)
        if parameters is not None:
            assert list(inspect.signature(method).parameters) == parameters, hook


def test_models_only_settings_accept_what_we_pass(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text("type Query { a: Int }", encoding="utf-8")
    settings = ModelsOnlySettings(
        schema_path=str(tmp_path / "schema.graphql"), target_package_name="pkg", target_package_path=str(tmp_path),
        include_comments=CommentsStrategy.NONE, scalars={}, include_all_inputs=False, include_all_enums=False,
        show_deprecation_warnings=False, defer_model_build=True,
    )
    assert settings.include_comments == CommentsStrategy.NONE


def test_the_generator_internals_we_read(tmp_path: Path) -> None:
    """`_used_enums`, `arguments_generator.get_used_enums`, `init_generator.add_import` and
    `_result_types_files` (file name → ast.Module) — read back by run_engine — still exist."""
    seen: dict[str, object] = {}
    real = ariadne_package.get_package_generator

    def spy(**kwargs: object) -> object:
        generator = real(**kwargs)  # type: ignore[arg-type]
        seen["generator"] = generator
        return generator

    import pytest

    patch = pytest.MonkeyPatch()
    patch.setattr(ariadne_package, "get_package_generator", spy)
    try:
        schema = build_schema("enum Color { RED }\ntype Query { paint(color: Color): String }")
        operation = parse("query Paint($c: Color) { paint(color: $c) }").definitions[0]
        (tmp_path / "schema.graphql").write_text("", encoding="utf-8")
        results = run_engine(
            schema, [operation], [], schema_path=tmp_path / "schema.graphql", target=tmp_path, package="pkg",  # type: ignore[list-item]
            exports={},
        )
    finally:
        patch.undo()
    generator = seen["generator"]
    assert isinstance(generator._used_enums, list) and "Color" in generator._used_enums  # type: ignore[attr-defined]  # noqa: SLF001
    assert callable(generator.init_generator.add_import)  # type: ignore[attr-defined]
    files = generator._result_types_files  # type: ignore[attr-defined]  # noqa: SLF001
    assert isinstance(files, dict) and all(isinstance(m, ast.Module) for m in files.values())
    assert results["Paint"].result_class == "PaintQuery" and results["Paint"].root_attribute == "paint"
