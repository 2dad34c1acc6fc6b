"""Text safety (issue 7): schema descriptions, deprecation reasons, default values and string
literals in operations reach generated code only as escaped literals, and the operation
documents reach a real server byte for byte as written in queries/.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from fuzz.project import compile_all, echo_server, generate, imported, mypy_strict, write_project

# Every hostile text would end the test process (os._exit) or fail to compile if pasted into code.
HOSTILE = [
    '"""\nimport os\nos._exit(3)\n"""',
    "'''\nimport os\nos._exit(3)\n'''",
    '"; import os; os._exit(3); "',
    "ends with a quote\"",
    "ends with a backslash \\",
    "{{ config }} {% if x %}{% endif %} # not a comment",
    "nul \x00, bell \x07, line separator \u2028, é 日本語 😀",
    "\\u0041 is not A, \\n is not a newline",
]


def _gql(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


SCHEMA = "".join(
    [
        f"{_gql(HOSTILE[0])}\nscalar Blob\n\n",
        f"{_gql(HOSTILE[1])}\nenum Mood {{\n  {_gql(HOSTILE[2])}\n  HAPPY @deprecated(reason: {_gql(HOSTILE[3])})\n  SAD\n}}\n\n",
        f"{_gql(HOSTILE[4])}\ninput Note {{\n  {_gql(HOSTILE[5])}\n  text: String = {_gql(HOSTILE[6])}\n"
        f"  mood: Mood = HAPPY\n  blob: Blob\n}}\n\n",
        "type Echo {\n  query: String!\n  variables: String!\n  args: String!\n"
        f"  {_gql(HOSTILE[7])}\n  old: String @deprecated(reason: {_gql(HOSTILE[0])})\n}}\n\n",
        f"type Query {{\n  {_gql(HOSTILE[1])}\n  echo(text: String, note: Note, mood: Mood): Echo!\n}}\n",
    ]
)

# CRLF line endings, a comment, tabs, unicode, every escape and a block string: all must survive.
QUERY = (
    "query Echo($note: Note, $text: String) {\r\n"
    "\t# a comment with \"quotes\" and ''' and \\\r\n"
    '  echo(text: $text, note: $note) { query variables args }\r\n'
    '  a: echo(text: "it\'s \\"q\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 😀") { args }\r\n'
    '  b: echo(text: """block with \\""" and \'\'\' and \\n\r\n      indented""") { args }\r\n'
    '  c: echo(text: "a\\nb", note: {text: "\\"\\"\\"", mood: SAD}) { args }\r\n'
    "}\r\n"
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("text"), SCHEMA, {"echo": QUERY}, package="text_client")
    return generate(root)


def test_hostile_text_compiles_imports_and_type_checks(package: Path) -> None:
    compile_all(package)
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported_modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "os" not in imported_modules or path.name in ("client.py", "async_client.py", "jobs.py"), path
    with imported(package, "text_client") as module:
        assert module.Note().text == HOSTILE[6]  # the default value, exactly
        assert module.Note().mood is module.Mood.HAPPY
        assert module.Note.__doc__ == HOSTILE[4].strip()
    result = mypy_strict(package, "text_client")
    assert result.returncode == 0, result.stdout + result.stderr


def test_documents_and_literals_reach_the_server_byte_for_byte(package: Path) -> None:
    with imported(package, "text_client") as module, echo_server(SCHEMA) as url:
        from text_client import operations  # type: ignore[import-not-found]

        with module.Client(url, token="t") as client:
            result = client.echo(text=HOSTILE[6], note=module.Note(text=HOSTILE[0], blob={"k": HOSTILE[2]}))
    # The operation's bytes as in the file (CRLF, tab, comment, escapes), then one "\n" terminator.
    sent = QUERY.removesuffix("\r\n") + "\n"
    assert operations.ECHO_DOCUMENT == sent
    assert result.echo.query.encode("utf-8") == sent.encode("utf-8")
    assert json.loads(result.echo.variables) == {
        "text": HOSTILE[6], "note": {"text": HOSTILE[0], "mood": "HAPPY", "blob": {"k": HOSTILE[2]}},
    }
    assert json.loads(result.a.args)["text"] == "it's \"q\" \\ / \b \f \n \r \t é 😀"
    assert json.loads(result.b.args)["text"] == "block with \"\"\" and ''' and \\n\nindented"
    assert json.loads(result.c.args) == {"text": "a\nb", "note": {"text": '"""', "mood": "SAD"}}
