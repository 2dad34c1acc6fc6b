"""Scenario schemas for the diff tests: the real schema.graphql with one small, named edit each.

Built at test time (never committed as copies), so they follow the schema as it changes.
"""

from pathlib import Path

BASE = (Path(__file__).resolve().parents[1] / "schema.graphql").read_text(encoding="utf-8")
BUSINESS = '  "业务类型"\n  businessType: String\n  "创建者id"\n  creatorId: HashId!\n  "创建时间"\n  createdAt: DateTime!\n  "更新者id"\n  updaterId: HashId\n  "更新时间"\n  updatedAt: DateTime\n  "创建者"\n  creator: String\n  "更新者"\n  updater: String\n  "值类型"\n  valueType: ValueType\n'
TAGS = '  tags(\n    "项目ID"\n    projectId: HashId!\n  ): [Tag]\n'
STAGE = '  "任务正在执行"\n  RUNNING\n  "数据已经准备就绪"\n  DATA_READY\n  "任务完成"\n  FINISH\n'
QUERY = "type Query {\n"


def edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


CASES = {
    "base": BASE,
    "field_removed": edit(BUSINESS, BUSINESS.replace('  "业务类型"\n  businessType: String\n', "")),
    "field_deprecated": edit(BUSINESS, BUSINESS.replace("businessType: String", 'businessType: String @deprecated(reason: "Use type.")')),
    "required_arg": edit(TAGS, TAGS.replace("): [Tag]", '  "Page size"\n    limit: Int!\n  ): [Tag]')),
    "optional_arg": edit(TAGS, TAGS.replace("): [Tag]", '  "Page size"\n    limit: Int\n  ): [Tag]')),
    "enum_value": edit(STAGE, STAGE.replace("  RUNNING\n", '  RUNNING\n  "任务已暂停"\n  PAUSED\n')),
    "root_field": edit(QUERY, QUERY + '  "Liveness check"\n  ping: String\n\n'),
    "description": edit('  "获取标签列表"\n  tags(', '  "获取标签列表 (every tag of a project)"\n  tags('),
}


def write_cases(directory: Path) -> Path:
    for name, text in CASES.items():
        (directory / f"{name}.graphql").write_text(text, encoding="utf-8")
    return directory
