"""`gio-codegen rules`: the rule registry (validate/rules) and each rule's level in this project."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from gio_codegen.fs import find_config
from gio_codegen.load.config import load_config
from gio_codegen.validate.rules import RULES, rule_levels


def run_rules(config_path: Path | None, fmt: str) -> int:
    if config_path is None and find_config(os.getcwd()) is None:
        levels = {rule.id: rule.default for rule in RULES}  # outside a project: the defaults
    else:
        levels = rule_levels(load_config(config_path))
    rows = [
        {"id": rule.id, "level": levels[rule.id], "default": rule.default, "configurable": rule.configurable,
         "summary": rule.summary}
        for rule in RULES
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return 0
    width = max(len(rule.id) for rule in RULES)
    for row in rows:
        fixed = "" if row["configurable"] else " (required)"
        click.echo(f"{row['id']:<{width}}  {row['level']:<7}  default {row['default']:<7}  {row['summary']}{fixed}")
    click.echo("\nSet a level in [tool.gio-codegen.rules], e.g. OneOperationPerFile = \"error\". "
               "graphql-core's validation rules are always errors.")
    return 0
