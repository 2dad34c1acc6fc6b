"""A local GrowingIO-compatible server for demos and end-to-end tests.

It loads the project's canonical ``schema.graphql`` at startup (never a copy), so the
server and the generated client can't drift apart silently.
"""

from .app import create_app
from .content import expected_content
from .settings import Settings

__all__ = ["Settings", "create_app", "expected_content"]
