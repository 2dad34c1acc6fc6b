"""Schema diffs judged by what the project's operations use (see docs/versioning.md)."""
