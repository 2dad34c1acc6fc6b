"""``python -m gio_devserver``: serve on 127.0.0.1 only (it is a test server, no TLS)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import uvicorn

from .app import create_app
from .settings import Settings

DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "schema.graphql"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m gio_devserver", description="Local GrowingIO-compatible dev server"
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8765)))
    parser.add_argument(
        "--secret", default=os.environ.get("SECRET", "dev-secret"), help="client_secret accepted by the token endpoint"
    )
    parser.add_argument("--schema", type=Path, default=Path(os.environ.get("GIO_SCHEMA", DEFAULT_SCHEMA)))
    parser.add_argument("--token-ttl", type=float, default=Settings.token_ttl)
    parser.add_argument("--job-duration", type=float, default=Settings.job_duration)
    parser.add_argument("--download-size", type=int, default=Settings.download_size)
    parser.add_argument("--token-prefix", default=Settings.token_prefix)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    settings = Settings(
        token_ttl=args.token_ttl,
        job_duration=args.job_duration,
        download_size=args.download_size,
        token_prefix=args.token_prefix,
    )
    app = create_app(args.schema, client_secret=args.secret, settings=settings)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level=args.log_level, lifespan="off")


if __name__ == "__main__":
    main()
