"""Export jobs, recognised by the shape of the schema rather than by GrowingIO's names.

Any schema whose long-running work looks like GrowingIO's (a mutation hands back a job
with an `id` and a `stage`; a query looks a job up by `id` and, once finished, lists
`uris` to download) gets `wait_for_job`, `download` and one `export_*` flow per job
mutation, without configuration. The rules are deliberately narrow: a false positive
would generate a flow that cannot work, a false negative only loses a convenience.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from gio_codegen.errors import UserError
from gio_codegen.generate.spec import OperationSpec
from gio_codegen.naming import snake_case

SUCCESS_STAGE = "FINISH"
FAILURE_STAGE = "ERROR"
# Keyword arguments every flow adds to its mutation's own; a variable may not take them.
FLOW_PARAMETERS = frozenset({"dest_dir", "encoding", "keep_charset", "overwrite", "max_bytes", "timeout", "poll", "progress"})


@dataclass(frozen=True)
class JobFlow:
    """One `export_*` method: submit `mutation`, wait, download."""

    mutation: OperationSpec
    name: str  # export_tag_users
    command: str  # tag-users (the CLI's `export` subcommand)
    nullable: bool  # the mutation may answer null instead of a job
    summary: str  # the mutation's description
    doc: str


@dataclass(frozen=True)
class JobSupport:
    """Everything the jobs/client/cli templates need; None when the schema has no jobs."""

    poll: OperationSpec
    poll_param: str  # keyword of `poll.method` that takes the job id
    result_class: str  # the model `wait_for_job` returns
    result_module: str
    stage_enum: str
    flows: list[JobFlow]


def job_stage_enum(type_: object) -> GraphQLEnumType | None:
    """The `stage` enum of a job-like object type, or None.

    Job-like: an object type with an `id` field and a `stage` field whose enum has both a
    terminal-success value (FINISH) and a failure value (ERROR), so polling can stop.
    """
    if not isinstance(type_, GraphQLObjectType) or "id" not in type_.fields or "stage" not in type_.fields:
        return None
    stage = _nullable(type_.fields["stage"].type)
    if isinstance(stage, GraphQLEnumType) and {SUCCESS_STAGE, FAILURE_STAGE} <= set(stage.values):
        return stage
    return None


def is_job_mutation(operation: OperationDefinitionNode, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> bool:
    """A mutation whose single root field returns a job-like object and selects its `id`.

    `id` must be selected because the flow passes it to the poll query (the docs poll with
    the mutation's long id, not with the result's short one).
    """
    found = _root(operation, schema, "mutation")
    if found is None:
        return False
    node, field = found
    returned = _nullable(field.type)
    return job_stage_enum(returned) is not None and "id" in selected_fields(node.selection_set, fragments)


def is_poll_query(operation: OperationDefinitionNode, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> bool:
    """A query whose single root field takes exactly one argument, `id`, passed as a variable,
    and returns (and selects) an object with a finished-able `stage` and `uris`."""
    found = _root(operation, schema, "query")
    if found is None:
        return False
    node, field = found
    returned = _nullable(field.type)
    if list(field.args) != ["id"] or _id_variable(node) is None or not isinstance(returned, GraphQLObjectType):
        return False
    if "uris" not in returned.fields or not isinstance(_nullable(returned.fields["uris"].type), GraphQLList):
        return False
    stage = _nullable(returned.fields["stage"].type) if "stage" in returned.fields else None
    if not (isinstance(stage, GraphQLEnumType) and {SUCCESS_STAGE, FAILURE_STAGE} <= set(stage.values)):
        return False
    return {"stage", "uris"} <= selected_fields(node.selection_set, fragments)


def flow_name(root_field: str) -> str:
    """`submitTagUserExportJob` → `export_tag_users`; `submitAnalysisExportJob` → `export_analysis`.

    Strip a `submit` prefix and an `ExportJob` (else `Job`) suffix, snake_case the rest,
    pluralise a trailing `_user` (an export of users), prefix `export_`.
    """
    core = root_field.removeprefix("submit")
    core = core[: -len("ExportJob")] if core.endswith("ExportJob") else core.removesuffix("Job")
    name = snake_case(core) or snake_case(root_field)
    if name == "user" or name.endswith("_user"):
        name += "s"
    return "export_" + name


def has_job_operations(
    operations: list[OperationDefinitionNode], schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]
) -> bool:
    """Whether the operations are job-shaped (a poll query and a job mutation), decided before the
    models exist: it chooses the job exceptions, the download code and the package's exports."""
    return any(is_poll_query(op, schema, fragments) for op in operations) and any(
        is_job_mutation(op, schema, fragments) for op in operations
    )


