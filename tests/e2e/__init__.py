"""End-to-end tests: the generated client and CLI against the dev server over real HTTP.

A package (not a bare directory) so its conftest is imported as `e2e.conftest` and never
shadows another directory's `conftest` module.
"""
