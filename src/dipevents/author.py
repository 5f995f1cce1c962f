"""Helpers for contributors: template rows with suggested IDs, appending checked rows, archiving a source.

Every writer refuses before anything is written: the row is checked by validating a
temporary copy of the package with it (see ``change_check``), and files are replaced atomically.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from datetime import date
from pathlib import Path

from .fmt import canonical, write_atomic, write_temp
from .limits import MAX_SOURCE_BYTES  # the largest archived text: one limit for validate and source add
from .package import Package, Resource
from .paths import safe_path
from .tables import _parse, parse_records

RETIRED = "retired_ids"


class AuthorError(Exception):
    """A request that cannot be carried out; the message says why."""


class Refused(AuthorError):
    """The validator rejects the row that would be written; the message lists its errors."""


def key_lines(resource: Resource) -> dict[str, int]:
    """Each key of a one-field-key table and the physical line of its row."""
    try:
        text = resource.file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    records, lines, errors = _parse(resource, text)
    if errors or not records or len(resource.primary_key) != 1 or resource.primary_key[0] not in records[0]:
        return {}
    column = records[0].index(resource.primary_key[0])
    return {row[column]: line for row, line in zip(records[1:], lines[1:]) if len(row) > column}


def retired_lines(package: Package | None) -> dict[str, int]:
    resource = package.resources.get(RETIRED) if package else None
    return key_lines(resource) if resource is not None else {}


def key_pattern(resource: Resource) -> re.Pattern | None:
    if len(resource.primary_key) != 1:
        return None
    pattern = (resource.field(resource.primary_key[0]) or {}).get("constraints", {}).get("pattern")
    return re.compile(pattern) if pattern else None


def check_key_free(resource: Resource, key: str, package: Package | None, suggested: bool,
                   option: str | None = None) -> None:
    """Refuse a key that a row already has, or that was retired, naming that row."""
    option = option or f"--set {resource.primary_key[0]}=..."
    explicit = f"; give {option} explicitly" if suggested else ""
    line = key_lines(resource).get(key)
    if line is not None:
        how = f"the suggested ID {key} is taken by" if suggested else f"{key} is already in"
        raise AuthorError(f"{how} {resource.path}:{line}{explicit}")
    line = retired_lines(package).get(key)
    if line is not None:
        what = f"the suggested ID {key}" if suggested else key
        where = package.resources[RETIRED].path
        raise AuthorError(f"{what} was retired ({where}:{line}); identifiers are never reused{explicit}")


def template(resource: Resource, values: dict[str, str], package: Package | None = None,
             parties: list[str] = (), topic: str | None = None, option: str | None = None) -> dict[str, str]:
    """A row of RESOURCE with VALUES filled in and, unless given, the ID its recipe suggests."""
    from .ids import RecipeError, suggest

    unknown = sorted(set(values) - set(resource.field_names))
    if unknown:
        raise AuthorError(f"{resource.name} has no column(s) {', '.join(unknown)}; "
                          f"columns: {', '.join(resource.field_names)}")
    row = {name: values.get(name, "") for name in resource.field_names}
    key = resource.primary_key[0] if len(resource.primary_key) == 1 else None
    if key and row[key]:
        if parties or topic:
            raise AuthorError(f"--party and --topic form a suggested ID; {key} is given explicitly")
        check_key_free(resource, row[key], package, suggested=False)
    elif key:
        try:
            row[key] = suggest(package, resource, values, list(parties), topic) or ""
        except RecipeError as exc:
            raise AuthorError(str(exc)) from None
        if row[key]:
            check_key_free(resource, row[key], package, suggested=True, option=option)
    elif parties or topic:
        raise AuthorError(f"{resource.name} has no single-field ID: --party and --topic do not apply")
    return row


def required_fields(resource: Resource) -> list[str]:
    return [f["name"] for f in resource.fields
            if f.get("constraints", {}).get("required") or f["name"] in resource.primary_key]


def rewritable(resource: Resource) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a table that can be rewritten in canonical form; refuse otherwise."""
    from .fmt import format_resource

    _, errors = format_resource(resource)
    if errors:
        raise AuthorError(f"{resource.path} cannot be rewritten ({errors[0].message}); run dipevents validate")
    records, _ = parse_records(resource)
    return records[0], records[1:]


def checked_text(package: Package, resource: Resource, header, body, row: dict[str, str], what: str,
                 files: dict[str, bytes] | None = None):
    """The table's new text with ROW among BODY, if the validator accepts ROW: (text, line, verdict)."""
    from .change_check import check_change, describe

    text = canonical(header, body, resource.field_names, resource.primary_key or resource.field_names)
    ordered = [row[name] for name in resource.field_names]
    written, lines, _ = _parse(resource, text)
    line = max(line for record, line in zip(written, lines) if record == ordered)
    key = row[resource.primary_key[0]] if len(resource.primary_key) == 1 else ""
    verdict = check_change(package, resource, text, line, key, files)
    if not verdict.accepted:
        raise Refused(describe(verdict, what))
    return text, line, verdict


