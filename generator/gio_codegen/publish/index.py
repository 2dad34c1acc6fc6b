"""Which files of a project a package index already has (PEP 503 HTML or PEP 691 JSON simple API)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from gio_codegen.errors import UserError

_SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"


def normalize(name: str) -> str:
    """PEP 503 project name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def index_url_for(repository_url: str) -> str:
    """The simple index beside an upload URL: `https://upload.pypi.org/legacy/` → `https://pypi.org/simple/`.

    pypiserver, devpi and most private indexes take uploads at their root (or `…/legacy/`)
    and serve `…/simple/` beside it.
    """
    parts = urlsplit(repository_url)
    host = parts.netloc.removeprefix("upload.")
    path = parts.path.rstrip("/")
    for suffix in ("/legacy", "/simple"):
        path = path.removesuffix(suffix)
    return f"{parts.scheme}://{host}{path}/simple/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []
        self._in_anchor = False
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._in_anchor = True
            self._href = dict(attrs).get("href") or ""
            path = urlsplit(self._href).path
            if path:
                self.files.append(unquote(path.rsplit("/", 1)[-1]))


def existing_files(index_url: str, project: str, timeout: float = 30.0) -> set[str]:
    """Filenames the index lists for `project` (empty if it does not know the project).

    Credentials: `TWINE_USERNAME` / `TWINE_PASSWORD`, as for the upload. A redirect to
    another host (pypiserver's fallback to PyPI for unknown projects) means "not here".
    """
    import httpx

    url = urljoin(index_url if index_url.endswith("/") else index_url + "/", normalize(project) + "/")
    user, password = os.environ.get("TWINE_USERNAME"), os.environ.get("TWINE_PASSWORD")
    auth = httpx.BasicAuth(user, password) if user and password else None
    headers = {"Accept": f"{_SIMPLE_JSON}, text/html;q=0.5"}
    host = urlsplit(url).netloc
    try:
        with httpx.Client(timeout=timeout, auth=auth, headers=headers, follow_redirects=False) as client:
            for _ in range(5):
                response = client.get(url)
                if not response.is_redirect:
                    break
                url = urljoin(url, response.headers["location"])
                if urlsplit(url).netloc != host:
                    return set()
    except httpx.HTTPError as error:
        raise UserError.at(url, f"cannot check the index for existing versions: {error}", code="publish") from None
    if response.status_code == 404:
        return set()
    if response.status_code != 200:
        raise UserError.at(
            url, f"cannot check the index for existing versions: HTTP {response.status_code}"
            + (" (set TWINE_USERNAME and TWINE_PASSWORD)" if response.status_code in (401, 403) else ""),
            code="publish",
        )
    if response.headers.get("content-type", "").startswith(_SIMPLE_JSON):
        return {str(entry.get("filename")) for entry in response.json().get("files", [])}
    parser = _Links()
    parser.feed(response.text)
    return set(parser.files)


def parse_filename(filename: str) -> tuple[str, str] | None:
    """(normalised project name, version) of a wheel (`name-1.0-…whl`) or sdist (`name-1.0.tar.gz`)."""
    if filename.lower().endswith(".whl"):
        parts = filename.split("-")
        if len(parts) < 5:
            return None
        name, version = parts[0], parts[1]
    else:
        match = re.match(r"^(.+)-([^-]+?)\.(?:tar\.gz|zip)$", filename, re.IGNORECASE)
        if not match:
            return None
        name, version = match.groups()
    return normalize(name), version


def versions_of(files: set[str], project: str) -> set[str]:
    """The versions of `project` among index filenames."""
    parsed = (parse_filename(f) for f in files)
    return {p[1] for p in parsed if p is not None and p[0] == normalize(project)}
