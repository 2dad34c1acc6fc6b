"""Uploads (issue 14): `scalar Upload` (or any scalar mapped to the `upload` kind) is a file
parameter sent by the GraphQL multipart request spec, against a real ariadne server under uvicorn
on 127.0.0.1 (`ariadne.asgi.GraphQL` parses `multipart/form-data`; `ariadne.upload_scalar`).

The server answers with what it received for each file (name, content type, size, SHA-256) and
records each request's content type, so the tests see the bytes, names and the choice of
multipart or JSON from the other side of a socket.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import run_cli
from fuzz.project import imported, mypy_strict
from local_asgi import serve

SCHEMA = """\
scalar Upload
scalar Attachment
type Query { ping: String }
type Mutation {
  single(file: Upload!): File!
  many(files: [Upload!]!): [File!]!
  withInput(input: DocInput!): Doc!
  optional(file: Upload, note: String): String
  attach(file: Attachment!): File!
}
input DocInput { title: String!  file: Upload!  extra: [Upload!]  meta: MetaInput }
input MetaInput { tag: String  thumbnail: Upload }
type File { name: String!  contentType: String!  size: Int!  sha256: String! }
type Doc { title: String!  files: [File!]! }
"""
OPERATIONS = {
    "single": "mutation Single($file: Upload!) { single(file: $file) { name contentType size sha256 } }\n",
    "many": "mutation Many($files: [Upload!]!) { many(files: $files) { name contentType size sha256 } }\n",
    "with_input": "mutation WithInput($input: DocInput!) { withInput(input: $input) { title files { name size sha256 } } }\n",
    "optional": "mutation Optional($file: Upload, $note: String) { optional(file: $file, note: $note) }\n",
    "attach": "mutation Attach($file: Attachment!) { attach(file: $file) { name size sha256 } }\n",
    "ping": "query Ping { ping }\n",
}
# `Attachment` is mapped to the upload kind; `Upload` is one by convention (unmapped).
CONFIG = '[tool.gio-codegen]\npackage = "up_client"\ncli-name = "up"\n\n[tool.gio-codegen.scalars]\nAttachment = "upload"\n'


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("uploads")
    (root / "queries").mkdir()
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in OPERATIONS.items():
        (root / "queries" / f"{name}.graphql").write_text(text, encoding="utf-8")
    result = run_cli("generate", cwd=root)
    assert result.code == 0, result.text
    return root / "generated"


@pytest.fixture(scope="module")
def server() -> Any:
    from ariadne import MutationType, QueryType, make_executable_schema, upload_scalar
    from ariadne.asgi import GraphQL
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    state: dict[str, Any] = {"content_types": [], "fail_next": 0, "bodies": 0}
    mutation = MutationType()

    async def describe(upload: Any) -> dict[str, Any]:
        digest, size = hashlib.sha256(), 0
        while chunk := await upload.read(1 << 16):
            digest.update(chunk)
            size += len(chunk)
        return {"name": upload.filename, "contentType": upload.content_type, "size": size, "sha256": digest.hexdigest()}

    @mutation.field("single")
    @mutation.field("attach")
    async def resolve_single(_obj: Any, _info: Any, file: Any) -> dict[str, Any]:
        return await describe(file)

    @mutation.field("many")
    async def resolve_many(_obj: Any, _info: Any, files: list[Any]) -> list[dict[str, Any]]:
        return [await describe(file) for file in files]

    @mutation.field("withInput")
    async def resolve_with_input(_obj: Any, _info: Any, input: dict[str, Any]) -> dict[str, Any]:  # noqa: A002
        uploads = [input["file"], *(input.get("extra") or [])]
        if (input.get("meta") or {}).get("thumbnail") is not None:
            uploads.append(input["meta"]["thumbnail"])
        return {"title": input["title"], "files": [await describe(upload) for upload in uploads]}

    @mutation.field("optional")
    async def resolve_optional(_obj: Any, _info: Any, file: Any = None, note: str | None = None) -> str:
        return json.dumps({"file": None if file is None else (await describe(file))["sha256"], "note": note})

    schema = make_executable_schema(SCHEMA, QueryType(), mutation, upload_scalar)
    graphql = GraphQL(schema)

    async def endpoint(request: Request) -> Any:
        state["content_types"].append(request.headers.get("content-type", ""))
        if state["fail_next"]:
            state["fail_next"] -= 1
            await request.body()  # the whole attempt arrived; the server then fails it
            state["bodies"] += 1
            return PlainTextResponse("try again", status_code=503)
        return await graphql.handle_request(request)

    app = Starlette(routes=[Route("/graphql", endpoint, methods=["POST"])])
    with serve(app) as url:
        yield url, state


def test_a_path(generated: Path, server: Any, tmp_path: Path) -> None:
    url, state = server
    data = b"id,name\n1,\xe4\n" * 100
    path = tmp_path / "report.csv"
    path.write_bytes(data)
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        received = client.single(file=path)
    assert (received.name, received.size, received.sha256) == ("report.csv", len(data), _sha(data))
    assert received.content_type == "text/csv"  # guessed from the name
    assert state["content_types"][-1].startswith("multipart/form-data; boundary=")


def test_bytes_and_file_objects(generated: Path, server: Any, tmp_path: Path) -> None:
    url, _state = server
    path = tmp_path / "photo.bin.unknownext"
    path.write_bytes(bytes(range(256)) * 10)
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        from_bytes = client.single(file=b"\x00raw\xff")
        with path.open("rb") as file:
            from_file = client.single(file=file)
        from_buffer = client.single(file=io.BytesIO(b"in memory"))
        named = client.single(file=package.UploadFile(b"hello", filename="hello.txt", content_type="text/x-greeting"))
    assert (from_bytes.name, from_bytes.content_type, from_bytes.sha256) == ("upload", "application/octet-stream", _sha(b"\x00raw\xff"))
    assert (from_file.name, from_file.content_type) == ("photo.bin.unknownext", "application/octet-stream")
    assert (from_file.size, from_file.sha256) == (2560, _sha(path.read_bytes()))
    assert (from_buffer.name, from_buffer.sha256) == ("upload", _sha(b"in memory"))
    assert (named.name, named.content_type, named.sha256) == ("hello.txt", "text/x-greeting", _sha(b"hello"))


def test_a_list_of_uploads_and_the_async_client(generated: Path, server: Any, tmp_path: Path) -> None:
    url, _state = server
    first = tmp_path / "a.txt"
    first.write_bytes(b"first file")

    async def run(package: Any) -> list[Any]:
        async with package.AsyncClient(url, token="t") as client:
            result: list[Any] = await client.many(files=[first, b"second", io.BytesIO(b"third")])
            return result

    with imported(generated, "up_client") as package:
        received = asyncio.run(run(package))
    assert [(f.name, f.sha256) for f in received] == [
        ("a.txt", _sha(b"first file")), ("upload", _sha(b"second")), ("upload", _sha(b"third")),
    ]


def test_uploads_inside_input_objects(generated: Path, server: Any, tmp_path: Path) -> None:
    url, _state = server
    main = tmp_path / "main.pdf"
    main.write_bytes(b"%PDF-1.4 main")
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        doc = package.DocInput(
            title="Quarterly", file=main, extra=[b"appendix", io.BytesIO(b"notes")],
            meta=package.MetaInput(tag="q3", thumbnail=package.UploadFile(b"\x89PNG", filename="thumb.png")),
        )
        received = client.with_input(input=doc)
        with pytest.raises(ValueError, match="path"):
            package.DocInput(title="x", file="not-a-path-but-text")  # a str is not a file
    assert received.title == "Quarterly"
    assert [(f.name, f.size, f.sha256) for f in received.files] == [
        ("main.pdf", 13, _sha(b"%PDF-1.4 main")), ("upload", 8, _sha(b"appendix")), ("upload", 5, _sha(b"notes")),
        ("thumb.png", 4, _sha(b"\x89PNG")),
    ]


def test_the_map_names_each_variable_path(generated: Path) -> None:
    with imported(generated, "up_client") as package:
        from up_client.uploads import multipart_request

        shared = io.BytesIO(b"same object twice")
        doc = package.DocInput(title="t", file=shared, extra=[b"x", shared])
        request = multipart_request("mutation M { m }", "M", {"input": doc, "other": None})
        assert request is not None
        with request.content() as content:
            operations = json.loads(content["data"]["operations"])
            mapping = json.loads(content["data"]["map"])
            assert [name for name, _part in content["files"]] == ["0", "1"]
        assert list(content["data"]) == ["operations", "map"]  # before the files, as the spec orders
        assert operations["variables"] == {"input": {"title": "t", "file": None, "extra": [None, None]}}
        assert mapping == {"0": ["variables.input.file", "variables.input.extra.1"], "1": ["variables.input.extra.0"]}
        assert multipart_request("query Q { q }", "Q", {"note": "text", "ids": [1, 2], "meta": package.MetaInput(tag="t")}) is None


def test_json_without_uploads(generated: Path, server: Any) -> None:
    url, state = server
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        answer = client.optional(note="no file")
        assert state["content_types"][-1] == "application/json"
        with_file = client.optional(file=b"now a file", note="file")
        assert state["content_types"][-1].startswith("multipart/form-data")
        client.ping()
        assert state["content_types"][-1] == "application/json"
    assert json.loads(answer) == {"file": None, "note": "no file"}
    assert json.loads(with_file or "") == {"file": _sha(b"now a file"), "note": "file"}


def test_a_scalar_mapped_to_the_upload_kind(generated: Path, server: Any, tmp_path: Path) -> None:
    url, _state = server
    path = tmp_path / "doc.md"
    path.write_bytes(b"# mapped")
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        received = client.attach(file=path)
    assert (received.name, received.sha256) == ("doc.md", _sha(b"# mapped"))
    scalars = (generated / "up_client" / "scalars.py").read_text(encoding="utf-8")
    assert "Attachment = Annotated[PathLike[str] | bytes | BinaryIO | UploadFile, as_upload]" in scalars
    assert "Upload_ = Annotated[PathLike[str] | bytes | BinaryIO | UploadFile, as_upload]" in scalars


def test_a_retried_mutation_reopens_its_path(generated: Path, server: Any, tmp_path: Path) -> None:
    url, state = server
    path = tmp_path / "retry.dat"
    path.write_bytes(b"sent twice, whole both times")
    retry_kwargs = {"attempts": 2, "backoff": 0.01, "retry_mutations": True}
    with imported(generated, "up_client") as package:
        with package.Client(url, token="t", retry=package.RetryPolicy(**retry_kwargs)) as client:
            state["fail_next"], bodies = 1, state["bodies"]
            received = client.single(file=path)
            assert state["bodies"] == bodies + 1  # the first attempt was refused after its body arrived
            assert (received.name, received.sha256) == ("retry.dat", _sha(path.read_bytes()))
            # A pipe cannot be rewound: once the failed attempt read it, it is not sent again.
            read_end, write_end = os.pipe()
            os.write(write_end, b"streamed once")
            os.close(write_end)
            state["fail_next"], requests = 1, len(state["content_types"])
            with open(read_end, "rb") as pipe, pytest.raises(package.HTTPError) as raised:
                client.single(file=pipe)
            assert raised.value.status_code == 503
            assert len(state["content_types"]) == requests + 1
        with package.Client(url, token="t", retry=package.RetryPolicy(attempts=3, backoff=0.01)) as client:
            state["fail_next"], requests = 1, len(state["content_types"])
            with pytest.raises(package.HTTPError):
                client.single(file=path)  # a mutation: not retried after a 503 by default
            assert len(state["content_types"]) == requests + 1
    state["fail_next"] = 0


def test_httpx_is_given_the_open_file_not_its_bytes(generated: Path, server: Any, tmp_path: Path) -> None:
    url, _state = server
    size = 20 * 1024 * 1024
    path = tmp_path / "large.bin"
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for index in range(size // (1 << 20)):
            block = bytes([index]) * (1 << 20)
            digest.update(block)
            out.write(block)
    seen: list[Any] = []

    class Recording(httpx.BaseTransport):
        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.extend(getattr(request.stream, "fields", []))
            seen.append(request.headers.get("content-length"))
            return self.inner.handle_request(request)

    with imported(generated, "up_client") as package:
        with httpx.Client(transport=Recording()) as http, package.Client(url, token="t", http_client=http) as client:
            received = client.single(file=path)
    assert (received.size, received.sha256) == (size, digest.hexdigest())
    files = [field for field in seen if type(field).__name__ == "FileField"]
    assert len(files) == 1 and isinstance(files[0].file, io.BufferedReader), files
    assert files[0].file.name == str(path) and files[0].file.closed  # opened for the attempt, closed after
    assert int(seen[-1]) > size  # a known length: no chunked encoding, yet nothing read ahead


def test_a_large_file_is_streamed_not_held(generated: Path, server: Any, tmp_path: Path) -> None:
    """A 20 MB file uploaded from a separate process: its peak RSS grows far less than the file."""
    url, _state = server
    size = 20 * 1024 * 1024
    path = tmp_path / "big.bin"
    with path.open("wb") as out:
        for _ in range(size // (1 << 20)):
            out.write(os.urandom(1 << 20))
    script = textwrap.dedent(
        """
        import json, resource, sys
        from pathlib import Path
        import up_client

        url, path = sys.argv[1], Path(sys.argv[2])
        with up_client.Client(url, token="t") as client:
            client.single(file=b"warm up every code path first")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            received = client.single(file=path)
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"size": received.size, "sha256": received.sha256, "grew_kib": after - before}))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(generated)}
    process = subprocess.run([sys.executable, "-c", script, url, str(path)], capture_output=True, text=True, env=env, timeout=120)
    assert process.returncode == 0, process.stderr
    report = json.loads(process.stdout)
    assert (report["size"], report["sha256"]) == (size, _sha(path.read_bytes()))
    assert report["grew_kib"] < 8 * 1024, report  # holding the file would add 20 MiB


