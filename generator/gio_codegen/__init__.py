"""gio-codegen: schema-first generation of typed GraphQL clients."""

__version__ = "0.1.0"
