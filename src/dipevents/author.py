"""Helpers for contributors: template rows with suggested IDs, and archiving a new source."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from .fmt import canonical, write_atomic
from .package import Package, Resource
from .tables import _parse, parse_records

TITLE_FIELDS = ("name", "title", "event_name", "summary")


class AuthorError(Exception):
    """A request that cannot be carried out; the message says why."""


def slug(text: str | None) -> str:
    from slugify import slugify

    return slugify(text or "", max_length=60, word_boundary=True)


def id_prefix(resource: Resource) -> str | None:
    """'mtg' for a key whose pattern starts with 'mtg-'; None for tables without one-field IDs."""
    if len(resource.primary_key) != 1:
        return None
    pattern = (resource.field(resource.primary_key[0]) or {}).get("constraints", {}).get("pattern", "")
    m = re.match(r"([a-z]+)-", pattern)
    return m.group(1) if m else None


def retired_ids(package: Package | None) -> set[str]:
    resource = package.resources.get("retired_ids") if package else None
    if resource is None:
        return set()
    records, errors = parse_records(resource)
    if errors or not records or "retired_id" not in records[0]:
        return set()
    column = records[0].index("retired_id")
    return {row[column] for row in records[1:] if len(row) > column}


def key_pattern(resource: Resource) -> re.Pattern | None:
    if len(resource.primary_key) != 1:
        return None
    pattern = (resource.field(resource.primary_key[0]) or {}).get("constraints", {}).get("pattern")
    return re.compile(pattern) if pattern else None


def existing_keys(resource: Resource) -> set[str]:
    records, errors = parse_records(resource)
    if errors or not records or len(resource.primary_key) != 1:
        return set()
    column = records[0].index(resource.primary_key[0]) if resource.primary_key[0] in records[0] else 0
    return {row[column] for row in records[1:] if len(row) > column}


def suggest_id(resource: Resource, values: dict[str, str], taken: set[str] = frozenset()) -> str | None:
    prefix = id_prefix(resource)
    if prefix is None:
        return None
    dates = [values[name] for name in resource.date_fields if values.get(name)]
    label = next((values[n] for n in TITLE_FIELDS if values.get(n)), "")
    parts = [prefix] + [p for p in (slug(dates[0]) if dates else "", slug(label)) if p]
    base = "-".join(parts) if len(parts) > 1 else f"{prefix}-new"
    taken = set(taken) | existing_keys(resource)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def template(resource: Resource, values: dict[str, str], package: Package | None = None) -> dict[str, str]:
    unknown = sorted(set(values) - set(resource.field_names))
    if unknown:
        raise AuthorError(f"{resource.name} has no column(s) {', '.join(unknown)}; "
                          f"columns: {', '.join(resource.field_names)}")
    row = {name: values.get(name, "") for name in resource.field_names}
    key = resource.primary_key[0] if len(resource.primary_key) == 1 else None
    if key and not row[key]:
        row[key] = suggest_id(resource, values, retired_ids(package)) or ""
    return row


def required_fields(resource: Resource) -> list[str]:
    return [f["name"] for f in resource.fields
            if f.get("constraints", {}).get("required") or f["name"] in resource.primary_key]


def check_appendable(resource: Resource, row: dict[str, str], package: Package | None = None) -> None:
    """Refuse before anything is written: an unreadable table, a repeated or retired key."""
    from .fmt import format_resource

    _, errors = format_resource(resource)
    if errors:
        raise AuthorError(f"{resource.path} cannot be rewritten ({errors[0].message}); run dipevents validate")
    if len(resource.primary_key) == 1:
        key = row[resource.primary_key[0]]
        if key in existing_keys(resource):
            raise AuthorError(f"{key} is already in {resource.path}")
        if key in retired_ids(package):
            raise AuthorError(f"{key} was retired (data/retired_ids.csv); identifiers are never reused")


def append(resource: Resource, row: dict[str, str], package: Package | None = None) -> int:
    """Add ROW to the table in canonical order; return the line it lands on."""
    check_appendable(resource, row, package)
    records, _ = parse_records(resource)
    header, body = records[0], records[1:]
    new = [row[name] for name in header]
    text = canonical(header, body + [new], resource.field_names, resource.primary_key or resource.field_names)
    write_atomic(resource.file, text)
    ordered = [row[name] for name in resource.field_names]
    written, lines, _ = _parse(resource, text)
    return max(line for record, line in zip(written, lines) if record == ordered)


def add_source(package: Package, file: Path, url: str, published: str, title: str, publisher: str,
               language: str, source_id: str | None) -> tuple[str, Path, int]:
    """Archive FILE under sources/ and add its row to sources; return (id, archived path, line)."""
    resource = package.resources.get("sources")
    if resource is None:
        raise AuthorError("the package has no sources table")
    try:
        raw = file.read_bytes()
        raw.decode("utf-8")
    except OSError as exc:
        raise AuthorError(f"cannot read {file}: {exc.strerror}") from None
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
    source_id = source_id or "-".join(p for p in ["src", published, slug(publisher).split("-")[0], slug(title)[:40].strip("-")] if p)
    pattern = key_pattern(resource)
    if pattern and not pattern.fullmatch(source_id):
        raise AuthorError(f"--id {source_id!r} does not match the source_id pattern {pattern.pattern}")
    sources_dir = (package.root / "sources").resolve()
    archived = sources_dir / f"{source_id}.txt"
    if archived.parent != sources_dir:
        raise AuthorError(f"--id {source_id!r} would archive outside sources/")
    row = template(resource, {"source_id": source_id, "title": title, "publisher": publisher, "url": url,
                              "published_date": published, "language": language,
                              "text_path": f"sources/{archived.name}",
                              "text_sha256": hashlib.sha256(raw).hexdigest()}, package)
    check_appendable(resource, row, package)  # everything is checked before anything is written
    sources_dir.mkdir(exist_ok=True)
    try:
        with open(archived, "xb") as fh:  # never replaces an archived text
            fh.write(raw)
    except FileExistsError:
        raise AuthorError(f"sources/{archived.name} exists already; archived texts are never replaced") from None
    try:
        line = append(resource, row, package)
    except BaseException:
        archived.unlink()  # no orphan text without its row
        raise
    return source_id, archived, line