def test_mypy_strict_and_typed_parameters(generated: Path) -> None:
    usage = generated / "usage_ok.py"
    usage.write_text(
        textwrap.dedent(
            """
            import io
            from pathlib import Path

            from up_client import Client, DocInput, UploadFile

            def run(client: Client) -> None:
                client.single(file=Path("a.txt"))
                client.single(file=b"bytes")
                client.single(file=io.BytesIO(b"x"))
                with open("a.txt", "rb") as f:
                    client.many(files=[f, Path("b"), UploadFile(b"y", filename="y.txt")])
                client.with_input(input=DocInput(title="t", file=Path("c")))
            """
        ),
        encoding="utf-8",
    )
    (generated / "usage_bad.py").write_text(
        "from up_client import Client\n\n\ndef run(client: Client) -> None:\n    client.single(file='a path as text')\n",
        encoding="utf-8",
    )
    result = mypy_strict(generated, "up_client")
    assert result.returncode == 0, result.stdout + result.stderr
    cache = str(generated.parent / ".mypy")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, "usage_ok.py"],
        cwd=generated, capture_output=True, text=True, timeout=300,
    )
    assert checked.returncode == 0, checked.stdout
    rejected = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, "usage_bad.py"],
        cwd=generated, capture_output=True, text=True, timeout=300,
    )
    assert rejected.returncode == 1 and 'incompatible type "str"' in rejected.stdout, rejected.stdout


