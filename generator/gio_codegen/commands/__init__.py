"""CLI verbs: thin compositions of the pipeline stages."""
