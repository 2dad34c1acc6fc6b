"""Releasing the generated client: automatic versions, reproducible builds, uploads (docs/publishing.md)."""