def test_upload_kind_rejects_a_pattern(tmp_path: Path) -> None:
    (tmp_path / "queries").mkdir()
    (tmp_path / "schema.graphql").write_text("scalar File\ntype Query { ping(f: File): String }\n", encoding="utf-8")
    (tmp_path / "queries" / "ping.graphql").write_text("query Ping { ping }\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gio-codegen]\npackage = "p_client"\n\n[tool.gio-codegen.scalars]\nFile = { type = "upload", pattern = "x" }\n',
        encoding="utf-8",
    )
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 1 and "a pattern cannot apply to an upload" in result.text, result.text


def test_input_fields_use_the_alias_not_ariadne_codegens_upload_class(generated: Path) -> None:
    """engine._upload_as_custom_scalar: the global it replaces for one run (a contract pin), and its effect."""
    from ariadne_codegen.client_generators import input_fields

    assert input_fields.INPUT_SCALARS_MAP.get("Upload") == "Upload"  # restored after the run
    inputs = (generated / "up_client" / "input_types.py").read_text(encoding="utf-8")
    assert "from .scalars import Upload_" in inputs
    assert "file: Upload_\n" in inputs and "thumbnail: Upload_ | None" in inputs


def test_bad_files_are_refused_before_anything_is_sent(generated: Path, server: Any, tmp_path: Path) -> None:
    url, state = server
    (tmp_path / "notes.txt").write_text("text", encoding="utf-8")
    requests = len(state["content_types"])
    with imported(generated, "up_client") as package, package.Client(url, token="t") as client:
        with pytest.raises(package.InvalidArgument, match="missing.bin"):
            client.single(file=tmp_path / "missing.bin")
        with pytest.raises(package.InvalidArgument, match="directory"):
            client.single(file=tmp_path)
        with (tmp_path / "notes.txt").open("r", encoding="utf-8") as text, pytest.raises(package.InvalidArgument, match="binary"):
            client.single(file=text)  # type: ignore[arg-type]
    assert len(state["content_types"]) == requests


def test_the_command_line_takes_a_file_path(generated: Path, server: Any, tmp_path: Path) -> None:
    """An upload variable is a checked file path on the generated command line, streamed like the library's."""
    from click.testing import CliRunner

    url, _state = server
    data = b"col\n" + b"x" * 1000
    path = tmp_path / "cli.csv"
    path.write_bytes(data)
    with imported(generated, "up_client"):
        from up_client.cli import cli

        result = CliRunner().invoke(cli, ["--url", url, "--token", "t", "single", "--file", str(path), "--json"])
        missing = CliRunner().invoke(cli, ["--url", url, "--token", "t", "single", "--file", str(tmp_path / "nope")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sha256"] == _sha(data)
    assert missing.exit_code == 2 and "does not exist" in missing.output
