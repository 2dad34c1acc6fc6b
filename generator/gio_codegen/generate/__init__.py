"""Stage 3: generate. `tree.render_tree` renders the client distribution (models by
ariadne-codegen, the rest by jinja2 templates, all formatted by ruff)."""
