"""Stage 2: every operation checked against the schema before anything is generated.

graphql-core's specified rules run per operation file (with the fragments it
uses from other files); project rules live one per module in `rules/`.
"""

from __future__ import annotations

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.load.project import ProjectContext
from gio_codegen.validate.documents import validate_documents
from gio_codegen.validate.rules import run_project_rules


def validate_project(context: ProjectContext) -> list[Diagnostic]:
    diagnostics = list(validate_documents(context))
    diagnostics.extend(run_project_rules(context))
    return sorted(set(diagnostics))
