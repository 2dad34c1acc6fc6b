"""Stage 1: read config, schema and operation files into graphql-core objects."""
