"""Helpers for contributors: template rows with suggested IDs, and archiving a new source."""

from __future__ import annotations

import hashlib
import re
import shutil
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


def existing_keys(resource: Resource) -> set[str]:
    records, errors = parse_records(resource)
    if errors or not records or len(resource.primary_key) != 1:
        return set()
    column = records[0].index(resource.primary_key[0]) if resource.primary_key[0] in records[0] else 0
    return {row[column] for row in records[1:] if len(row) > column}


def suggest_id(resource: Resource, values: dict[str, str]) -> str | None:
    prefix = id_prefix(resource)
    if prefix is None:
        return None
    dates = [values[name] for name in resource.date_fields if values.get(name)]
    label = next((values[n] for n in TITLE_FIELDS if values.get(n)), "")
    parts = [prefix] + [p for p in (slug(dates[0]) if dates else "", slug(label)) if p]
    base = "-".join(parts) if len(parts) > 1 else f"{prefix}-new"
    taken = existing_keys(resource)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def template(resource: Resource, values: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(values) - set(resource.field_names))
    if unknown:
        raise AuthorError(f"{resource.name} has no column(s) {', '.join(unknown)}; "
                          f"columns: {', '.join(resource.field_names)}")
    row = {name: values.get(name, "") for name in resource.field_names}
    key = resource.primary_key[0] if len(resource.primary_key) == 1 else None
    if key and not row[key]:
        row[key] = suggest_id(resource, values) or ""
    return row


def required_fields(resource: Resource) -> list[str]:
    return [f["name"] for f in resource.fields
            if f.get("constraints", {}).get("required") or f["name"] in resource.primary_key]


def append(resource: Resource, row: dict[str, str]) -> int:
    """Add ROW to the table in canonical order; return the line it lands on."""
    records, errors = parse_records(resource)
    if errors:
        raise AuthorError(f"{resource.path} cannot be read ({errors[0].message}); run dipevents validate")
    header, body = records[0], records[1:]
    if sorted(header) != sorted(resource.field_names):
        raise AuthorError(f"{resource.path}: the header does not match the schema; run dipevents validate")
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
        date.fromisoformat(published)
    except ValueError:
        raise AuthorError(f"--published {published!r} is not a date YYYY-MM-DD") from None
    if not re.fullmatch(r"https?://\S+", url):
        raise AuthorError(f"--url {url!r} is not an http(s) URL")
    source_id = source_id or "-".join(p for p in ["src", published, slug(publisher).split("-")[0], slug(title)[:40].strip("-")] if p)
    if source_id in existing_keys(resource):
        raise AuthorError(f"{source_id} is already in {resource.path}; pass another --id")
    archived = package.root / "sources" / f"{source_id}.txt"
    if archived.exists():
        raise AuthorError(f"{archived.relative_to(package.root)} exists already; archived texts are never replaced")
    archived.parent.mkdir(exist_ok=True)
    shutil.copyfile(file, archived)
    row = template(resource, {"source_id": source_id, "title": title, "publisher": publisher, "url": url,
                              "published_date": published, "language": language,
                              "text_path": f"sources/{archived.name}",
                              "text_sha256": hashlib.sha256(raw).hexdigest()})
    return source_id, archived, append(resource, row)
