"""Rule documentation from the rules' own metadata: ``proglint rules``,
``proglint explain`` and the generated ``docs/rules.md``.  Written once,
in the rule; never copied by hand."""

from __future__ import annotations

import json

from .config import Config
from .meta import SOMETIMES

GROUPS = (
    ("PL0", "Parsing and structure"),
    ("PL1", "Front matter and metadata"),
    ("PL2", "Observations"),
    ("PL3", "Targets"),
    ("PL4", "Folders"),
    ("PL5", "Labels and templates"),
    ("PL6", "Cross-document"),
    ("PL7", "Suppressions"),
    ("PL9", "Internal"),
)


def _rows(config: Config):
    from .pipeline import registry_for

    registry = registry_for(config)
    for info in sorted(registry.infos.values(), key=lambda i: i.code):
        effective = config.severity_of(info)
        yield info, (effective.value if effective else "off"), registry.rule(info.code)


def render(fmt: str, config: Config) -> str:
    rows = list(_rows(config))
    if fmt == "json":
        return json.dumps(
            [
                {
                    "code": i.code, "name": i.name, "default_severity": i.severity.value,
                    "enabled_by_default": i.enabled, "effective_severity": eff, "fixable": i.fixable,
                    "fix": i.autofix or None,
                    "source": i.origin, "summary": i.summary,
                }
                for i, eff, _ in rows
            ],
            indent=2,
        ) + "\n"
    if fmt == "markdown":
        return markdown(rows)
    width = max(len(i.name) for i, _, _ in rows)
    lines = [f"{'code':<6} {'name':<{width}} {'default':<8} {'effective':<9} {'fix':<9} summary"]
    for i, eff, _ in rows:
        default = i.severity.value if i.enabled else "off"
        lines.append(f"{i.code:<6} {i.name:<{width}} {default:<8} {eff:<9} {i.autofix:<9} {i.summary}")
    return "\n".join(lines) + "\n"


def group_of(code: str) -> str:
    return next((title for prefix, title in GROUPS if code.startswith(prefix)), "Other")


def table(rows) -> str:
    """The rule list for the README: one line per check."""
    lines = ["| code | name | severity | fix | summary |", "| --- | --- | --- | --- | --- |"]
    for i, _, _ in rows:
        default = i.severity.value + ("" if i.enabled else " (off by default)")
        lines.append(f"| [{i.code}](docs/rules.md#{i.code.lower()}-{i.name}) | `{i.name}` | {default} | {i.autofix} | {i.summary} |")
    return "\n".join(lines) + "\n"


def markdown(rows) -> str:
    out = [
        "# proglint rules",
        "",
        "Generated from the rules' own metadata by `proglint rules --format markdown`; do not edit by hand.",
        "",
        "Codes are grouped by concern, so a prefix selects a group:",
        "",
    ]
    out += [f"- `{prefix}xx` — {title}" for prefix, title in GROUPS]
    current = None
    for info, _, rule in rows:
        group = group_of(info.code)
        if group != current:
            out += ["", f"## {group}"]
            current = group
        out += ["", f"### {info.code} {info.name}", ""]
        default = info.severity.value + ("" if info.enabled else ", off by default")
        out.append(f"*{default}{_fix_words(info)}* — {info.summary}")
        if info.documentation:
            out += ["", info.documentation]
        out += ["", info.fix_line]
        if rule is not None and rule.settings:
            out += ["", "Settings (`[tool.proglint.rule." + info.name + "]`):", ""]
            out += [f"- `{s.name}` (default `{json.dumps(s.default)}`): {s.description}" for s in rule.settings]
    return "\n".join(out) + "\n"


def _fix_words(info) -> str:
    """", safe fix" beside the severity; nothing for a check without one."""
    if not info.fixable:
        return ""
    return ", safe or unsafe fix" if info.autofix == SOMETIMES else f", {info.autofix} fix"


def explain(info, rule) -> str:
    default = info.severity.value + ("" if info.enabled else ", off by default")
    parts = [f"{info.code} {info.name} ({default}{_fix_words(info)})", "", info.summary]
    if info.documentation:
        parts += ["", info.documentation]
    parts += ["", info.fix_line]
    if rule is not None and rule.settings:
        parts += ["", f"Settings ([tool.proglint.rule.{info.name}]):"]
        parts += [f"  {s.name} = {json.dumps(s.default)}  # {s.description}" for s in rule.settings]
    parts += ["", f"Source: {info.origin}"]
    return "\n".join(parts) + "\n"


def regenerate(root) -> None:
    """Rewrite docs/rules.md and the README's rule table from the metadata
    (``python -m proglint.ruledocs`` in the repository)."""
    from pathlib import Path

    root = Path(root)
    config = Config()
    rows = list(_rows(config))
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "rules.md").write_text(markdown(rows), encoding="utf-8")
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(head + start + table(rows) + end + tail, encoding="utf-8")


if __name__ == "__main__":
    regenerate(".")
