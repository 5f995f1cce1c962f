"""Suggested identifiers, formed by each table's recipe.

The recipe is the ``idRecipe`` property of the table's key field in ``schemas/*.json``:
a list of parts, each giving one piece of the ID after the table's prefix (empty pieces
are left out). A part is one of

- ``FIELD``: the row's value; a reference to an actor gives the actor's short name
  (surname of a person, acronym of an organization that has one, name of a state);
  any other text its slug;
- ``topic:FIELD``: a short slug of a few content words of FIELD (or of ``--topic``);
- ``site:FIELD``: the site name of a URL (``https://www.cpecnews.com/x`` gives ``cpecnews``);
- ``parties``: the actors given with ``--party``, in the order given, by short name;
- ``A|B``: A when it gives anything, otherwise B.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .package import Package, Resource

RECIPE = "idRecipe"
ACTORS = "actors"  # the table whose rows parties and actor references name
PERSON, ORGANIZATION = "person", "organization"  # actor_types codes that have their own short name
MAX_TOPIC_WORDS = 4
ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
# Function words and forms of address: they never make a topic.
STOP_WORDS = frozenset("""
a about above after again against all also an and any are as at be been before being below between both
but by can could did do does during each few for from further had has have having he her here him his how
i if in into is it its itself just more most my no nor not of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
also among amid other others s t upon via per whose
said says told counterpart
mr mrs ms dr pm president prime minister premier deputy foreign
""".split())


class RecipeError(Exception):
    """The ID cannot be formed; the message says why."""


def recipe(resource: Resource) -> list[str] | None:
    """The key field's idRecipe, or None for tables without a one-field key or a recipe."""
    if len(resource.primary_key) != 1:
        return None
    value = (resource.field(resource.primary_key[0]) or {}).get(RECIPE)
    return value if isinstance(value, list) else None


def recipe_problems(resource: Resource) -> list[str]:
    """What is wrong with a table's idRecipe (empty when it has none or it is sound)."""
    parts = (resource.field(resource.primary_key[0]) or {}).get(RECIPE) if len(resource.primary_key) == 1 else None
    if parts is None:
        return []
    if not isinstance(parts, list) or not parts or not all(isinstance(p, str) for p in parts):
        return [f"{RECIPE} of {resource.name} must be a non-empty list of strings"]
    out = []
    for part in parts:
        for option in part.split("|"):
            kind, _, name = option.rpartition(":")
            if option == "parties":
                continue
            if kind not in ("", "topic", "site"):
                out.append(f"{RECIPE} part {option!r}: unknown kind {kind!r} (use topic: or site:)")
            elif name not in resource.field_names or name in resource.primary_key:
                out.append(f"{RECIPE} part {option!r}: {resource.name} has no field {name!r}")
    return out


def prefix(resource: Resource) -> str | None:
    """'mtg' for a key whose pattern starts with 'mtg-'; None for tables without one-field IDs."""
    if len(resource.primary_key) != 1:
        return None
    pattern = (resource.field(resource.primary_key[0]) or {}).get("constraints", {}).get("pattern", "")
    m = re.match(r"([a-z]+)-", pattern)
    return m.group(1) if m else None


def slug(text: str | None, max_length: int = 60) -> str:
    from slugify import slugify

    return slugify(text or "", max_length=max_length, word_boundary=True)


def words(text: str | None) -> list[str]:
    """The slug words of TEXT: abbreviations joined ("U.S." gives "us"), possessives and
    contractions dropped ("Pakistan's" gives "pakistan", "they'd" gives "they")."""
    text = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", text or "")
    text = re.sub(r"(\w)['’](s|d|ll|re|ve|m|t)\b", r"\1", text)
    return [w for w in slug(text, max_length=0).split("-") if w]