def find_job_support(
    operations: list[tuple[OperationDefinitionNode, OperationSpec]],
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    where: str,
) -> JobSupport | None:
    """The poll query (the first by method name when several match) and every job mutation."""
    polls = sorted((spec for op, spec in operations if is_poll_query(op, schema, fragments)), key=lambda s: s.method)
    mutations = [(op, spec) for op, spec in operations if is_job_mutation(op, schema, fragments)]
    if not polls or not mutations:
        return None
    poll = polls[0]
    poll_op = next(op for op, spec in operations if spec is poll)
    result_class = _model_class(poll.return_annotation)
    stage = _stage_enum(poll_op, schema)
    if result_class is None or stage is None:
        return None
    flows = []
    for _op, spec in sorted(mutations, key=lambda pair: pair[1].method):
        clash = FLOW_PARAMETERS & {p.name for p in spec.params}
        if clash:
            raise UserError.at(where, f"{spec.name}: variable(s) {sorted(clash)} clash with the export flow's own parameters")
        name = flow_name(spec.root_field or spec.name)
        nullable = spec.return_annotation.endswith(" | None")
        summary = spec.docstring.split("\n\n", 1)[0].rstrip("。.")
        doc = (
            f"{summary}: send `{spec.name}`, wait for the job, download its files into `dest_dir`.\n\n"
            "Returns the paths written; `encoding` is as for `download`, `timeout` and `poll` as for `wait_for_job`."
        )
        flows.append(JobFlow(spec, name, name.removeprefix("export_").replace("_", "-"), nullable, summary, doc))
    names = [flow.name for flow in flows]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UserError.at(where, f"several job mutations map to the same flow name: {', '.join(duplicates)}")
    root = _root(poll_op, schema, "query")
    variable = _id_variable(root[0]) if root else None
    poll_param = next(p.name for p in poll.params if p.graphql == variable)
    module = next((m for m, names in poll.model.imports.items() if result_class in names), "." + poll.model.module)
    return JobSupport(poll, poll_param, result_class, module, stage.name, flows)


def selected_fields(selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode]) -> set[str]:
    """Field names selected at this level, through fragment spreads and inline fragments."""
    names: set[str] = set()
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names |= selected_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            names |= selected_fields(fragments[selection.name.value].selection_set, fragments)
    return names


def _root(operation: OperationDefinitionNode, schema: GraphQLSchema, kind: str) -> tuple[FieldNode, GraphQLField] | None:
    selections = operation.selection_set.selections
    root_type = schema.get_root_type(operation.operation)
    if operation.operation.value != kind or root_type is None or len(selections) != 1:
        return None
    node = selections[0]
    if not isinstance(node, FieldNode) or node.alias is not None or node.name.value not in root_type.fields:
        return None
    return node, root_type.fields[node.name.value]


def _id_variable(node: FieldNode) -> str | None:
    arguments = [a for a in node.arguments if a.name.value == "id"]
    if len(arguments) == 1 and isinstance(arguments[0].value, VariableNode):
        return arguments[0].value.name.value
    return None


def _stage_enum(operation: OperationDefinitionNode, schema: GraphQLSchema) -> GraphQLEnumType | None:
    found = _root(operation, schema, "query")
    if found is None:
        return None
    returned = get_named_type(found[1].type)
    if not isinstance(returned, GraphQLObjectType):
        return None
    stage = _nullable(returned.fields["stage"].type)
    return stage if isinstance(stage, GraphQLEnumType) else None


def _nullable(type_: GraphQLOutputType) -> GraphQLOutputType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _model_class(annotation: str) -> str | None:
    """`JobResult | None` or `JobResult` → the class name."""
    node = ast.parse(annotation, mode="eval").body
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr) and isinstance(node.right, ast.Constant):
        node = node.left
    return node.id if isinstance(node, ast.Name) else None