def append(resource: Resource, row: dict[str, str], package: Package, files: dict[str, bytes] | None = None):
    """Add ROW to the table in canonical order if the validator accepts it; return (line, verdict)."""
    header, body = rewritable(resource)
    if len(resource.primary_key) == 1 and not row[resource.primary_key[0]]:
        raise AuthorError(f"no ID can be formed: fill in what {resource.primary_key[0]} is made of, "
                          f"or give --set {resource.primary_key[0]}=... explicitly")
    what = "the row " + ", ".join(row[k] for k in resource.primary_key)
    text, line, verdict = checked_text(package, resource, header, body + [[row[n] for n in header]], row, what, files)
    write_atomic(resource.file, text)
    return line, verdict


def add_source(package: Package, file: Path, url: str, published: str, title: str, publisher: str,
               language: str, source_id: str | None, notes: str = "", topic: str | None = None):
    """Archive FILE under sources/ and add its row to sources; return (id, archived path, line, verdict)."""
    resource = package.resources.get("sources")
    if resource is None:
        raise AuthorError("the package has no sources table")
    raw = read_source_text(file)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AuthorError(f"{file} is not UTF-8 text (byte {exc.start}); save it as UTF-8 first") from None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", published):
            raise ValueError
        date.fromisoformat(published)
    except ValueError:
        raise AuthorError(f"--published {published!r} is not a date YYYY-MM-DD") from None
    if not re.fullmatch(r"https?://\S+", url):
        raise AuthorError(f"--url {url!r} is not an http(s) URL")
    if not re.fullmatch(r"[a-z]{2}", language):
        raise AuthorError(f"--language {language!r} is not an ISO 639-1 code such as en")
    pattern = key_pattern(resource)
    if source_id and pattern and not pattern.fullmatch(source_id):
        raise AuthorError(f"--id {source_id!r} does not match the source_id pattern {pattern.pattern}")
    values = {"title": title, "publisher": publisher, "url": url, "published_date": published,
              "language": language, "text_sha256": hashlib.sha256(raw).hexdigest(), "notes": notes}
    if source_id:
        values["source_id"] = source_id
    row = template(resource, values, package, topic=topic, option="--id ...")
    source_id = row["source_id"]
    sources_dir, reason = safe_path(package.root, "sources")
    if reason:
        raise AuthorError(f"cannot archive into sources/: {reason}")
    archived = sources_dir / f"{source_id}.txt"
    if archived.parent != sources_dir or "/" in source_id or source_id.startswith("."):
        raise AuthorError(f"--id {source_id!r} would archive outside sources/")
    if archived.exists():
        raise AuthorError(f"sources/{archived.name} exists already; archived texts are never replaced")
    row["text_path"] = f"sources/{archived.name}"
    header, body = rewritable(resource)
    text, line, verdict = checked_text(package, resource, header, body + [[row[n] for n in header]], row,
                                       f"the source {source_id}", {row["text_path"]: raw})
    sources_dir.mkdir(exist_ok=True)
    # One step or neither: the text goes to a temporary name (invisible to validation), then
    # the row is written, then the text is renamed into place. Any failure removes both; after
    # kill -9 between the row and the rename, the next writer finishes the rename (lock.py).
    staged = write_temp(archived, raw)
    try:
        if archived.exists() or archived.is_symlink():
            raise AuthorError(f"sources/{archived.name} exists already; archived texts are never replaced")
        old_table = resource.file.read_bytes()
        write_atomic(resource.file, text)
        try:
            _place(staged, archived)
        except BaseException:
            write_atomic(resource.file, old_table.decode("utf-8"))  # no row without its text
            raise
    except FileExistsError:
        raise AuthorError(f"sources/{archived.name} exists already; archived texts are never replaced") from None
    finally:
        staged.unlink(missing_ok=True)
    return source_id, archived, line, verdict


def _place(staged: Path, archived: Path) -> None:
    """Give STAGED the name ARCHIVED without ever replacing a file of that name."""
    try:
        os.link(staged, archived)  # fails with FileExistsError if the name was taken meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if archived.exists() or archived.is_symlink():
            raise FileExistsError(archived) from None
        os.rename(staged, archived)


def read_source_text(file: Path) -> bytes:
    """The bytes of FILE, a regular file of at most MAX_SOURCE_BYTES; refuse a FIFO, a device,
    a folder or a symlink before reading anything (opened without blocking and without following)."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise AuthorError(f"{file} is a symlink; give the file itself") from None
        raise AuthorError(f"cannot read {file}: {exc.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        raise AuthorError(f"{file} is {kind}; give a text file")
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(MAX_SOURCE_BYTES + 1)
    if len(raw) > MAX_SOURCE_BYTES:
        raise AuthorError(f"{file} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB, the limit for an "
                          "archived text; archive the article's text only")
    return raw