def topic(text: str | None, known: set[str] = frozenset()) -> str:
    """A few content words of TEXT: no stop words, no words the ID already has, no repeats."""
    chosen: list[str] = []
    for word in words(text):
        if len(word) > 1 and word not in STOP_WORDS | known and word not in chosen and not word.isdigit():
            chosen.append(word)
    return "-".join(chosen[:MAX_TOPIC_WORDS])


def site(url: str | None) -> str:
    """The site's name: its host without www., the domain suffix and a second level such as co."""
    labels = [x for x in (urlsplit(url or "").hostname or "").split(".") if x and x != "www"]
    labels = labels[:-1] if len(labels) > 1 else labels
    if len(labels) > 1 and labels[-1] in {"co", "com", "org", "net", "gov", "ac", "edu"}:
        labels = labels[:-1]
    return slug(labels[-1]) if labels else ""


def actors_by_id(package: Package | None) -> dict[str, dict[str, str]]:
    from .tables import parse_records

    resource = package.resources.get(ACTORS) if package else None
    if resource is None:
        return {}
    records, errors = parse_records(resource)
    if errors or not records or not resource.primary_key or resource.primary_key[0] not in records[0]:
        return {}
    header = records[0]
    key = header.index(resource.primary_key[0])
    return {row[key]: dict(zip(header, row)) for row in records[1:] if len(row) == len(header)}


def short_name(actor_id: str, actor: dict[str, str] | None) -> str:
    """How an actor appears in IDs: a person's surname, an organization's acronym, a state's name."""
    tail = actor_id.split("-", 1)[-1]
    if actor is None:
        return slug(tail)
    name_words = words(actor.get("name")) or [tail]
    if actor.get("actor_type") == PERSON:
        return name_words[-1]
    if actor.get("actor_type") == ORGANIZATION:
        found = ACRONYM.search(f"{actor.get('name', '')} {actor.get('description', '')}")
        return slug(found.group(1)) if found else slug(tail)
    return slug(actor.get("name")) or slug(tail)


def actor_fields(resource: Resource) -> set[str]:
    return {f for fk in resource.foreign_keys if fk.resource == ACTORS for f in fk.fields}


def suggest(package: Package | None, resource: Resource, values: dict[str, str],
            parties: list[str] = (), topic_text: str | None = None) -> str | None:
    """The ID the recipe forms from VALUES; None when the table has no recipe or nothing to form it from."""
    parts, start = recipe(resource), prefix(resource)
    if parts is None or start is None:
        if parties:
            raise RecipeError(f"{resource.name} takes no --party: its key is not formed from parties")
        return None
    problems = recipe_problems(resource)
    if problems:
        raise RecipeError(f"{resource.schema_path}: " + "; ".join(problems))
    uses_parties = any(o == "parties" for p in parts for o in p.split("|"))
    if parties and not uses_parties:
        raise RecipeError(f"{resource.name} takes no --party: its ID is formed from {', '.join(parts)}")
    actors = actors_by_id(package)
    unknown = [p for p in parties if p not in actors]
    if unknown:
        raise RecipeError(f"--party {unknown[0]} is not in the actors table; "
                          f"look it up with: dipevents actors find NAME")
    refs = actor_fields(resource)
    known = {w for f in refs if values.get(f) for w in words((actors.get(values[f]) or {}).get("name"))}
    known |= {w for p in parties for w in words(actors[p].get("name"))}
    pieces: list[str] = []

    def render(option: str) -> str:
        kind, _, name = option.rpartition(":")
        if option == "parties":
            return "-".join(short_name(p, actors[p]) for p in parties)
        value = values.get(name, "")
        if kind == "topic":
            return slug(topic_text) if topic_text else topic(value, known | {w for x in pieces for w in x.split("-")})
        if kind == "site":
            return site(value)
        if name in refs and value:
            return short_name(value, actors.get(value))
        return slug(value)

    for part in parts:
        piece = next((r for r in (render(o) for o in part.split("|")) if r), "")
        if piece:
            pieces.append(piece)
    return "-".join([start, *pieces]) if pieces else None
