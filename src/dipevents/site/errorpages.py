"""A page for every error code the validator can report, from the catalogue (catalogue.py)."""

from __future__ import annotations

from ..catalogue import by_code
from ..escape import visible_lines
from .render import link, table, text


def _block(example: str) -> str:
    """A fenced example: Markdown escapes its HTML; invisible characters are shown as escapes."""
    return "```text\n" + visible_lines(example).replace("```", "'''") + "\n```\n"


def error_page(code: str) -> str:
    rule = by_code()[code]
    return (f"# {text(code)} {text(rule.name)}\n\n**{text(rule.title)}** ({text(rule.severity)})\n\n"
            f"## How to fix it\n\n{text(rule.hint)}\n\n"
            f"## Wrong\n\n{_block(rule.wrong)}\n## Fixed\n\n{_block(rule.fixed)}\n"
            f"[All error codes](index.md)\n")


def errors_index() -> str:
    rows = [[link(code, f"{code}.md"), f"<code>{text(rule.name)}</code>", text(rule.severity), text(rule.title)]
            for code, rule in sorted(by_code().items())]
    return ("# Error codes\n\nEvery problem `dipevents validate` reports carries one of these codes, "
            "with the file, line and column where it is. Each page shows a wrong and a fixed example.\n\n"
            + table(["Code", "Rule", "Severity", "Meaning"], rows))


def error_pages() -> dict[str, str]:
    pages = {f"errors/{code}.md": error_page(code) for code in by_code()}
    pages["errors/index.md"] = errors_index()
    return pages
