"""One record for every problem found, and the renderers that show them to people."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from . import step_codes  # noqa: F401 - declares the steps' codes (the rules declare theirs)
from .escape import display, gfm_cell, quoted, visible
from .registry import DECLARED, Rule


@dataclass(frozen=True)
class Error:
    """A problem found in the package: where it is, which rule, what to do.

    RULE is given as the rule's name and held as the Rule itself, found among the codes declared
    so far (registry.DECLARED): an unknown name fails where the error is made."""

    file: str
    line: int | None
    column: str | None
    rule: Rule
    message: str
    hint: str = field(default="")

    def __post_init__(self):
        if not isinstance(self.rule, Rule):
            object.__setattr__(self, "rule", DECLARED[self.rule])

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> str:
        return self.rule.severity

    @property
    def fix(self) -> str:
        return self.hint or self.rule.hint

    @property
    def key(self) -> tuple:
        """Two errors with the same key are the same problem reported twice."""
        return (self.file, self.line, self.column, self.rule.name)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or "", self.code, self.message)

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "rule": self.rule.name,
                "message": self.message, "hint": self.fix, "code": self.code, "severity": self.severity}


def show(value: object, limit: int = 80) -> str:
    """Quote a cell value for a message: invisible characters escaped, long values cut (escape.quoted)."""
    return quoted(value, limit)


def merge(*groups: list[Error]) -> list[Error]:
    """All errors, each problem once (the first report wins), in file and line order."""
    seen: dict[tuple, Error] = {}
    for group in groups:
        for error in group:
            seen.setdefault(error.key, error)
    return sorted(seen.values(), key=Error.sort_key)


def _plain(text: str) -> str:
    """A name from the data (a column, a file) with backslash, quote and invisible characters escaped."""
    return quoted(text)[1:-1]


def _where(e: Error) -> str:
    where = _plain(e.file)
    if e.line:
        where += f":{e.line}"
    return where


def render_text(errors: list[Error], summary: dict) -> str:
    out = []
    for e in errors:
        column = f" {_plain(e.column)}:" if e.column else ""
        out.append(f"{_where(e)}: {e.severity} {e.code} [{e.rule.name}]{column} {visible(e.message)}")
        out.append(f"    hint: {visible(e.fix)}")
    n_errors = sum(e.severity == "error" for e in errors)
    n_notices = len(errors) - n_errors
    if summary.get("tables"):
        out.append("")
        out.append(f"Package {_plain(summary['name'])} {_plain(summary['version'])}:")
        for name, rows in summary["tables"].items():
            out.append(f"  {_plain(name):<22} {rows:>6} rows")
    out.append("")
    if n_errors:
        files = len({e.file for e in errors if e.severity == "error"})
        out.append(f"INVALID: {n_errors} error(s) in {files} file(s), {n_notices} notice(s).")
    else:
        out.append(f"VALID: no errors, {n_notices} notice(s).")
    return "\n".join(out) + "\n"


def render_json(errors: list[Error], summary: dict) -> str:
    valid = not any(e.severity == "error" for e in errors)
    doc = {"valid": valid, "summary": summary, "errors": [e.as_dict() for e in errors]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    """A workflow command's value: %, CR and LF encoded (and : , in a property); other invisible
    characters shown as escapes (escape.visible)."""
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(errors: list[Error], summary: dict) -> str:
    """GitHub Actions annotations; the full list also goes to the job summary."""
    out = []
    for e in errors:
        level = "error" if e.severity == "error" else "notice"
        props = [f"file={_gh_escape(e.file, True)}"]
        if e.line:
            props.append(f"line={e.line}")
        props.append(f"title={_gh_escape(f'{e.code} {e.rule.name}', True)}")
        column = f"{e.column}: " if e.column else ""
        out.append(f"::{level} {','.join(props)}::{_gh_escape(column + e.message + ' Hint: ' + e.fix)}")
    notice = write_step_summary(render_markdown(errors))
    if notice:
        out.append(notice)
    out.append(render_text([], summary).strip() if not errors else
               f"{sum(e.severity == 'error' for e in errors)} error(s), see annotations.")
    return "\n".join(out) + "\n"


def write_step_summary(markdown: str) -> str:
    """Append MARKDOWN to the job summary GitHub names in GITHUB_STEP_SUMMARY (nothing when it is
    unset); "" on success, else a ::notice line saying why, so the annotations still print."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return ""
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(markdown)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        said = f"cannot write GITHUB_STEP_SUMMARY {display(path)}: {reason}; the annotations above are complete"
        return f"::notice title=job summary not written::{_gh_escape(said)}"
    return ""


def _md_cell(text: str) -> str:
    """A cell of the job summary's table (escape.gfm_cell)."""
    return gfm_cell(text)


def render_markdown(errors: list[Error]) -> str:
    lines = ["## dipevents validate", ""]
    if not errors:
        return "\n".join(lines + ["No errors.", ""])
    lines += ["| file | line | column | code | message | hint |", "|---|---|---|---|---|---|"]
    for e in errors:
        cells = [e.file, str(e.line or ""), e.column or "", f"{e.code} {e.rule.name}", e.message, e.fix]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines + [""])


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
