"""Indexes built once per site build: rows by key, rows by any referencing value, code labels,
field titles, countries. Every page reads through them, so a build is linear in the rows."""

from __future__ import annotations

from functools import cached_property

from ..escape import entities
from .model import Dataset
from .render import external_link, link, page_path, safe_url, slug, text

WIKIDATA = "https://www.wikidata.org/wiki/"


class Lookup:
    def __init__(self, ds: Dataset):
        self.ds = ds
        self._index: dict[str, dict[str, dict]] = {}
        self._refs: dict[tuple[str, str], dict[str, list[dict]]] = {}
        self._labels: dict[str, dict[str, str]] = {}
        self._targets = {(l.table, l.field): l.target for l in ds.links}

    @cached_property
    def record_tables(self) -> list[str]:
        return self.ds.record_tables()

    def index(self, table: str) -> dict[str, dict]:
        if table not in self._index:
            self._index[table] = self.ds.index(table) if table in self.ds.rows else {}
        return self._index[table]

    def refs(self, table: str, field: str, value: str | None) -> list[dict]:
        """Rows of TABLE whose FIELD is VALUE."""
        if (table, field) not in self._refs:
            by: dict[str, list[dict]] = {}
            for row in self.ds.rows.get(table, []):
                if row.get(field) is not None:
                    by.setdefault(row[field], []).append(row)
            self._refs[(table, field)] = by
        return self._refs[(table, field)].get(value, []) if value is not None else []

    def target(self, table: str, field: str) -> str | None:
        return self._targets.get((table, field))

    def label(self, codelist: str, code: str | None) -> str:
        if codelist not in self._labels:
            self._labels[codelist] = {r["code"]: r["label"] for r in self.ds.rows.get(codelist, [])}
        return self._labels[codelist].get(code, code or "")

    def code(self, table: str, field: str, value: str | None) -> str:
        """The label of a coded field's value (its codelist named by the foreign key)."""
        target = self.target(table, field)
        return self.label(target, value) if target else (value or "")

    def field_title(self, table: str, name: str) -> str:
        field = next((f for f in self.ds.resources[table].fields if f["name"] == name), {})
        return field.get("title") or name.replace("_", " ").capitalize()

    def date_field(self, table: str) -> str | None:
        return next(iter(self.ds.resources[table].date_fields), None)

    def title(self, table: str, key: str | None) -> str:
        row = self.index(table).get(key) if key else None
        return self.ds.title(table, row) if row else (key or "")

    def record_link(self, table: str, key: str, up: str) -> str:
        if key not in self.index(table):
            return text(key)
        return link(self.title(table, key), f"{up}{page_path(table, key)}")

    # --- actors and countries -------------------------------------------------------------------

    def participants(self, meeting_id: str) -> list[dict]:
        return self.refs("meeting_participants", "meeting_id", meeting_id)

    @cached_property
    def states(self) -> dict[str, dict]:
        """The state actor for each ISO 3166 alpha-3 code."""
        return {r["country"]: r for r in self.ds.rows.get("actors", [])
                if r.get("actor_type") == "state" and r.get("country")}

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        if code in self.states:
            return text(self.states[code]["name"])
        import pycountry

        found = pycountry.countries.get(alpha_3=code)
        return text(found.name if found else code)

    def country_link(self, code: str | None, up: str) -> str:
        """A country code shown with its name, linked to the state's page when there is one."""
        if not code:
            return ""
        if code in self.states:
            return f"{link(self.states[code]['name'], up + page_path('actors', self.states[code]['actor_id']))} (<code>{text(code)}</code>)"
        return f"{self.country_name(code)} (<code>{text(code)}</code>)"

    def wikidata_link(self, qid: str | None) -> str:
        if not qid:
            return ""
        url = WIKIDATA + qid
        return external_link(url).replace(">" + _inner(url) + "<", ">" + text(qid) + "<") if safe_url(url) else text(qid)

    def people_of(self, actor: dict) -> list[dict]:
        """Persons of a state (its nationals) or who represented an organization at a meeting."""
        actors = self.index("actors")
        if actor.get("actor_type") == "state" and actor.get("country"):
            return [a for a in self.refs("actors", "country", actor["country"]) if a.get("actor_type") == "person"]
        if actor.get("actor_type") == "organization":
            ids = {p["actor_id"] for p in self.refs("meeting_participants", "represents", actor["actor_id"])}
            return [actors[i] for i in ids if i in actors and actors[i].get("actor_type") == "person"]
        return []

    def actor_phrase(self, actor_id: str, capacity: str | None = None, represents: str | None = None) -> str:
        """'Shehbaz Sharif (Prime Minister, Pakistan)': linked name, capacity, the side they are on."""
        actor = self.index("actors").get(actor_id)
        name = self.record_link("actors", actor_id, "../")
        extra = [text(capacity)] if capacity else []
        if represents and represents != actor_id:
            extra.append(text(self.title("actors", represents)))
        elif actor and actor.get("actor_type") == "person" and actor.get("country"):
            extra.append(self.country_name(actor["country"]))
        return f"{name} ({', '.join(extra)})" if extra else name


def _inner(url: str) -> str:
    return entities(url)


__all__ = ["Lookup", "slug"]
