"""Bad input: one precise `path:line:col: error:` per problem, exit 1, no traceback, output untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, tree_bytes


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(needle))


def _replace(path: str, old: str, new: str):
    def edit(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _write(path: str, text: str):
    def edit(project: Path) -> None:
        (project / path).write_text(text, encoding="utf-8")

    return edit


def _delete(path: str):
    def edit(project: Path) -> None:
        (project / path).unlink()

    return edit


TAGS = "query Tags($projectId: HashId!) {\n  tags(projectId: $projectId) {\n    ...Tag\n  }\n}\n"

CASES = {
    "schema syntax error": (
        _replace("schema.graphql", "type Query {", "type Query {{"),
        "schema.graphql", "Syntax Error",
    ),
    "schema unknown type": (
        _replace("schema.graphql", "uris: [String!]", "uris: [Strin!]"),
        "schema.graphql", "Unknown type 'Strin'. Did you mean 'String'?",
    ),
    "query unknown field": (
        _write("queries/tags.graphql", "query Tags($projectId: HashId!) {\n  tags(projectId: $projectId) {\n    id\n    nmae\n  }\n}\n"),
        "queries/tags.graphql:4:5", "Cannot query field 'nmae' on type 'Tag'. Did you mean 'name'?",
    ),
    "wrong argument type": (
        _write("queries/tags.graphql", "query Tags($projectId: Int!) {\n  tags(projectId: $projectId) {\n    ...Tag\n  }\n}\n"),
        "queries/tags.graphql:1:12", "Variable '$projectId' of type 'Int!' used in position expecting type 'HashId!'.",
    ),
    "missing variable": (
        _write("queries/tags.graphql", "query Tags {\n  tags(projectId: $projectId) {\n    ...Tag\n  }\n}\n"),
        "queries/tags.graphql:2:19", "Variable '$projectId' is not defined by operation 'Tags'.",
    ),
    "two operations in one file": (
        _write("queries/tags.graphql", TAGS + "\nquery Tags2($projectId: HashId!) {\n  tags(projectId: $projectId) {\n    id\n  }\n}\n"),
        "queries/tags.graphql:7:1", "defines more than one operation",
    ),
    "misnamed operation": (
        _write("queries/tags.graphql", TAGS.replace("query Tags(", "query Labels(")),
        "queries/tags.graphql:1:7", "operation 'Labels' should be named 'Tags' after its file tags.graphql",
    ),
    "HashId literal of the wrong length": (
        _write("queries/tags.graphql", "query Tags {\n  tags(projectId: \"WlGk4Da\") {\n    ...Tag\n  }\n}\n"),
        "queries/tags.graphql:2:19", "HashId must match [A-Za-z0-9]{8}, found 'WlGk4Da'",
    ),
    "unknown config key": (
        _replace("pyproject.toml", 'client-name = "GrowingIO"', 'clinet-name = "GrowingIO"'),
        f"pyproject.toml:{_line_of(ROOT / 'pyproject.toml', 'client-name = ')}:1", "unknown key 'clinet-name' in [tool.gio-codegen]; did you mean 'client-name'?",
    ),
    "missing schema file": (
        _delete("schema.graphql"),
        "schema.graphql", "file not found",
    ),
    "non-UTF-8 query file": (
        lambda project: (project / "queries/tags.graphql").write_bytes(b"query Tags {\n  \xff\n}\n"),
        "queries/tags.graphql:2:3", "not valid UTF-8",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["generate", "validate"])
def test_bad_input_is_reported_precisely_and_changes_nothing(project: Path, name: str, command: str) -> None:
    edit, location, message = CASES[name]
    before = tree_bytes(project / "generated")
    edit(project)
    result = run_cli(command, cwd=project)
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    lines = [line for line in result.err.splitlines() if ": error: " in line]
    assert lines, result.text
    assert any(line.startswith(location) and message in line for line in lines), result.err
    assert tree_bytes(project / "generated") == before


def test_json_format_gives_the_same_diagnostics(project: Path) -> None:
    CASES["query unknown field"][0](project)
    result = run_cli("validate", "--format", "json", cwd=project)
    assert result.code == 1
    [diagnostic] = [d for d in json.loads(result.out) if d["severity"] == "error"]
    assert diagnostic == {
        "file": "queries/tags.graphql",
        "line": 4,
        "column": 5,
        "message": "Cannot query field 'nmae' on type 'Tag'. Did you mean 'name'?",
        "severity": "error",
        "code": "FieldsOnCorrectType",
    }


def test_human_format_draws_a_code_frame(project: Path) -> None:
    CASES["query unknown field"][0](project)
    result = run_cli("validate", cwd=project)
    assert "4 |     nmae\n  |     ^" in result.err


def test_github_format_gives_annotations(project: Path) -> None:
    CASES["misnamed operation"][0](project)
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.code == 1
    assert "::error file=queries/tags.graphql,line=1,col=7,title=OperationNamedAfterFile::" in result.err


def test_deprecated_field_use_is_a_warning_not_an_error(project: Path) -> None:
    _replace("schema.graphql", "  uris: [String!]", '  uris: [String!] @deprecated(reason: "use files")')(project)
    result = run_cli("validate", cwd=project)
    assert result.code == 0, result.text
    assert "warning: The field JobResult.uris is deprecated. use files [NoDeprecated]" in result.err
