"""Collection is paused while a response is parsed and validated (responses.paused_gc), and the
caller's state is restored: after success, after an error, with many threads at once, and when
the caller had disabled collection itself."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from pydantic import field_validator

from growingio_client import InvalidResponseError, TagsQuery
from growingio_client.base_model import BaseModel
from growingio_client.responses import paused_gc
from growingio_client.transport import validate_result

SEEN: list[bool] = []


class Probe(BaseModel):
    value: int

    @field_validator("value")
    @classmethod
    def _record(cls, value: int) -> int:
        SEEN.append(gc.isenabled())
        return value


@pytest.fixture(autouse=True)
def _gc_enabled() -> Iterator[None]:
    gc.enable()
    SEEN.clear()
    yield
    gc.enable()


def test_validation_runs_with_collection_paused_and_restores_it() -> None:
    assert validate_result(Probe, {"value": 1}).value == 1
    assert SEEN == [False] and gc.isenabled()


def test_an_invalid_response_restores_collection() -> None:
    with pytest.raises(InvalidResponseError):
        validate_result(TagsQuery, {"tags": [{"id": 1}]})
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_gc:
            1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_caller_that_disabled_collection_keeps_it_disabled() -> None:
    gc.disable()
    validate_result(Probe, {"value": 2})
    with paused_gc:
        with paused_gc:
            pass
    assert SEEN == [False] and not gc.isenabled()


def test_threads_pause_and_restore_together() -> None:
    """Many threads in and out of the pause at once: inside, collection is always off (no thread
    re-enables it under another's parse); once all are out, it is on again."""
    errors: list[str] = []
    start = threading.Barrier(16)

    def work() -> None:
        start.wait()
        for _ in range(300):
            with paused_gc:
                if gc.isenabled():
                    errors.append("enabled during a pause")
                validate_result(Probe, {"value": 3})

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and SEEN and not any(SEEN)
    assert gc.isenabled()


def test_the_real_client_parses_with_collection_paused(client) -> None:
    from .helpers import PROJECT

    assert client.tags(project_id=PROJECT)
    assert gc.isenabled()
