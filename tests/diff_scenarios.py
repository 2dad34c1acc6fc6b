"""Scenario schemas for the diff tests: the real schema.graphql with one small, named edit each.

Built at test time (never committed as copies), so they follow the schema as it changes.
"""

from pathlib import Path

BASE = (Path(__file__).resolve().parents[1] / "schema.graphql").read_text(encoding="utf-8")
BUSINESS = '  "业务类型"\n  businessType: String\n  "创建者id"\n  creatorId: HashId!\n  "创建时间"\n  createdAt: DateTime!\n  "更新者id"\n  updaterId: HashId\n  "更新时间"\n  updatedAt: DateTime\n  "创建者"\n  creator: String\n  "更新者"\n  updater: String\n  "值类型"\n  valueType: ValueType\n'
TAGS = '  tags(\n    "项目ID"\n    projectId: HashId!\n  ): [Tag]\n'
STAGE = '  "任务正在执行"\n  RUNNING\n  "数据已经准备就绪"\n  DATA_READY\n  "任务完成"\n  FINISH\n'
QUERY = "type Query {\n"


def edit(old: str, new: str, base: str = BASE) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


CASES = {
    "base": BASE,
    "field_removed": edit(BUSINESS, BUSINESS.replace('  "业务类型"\n  businessType: String\n', "")),
    "field_deprecated": edit(BUSINESS, BUSINESS.replace("businessType: String", 'businessType: String @deprecated(reason: "Use type.")')),
    "required_arg": edit(TAGS, TAGS.replace("): [Tag]", '  "Page size"\n    limit: Int!\n  ): [Tag]')),
    "optional_arg": edit(TAGS, TAGS.replace("): [Tag]", '  "Page size"\n    limit: Int\n  ): [Tag]')),
    "enum_value": edit(STAGE, STAGE.replace("  RUNNING\n", '  RUNNING\n  "任务已暂停"\n  PAUSED\n')),
    "root_field": edit(QUERY, QUERY + '  "Liveness check"\n  ping: String\n\n'),
    "description": edit('  "获取标签列表"\n  tags(', '  "获取标签列表 (every tag of a project)"\n  tags('),
    # Changes that rewrite the generated client without a breaking or dangerous schema change.
    "output_nonnull": edit(BUSINESS, BUSINESS.replace("businessType: String\n", "businessType: String!\n")),
    "input_nullable": edit("  analysisType: AnalysisType!\n}", "  analysisType: AnalysisType\n}"),
    "input_default": edit("  analysisType: AnalysisType!\n}", "  analysisType: AnalysisType! = CHARTS\n}"),
    "deprecation_reason": edit('@deprecated(reason: "Use type.")', '@deprecated(reason: "Use valueType.")',
                               edit(BUSINESS, BUSINESS.replace("businessType: String", 'businessType: String @deprecated(reason: "Use type.")'))),
    "root_type": BASE + '\n"Server pushes"\ntype Subscription {\n  "A tick"\n  tick: Int\n}\n',
    "layout": BASE.replace("\n\n", "\n\n\n", 1),
    "enum_value_removed": edit(STAGE, STAGE.replace('  "任务正在执行"\n  RUNNING\n', "")),
}


def write_cases(directory: Path) -> Path:
    for name, text in CASES.items():
        (directory / f"{name}.graphql").write_text(text, encoding="utf-8")
    return directory
