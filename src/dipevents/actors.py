"""``dipevents actors find``: look an actor up before adding it.

Searches name, Wikidata QID, country code and description, ignoring case and accents; a
country's name finds actors with its ISO 3166-1 alpha-3 code (through pycountry), and
near misses of a name are found with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata

from .package import Package

SHOWN = ("actor_id", "name", "actor_type", "country", "wikidata_qid")
FUZZY_CUTOFF = 80  # rapidfuzz WRatio, 0-100: "Pakistn" finds Pakistan, "Zed" finds nothing


def fold(text: str | None) -> str:
    """Lowercase without accents or repeated spaces: "Erdoğan" and "erdogan" are the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain.casefold()).strip()


def country(query: str) -> tuple[str, list[str]] | None:
    """The ISO alpha-3 code and names of the country QUERY names ("Vietnam" gives VNM), if any."""
    import pycountry

    try:
        best = pycountry.countries.lookup(query)  # a code or an exact name
    except LookupError:
        try:
            best = pycountry.countries.search_fuzzy(query)[0]
        except LookupError:
            return None
    names = [n for n in (getattr(best, a, "") for a in ("name", "common_name", "official_name")) if n]
    squeezed = fold(query).replace(" ", "")
    # search_fuzzy also matches subdivisions ("Shanghai" gives China): keep only a match on the country's own names
    if squeezed != fold(best.alpha_3) and not any(squeezed in fold(n).replace(" ", "") for n in names):
        return None
    return best.alpha_3, names


def find(rows: list[dict[str, str]], query: str) -> list[dict[str, str]]:
    """The actors matching QUERY, best first: exact identifiers, then text, country names, near misses."""
    from rapidfuzz import fuzz, process, utils

    q = fold(query)
    if not q:
        return []
    exact = [r for r in rows if any(q == fold(v) for v in r.values())]  # an ID, a QID, a code, a whole name
    text = [r for r in rows if any(q in fold(v) for v in r.values())]
    found = country(query)
    by_country = []
    if found:  # the actors of that country, the one named most like it (the state) first
        def likeness(row):
            return max(fuzz.WRatio(fold(row.get("name")), fold(n)) for n in [query, *found[1]])
        by_country = sorted((r for r in rows if r.get("country") == found[0]), key=likeness, reverse=True)
    names = [fold(r.get("name")) for r in rows]
    near = [rows[i] for _, _, i in process.extract(q, names, scorer=fuzz.WRatio, processor=utils.default_process,
                                                  score_cutoff=FUZZY_CUTOFF, limit=None)]
    out, seen = [], set()
    for row in exact + text + by_country + near:
        if row.get("actor_id") not in seen:
            seen.add(row.get("actor_id"))
            out.append(row)
    return out


def actor_rows(package: Package) -> list[dict[str, str]]:
    from .ids import ACTORS, actors_by_id

    if ACTORS not in package.resources:
        return []
    return list(actors_by_id(package).values())


def render(rows: list[dict[str, str]], fields: list[str]) -> str:
    """A plain table: one actor a line, with those of id, name, type, country and QID the schema has;
    invisible characters in the data are shown as escapes (escape.visible)."""
    from .escape import visible

    shown = [f for f in SHOWN if f in fields]
    table = [shown] + [[visible(r.get(c, "") or "") for c in shown] for r in rows]  # bidi, zero-width, ESC shown
    widths = [max(len(row[i]) for row in table) for i in range(len(shown))]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n" for row in table)
