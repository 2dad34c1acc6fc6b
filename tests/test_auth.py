"""`[tool.gio-codegen.auth]` (issue 14): each auth type generates a client that authenticates the
way the config says, checked against a real server on 127.0.0.1 that reports what it received;
the config's errors (a key that does not apply, an unknown type, the replaced top-level keys)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from conftest import run_cli
from fuzz.project import imported, mypy_strict
from local_asgi import serve

SCHEMA = "type Query { whoami: String }\n"
QUERY = "query Whoami { whoami }\n"
AUTH = {
    "none": 'type = "none"',
    "bearer": None,  # the default: no [auth] table at all
    "header": 'type = "header"\nname = "X-Api-Key"',
    "client-credentials": 'type = "client-credentials"\ntoken-path = "/oauth2/token"\nclient-id = "cid"\nscope = "read"\nprefix = "Token"',
}


def _project(root: Path, kind: str) -> Path:
    package = "auth_" + kind.replace("-", "_")
    config = f'[tool.gio-codegen]\npackage = "{package}"\ncli-name = "{package.replace("_", "-")}"\n'
    if AUTH[kind]:
        config += f"\n[tool.gio-codegen.auth]\n{AUTH[kind]}\n"
    (root / "queries").mkdir(parents=True)
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    (root / "queries/whoami.graphql").write_text(QUERY, encoding="utf-8")
    result = run_cli("generate", cwd=root)
    assert result.code == 0, result.text
    return root / "generated"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("auth")
    return {kind: _project(root / kind, kind) for kind in AUTH}


@pytest.fixture(scope="module")
def server() -> Any:
    """`whoami` answers with the auth headers the GraphQL request carried; /oauth2/token issues
    `issued-token` for the form it logs."""
    from ariadne import QueryType, make_executable_schema
    from ariadne.asgi import GraphQL
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    query = QueryType()
    forms: list[dict[str, list[str]]] = []

    @query.field("whoami")
    def whoami(_obj: Any, info: Any) -> str:
        headers = info.context["request"].headers
        return repr(sorted((k, v) for k, v in headers.items() if k in ("authorization", "x-api-key")))

    async def token(request: Request) -> JSONResponse:
        forms.append(parse_qs((await request.body()).decode()))
        return JSONResponse({"access_token": "issued-token", "expires_in": 3600})

    app = Starlette(routes=[
        Route("/oauth2/token", token, methods=["POST"]),
        Route("/graphql", GraphQL(make_executable_schema(SCHEMA, query)), methods=["POST"]),
    ])
    with serve(app) as url:
        yield url, forms


def test_none_sends_no_credentials_and_takes_none(projects: dict[str, Path], server: Any) -> None:
    url, _forms = server
    with imported(projects["none"], "auth_none") as package:
        assert "token" not in inspect.signature(package.Client).parameters
        with package.Client(url) as client:
            assert client.whoami() == "[]"
        with pytest.raises(TypeError):
            package.Client(url, token="t0ken-value")


def test_bearer_is_the_default_and_needs_a_token(projects: dict[str, Path], server: Any) -> None:
    url, _forms = server
    with imported(projects["bearer"], "auth_bearer") as package:
        assert inspect.signature(package.Client).parameters["token"].default is inspect.Parameter.empty
        assert "client_secret" not in inspect.signature(package.Client).parameters
        with package.Client(url, token="t0ken-value") as client:
            assert client.whoami() == "[('authorization', 'Bearer t0ken-value')]"


def test_header_sends_the_token_in_the_configured_header(projects: dict[str, Path], server: Any) -> None:
    url, _forms = server
    with imported(projects["header"], "auth_header") as package:
        with package.Client(url, token="k3y-value") as client:
            assert client.whoami() == "[('x-api-key', 'k3y-value')]"


def test_client_credentials_posts_the_configured_form(projects: dict[str, Path], server: Any) -> None:
    url, forms = server
    with imported(projects["client-credentials"], "auth_client_credentials") as package:
        with package.Client(url, client_secret="s3cret-value") as client:
            assert client.whoami() == "[('authorization', 'Token issued-token')]"
        with package.Client(url, token="given-token") as client:
            assert client.whoami() == "[('authorization', 'Token given-token')]"
    assert forms[-1] == {"grant_type": ["client_credentials"], "client_id": ["cid"], "client_secret": ["s3cret-value"],
                         "scope": ["read"]}


def test_the_readme_shows_the_chosen_auth(projects: dict[str, Path]) -> None:
    readmes = {kind: (path / "README.md").read_text(encoding="utf-8") for kind, path in projects.items()}
    assert 'Client("https://example.com") as client' in readmes["none"]
    for kind in ("bearer", "header"):
        assert 'token="..."' in readmes[kind] and "client_secret" not in readmes[kind], kind
        assert "CLIENT_SECRET" not in readmes[kind] and "--client-secret" not in readmes[kind], kind
    assert "`X-Api-Key: <token>`" in readmes["header"]
    assert 'client_secret="..."' in readmes["client-credentials"] and "/oauth2/token" in readmes["client-credentials"]


@pytest.mark.parametrize("kind", ["none", "header"])
def test_the_new_shapes_pass_mypy_strict(projects: dict[str, Path], kind: str) -> None:
    package = "auth_" + kind
    result = mypy_strict(projects[kind], package)
    assert result.returncode == 0, result.stdout


def _config_error(tmp_path: Path, config: str) -> str:
    (tmp_path / "queries").mkdir()
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "queries/whoami.graphql").write_text(QUERY, encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 1 and "Traceback" not in result.text, result.text
    return result.err


def test_the_replaced_keys_say_what_to_write(tmp_path: Path) -> None:
    err = _config_error(tmp_path, '[tool.gio-codegen]\nauth-header-prefix = "Token"\n')
    assert "pyproject.toml:2:1" in err and "[tool.gio-codegen.auth]" in err and 'prefix = "Token"' in err, err


def test_a_key_of_another_type_is_an_error(tmp_path: Path) -> None:
    err = _config_error(tmp_path, '[tool.gio-codegen]\n[tool.gio-codegen.auth]\ntype = "bearer"\nscope = "x"\n')
    assert "scope does not apply to type = 'bearer'" in err and "client-credentials" in err, err


def test_an_unknown_type_suggests_one(tmp_path: Path) -> None:
    err = _config_error(tmp_path, '[tool.gio-codegen]\n[tool.gio-codegen.auth]\ntype = "header-"\n')
    assert "did you mean 'header'" in err, err


def test_a_bad_header_name_is_an_error(tmp_path: Path) -> None:
    err = _config_error(tmp_path, '[tool.gio-codegen]\n[tool.gio-codegen.auth]\ntype = "header"\nname = "X Key"\n')
    assert "is not an HTTP header name" in err, err
