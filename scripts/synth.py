"""Generate a synthetic, valid diplomatic-events package of any size (deterministic).

Usage: python scripts/synth.py N OUT [--seed S] [--errors SHARE]

N meetings with proportionate actors (one state per ISO 3166-1 alpha-3 code, thousands of
persons and organizations with distinct names), sources (about one per five meetings, each a
distinct archived text under sources/ holding its rows' evidence, unique per row, with its
SHA-256), participants (bilateral meetings have exactly two sides), agreements with their
parties, invitations and statements. Dates are chosen from date words resolved against each
source's published_date by dipevents.datewords, so the words and the coded dates agree;
some dates are coded coarser than the words (a month for a day), which the rules allow.

The descriptor, schemas and codelists are copied from this repository; field order comes
from the schemas, codes from the codelists.

--errors SHARE injects known faults of every rule family into about SHARE of the rows and
writes OUT/expected_errors.json: a list of {"file", "line", "column", "code"} the validator
must report (it may report more: one fault can cause others, such as a date outside its
meeting that also disagrees with its words).

Rows are generated one source at a time and written as they are made, so memory stays small
at a million meetings; no cell holds a line break, so a row's physical line is its index + 2.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dipevents.datewords import interpret  # noqa: E402
from dipevents.isodate import parse  # noqa: E402

TABLES = ["sources", "actors", "meetings", "meeting_participants", "agreements", "agreement_parties",
          "invitations", "statements", "retired_ids"]

FIRST = ("Amina Boris Carla Dmitri Elena Farid Grace Hassan Irina Jamal Kenji Leila Mateo Nadia Omar Priya "
         "Quentin Rosa Sergei Tariq Ulla Viktor Wen Ximena Yusuf Zara Anders Bianca Chen Dalia Emeka Fatima "
         "Goran Hana Ivan Juana Kwame Lucia Marek Noor Olga Pablo Rania Stefan Thandi Umar Vera Wilhelm "
         "Yara Zoltan Aiko Bruno Chiara Diego Esra Felix Gita Hugo Ines Jonas").split()
LAST = ("Abara Bakov Castillo Dimitrov Eriksen Fernandes Gashi Haddad Ivanova Jovanovic Kowalski Lindqvist "
        "Mensah Novak Okafor Petrov Quispe Rahman Sato Tanaka Usmanov Varga Wojcik Xu Yilmaz Zhou Adeyemi "
        "Bergstrom Costa Da Silva Eze Farouk Gonzalez Horvat Iqbal Jensen Kim Lopez Moreau Nakamura Ortiz "
        "Popescu Qureshi Rossi Schmidt Torres Uddin Vasquez Weber Yamamoto Zeller Alvarez Banda Cruz Diallo "
        "Engel Fischer Garcia Hoffmann").split()
ORG_A = ("Northern Southern Eastern Western Central Atlantic Pacific Arctic Andean Alpine Baltic Caspian "
         "Danube Sahel Mekong Nordic Gulf Indian Ocean Black Sea Caribbean").split()
ORG_B = ("Grain Energy Trade Security River Rail Maritime Health Climate Water Science Cultural Fisheries "
         "Aviation Mining Textile Finance Labour Digital Forest").split()
ORG_C = "Council Forum Commission Union Partnership Organisation Alliance Community Agency Initiative".split()
PUBLISHERS = ("Daily Courier|Evening Ledger|The Observer Review|Capital Times|Regional Wire|World Desk|"
              "Morning Herald|Continental Post|The Diplomat Weekly|Harbour Gazette|News Agency North|"
              "Press Service South").split("|")
CITIES = [("Beijing", "CHN"), ("Moscow", "RUS"), ("Astana", "KAZ"), ("Islamabad", "PAK"), ("New Delhi", "IND"),
          ("Tashkent", "UZB"), ("Minsk", "BLR"), ("Kabul", "AFG"), ("Geneva", "CHE"), ("Paris", "FRA"),
          ("Berlin", "DEU"), ("Rome", "ITA"), ("Madrid", "ESP"), ("Lisbon", "PRT"), ("Vienna", "AUT"),
          ("Warsaw", "POL"), ("Ankara", "TUR"), ("Cairo", "EGY"), ("Nairobi", "KEN"), ("Lagos", "NGA"),
          ("Pretoria", "ZAF"), ("Brasilia", "BRA"), ("Buenos Aires", "ARG"), ("Lima", "PER"),
          ("Mexico City", "MEX"), ("Ottawa", "CAN"), ("Washington", "USA"), ("Tokyo", "JPN"), ("Seoul", "KOR"),
          ("Jakarta", "IDN"), ("Hanoi", "VNM"), ("Canberra", "AUS"), ("Riyadh", "SAU"), ("Tehran", "IRN"),
          ("Baku", "AZE"), ("Tbilisi", "GEO"), ("Yerevan", "ARM"), ("Oslo", "NOR"), ("Helsinki", "FIN"),
          ("Dakar", "SEN")]
CAPACITIES = ["President", "Prime Minister", "Foreign Minister", "Deputy Prime Minister", "Trade Minister",
              "Defence Minister", "Secretary-General", "Ambassador", ""]
TOPICS = ["trade", "energy security", "regional connectivity", "climate finance", "border management",
          "food security", "public health", "transport corridors", "investment", "counter-terrorism",
          "cultural exchange", "water sharing", "digital cooperation", "maritime safety"]
QUALITIES = [("reliable", "partner"), ("strategic", "ally"), ("dynamic", "leader"), ("valued", "friend"),
             ("balancing", "force"), ("natural", "ally"), ("trusted", "neighbour"), ("key", "stakeholder")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def codes(name: str) -> list[str]:
    with open(ROOT / "data" / "codelists" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return [row["code"] for row in csv.DictReader(f)]


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in ascii_)
    return "-".join(part for part in out.split("-") if part)


def phrases(rng: random.Random, published: date) -> list[str]:
    """Candidate date words for a source published on PUBLISHED, in a random order."""
    y = published.year
    m = rng.randrange(12)
    options = [
        f"on {WEEKDAYS[rng.randrange(7)]}", "last week", f"in {MONTHS[m]}", "last year",
        f"in {y - rng.randrange(1, 6)}", f"on {rng.randrange(1, 29)} {MONTHS[m]}", "yesterday", "two days ago",
        "earlier this month", f"in {MONTHS[m]} {y - rng.randrange(0, 3)}", "last month", "this week",
        f"in early {MONTHS[m]}", f"in late {MONTHS[m]}", f"on {rng.randrange(1, 29)} {MONTHS[m]} {y - 1}",
        "next month", "next week", "next year", f"in {MONTHS[m]} next year",
    ]
    rng.shuffle(options)
    return options


def coarser(iso: str, rng: random.Random) -> str:
    """Sometimes a coarser date covering ISO (a month for a day): allowed by the date-word rules."""
    if len(iso) == 10 and rng.random() < 0.15:
        return iso[:7]
    if len(iso) == 7 and rng.random() < 0.1:
        return iso[:4]
    return iso


def choose_date(rng: random.Random, published: date, future: bool):
    """(words, coded date, first day, last day) for an event before (or after) PUBLISHED."""
    for words in phrases(rng, published):
        meaning = interpret(words, published, "en")
        if meaning is None:
            continue
        fits = [r for r in meaning.readings if (r.start > published) == future]
        if fits:
            reading = fits[0]
            return words, coarser(reading.iso, rng), reading.start, reading.end
    return None


class Writer:
    """One CSV per table, columns in schema order, physical lines counted."""

    def __init__(self, out: Path):
        self.files, self.writers, self.lines = {}, {}, {}
        for table in TABLES:
            fields = [f["name"] for f in json.loads((out / "schemas" / f"{table}.json").read_text())["fields"]]
            handle = open(out / "data" / f"{table}.csv", "w", encoding="utf-8", newline="")
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            self.files[table], self.writers[table], self.lines[table] = handle, writer, 1

    def write(self, table: str, row: dict) -> int:
        """Write ROW; its physical line."""
        self.writers[table].writerow(row)
        self.lines[table] += 1
        return self.lines[table]

    def close(self):
        for handle in self.files.values():
            handle.close()


class Faults:
    """Decides which rows get a fault and records what the validator must report."""

    def __init__(self, share: float, seed: int):
        self.share, self.rng, self.expected = share, random.Random(seed + 1), []
        self.quiet = False  # rows citing a source whose text is made unusable get no verbatim faults

    def pick(self, verbatim: bool = False) -> bool:
        if self.share <= 0 or (verbatim and self.quiet):
            return False
        return self.rng.random() < self.share

    def add(self, table: str, line: int, column: str, code: str):
        self.expected.append({"file": f"data/{table}.csv", "line": line, "column": column, "code": code})


def actors_pool(n_meetings: int, rng: random.Random, w: Writer, faults: Faults):
    import pycountry

    states = {}
    for i, c in enumerate(sorted(pycountry.countries, key=lambda c: c.alpha_3)):
        name = getattr(c, "common_name", None) or c.name
        actor_id = f"act-{slug(name)}-{c.alpha_3.lower()}"
        states[c.alpha_3] = (actor_id, name)
        w.write("actors", {"actor_id": actor_id, "name": name, "actor_type": "state", "country": c.alpha_3,
                           "wikidata_qid": f"Q{1000 + i}", "description": f"{name}, a state (synthetic row)."})
    countries = sorted(states)
    persons = []
    n_persons = max(300, n_meetings // 4)
    radix = len(FIRST) * len(LAST)
    qids = []
    for i in range(n_persons):
        middle = ""
        k = i // radix
        while k:
            middle += chr(65 + (k - 1) % 26) + ". "
            k = (k - 1) // 26
        name = f"{FIRST[i % len(FIRST)]} {middle}{LAST[(i // len(FIRST)) % len(LAST)]}"
        country = countries[rng.randrange(len(countries))]
        actor_id = f"act-{slug(name)}"
        qid = f"Q{5_000_000 + i}" if rng.random() < 0.3 else ""
        row = {"actor_id": actor_id, "name": name, "actor_type": "person", "country": country,
               "wikidata_qid": qid, "description": f"{name}, an official of {states[country][1]} (synthetic row)."}
        if qid and qids and faults.pick():
            row["wikidata_qid"] = qids[rng.randrange(len(qids))]
            faults.add("actors", w.lines["actors"] + 1, "wikidata_qid", "DE361")
        elif qid:
            qids.append(qid)
        w.write("actors", row)
        persons.append((actor_id, name, country))
    orgs = []
    for i in range(max(20, n_meetings // 100)):
        base = f"{ORG_A[i % len(ORG_A)]} {ORG_B[(i // len(ORG_A)) % len(ORG_B)]} {ORG_C[(i // (len(ORG_A) * len(ORG_B))) % len(ORG_C)]}"
        round_ = i // (len(ORG_A) * len(ORG_B) * len(ORG_C))
        name = base if round_ == 0 else f"{base} {round_ + 1}"
        actor_id = f"act-{slug(name)}"
        w.write("actors", {"actor_id": actor_id, "name": name, "actor_type": "organization", "country": "",
                           "wikidata_qid": "", "description": f"The {name}, an organization (synthetic row)."})
        orgs.append((actor_id, name))
    return states, persons, orgs


def generate(n: int, out: Path, seed: int, share: float) -> dict:
    rng = random.Random(seed)
    faults = Faults(share, seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "sources").mkdir()
    shutil.copy2(ROOT / "datapackage.json", out / "datapackage.json")
    shutil.copytree(ROOT / "schemas", out / "schemas")
    shutil.copytree(ROOT / "data" / "codelists", out / "data" / "codelists")
    w = Writer(out)
    states, persons, orgs = actors_pool(n, rng, w, faults)
    formats_ok = {"bilateral", "multilateral"} <= set(codes("meeting_formats"))
    assert formats_ok, "the synthetic package needs meeting formats bilateral and multilateral"
    roles = codes("participant_roles")
    agreement_types, sectors = codes("agreement_types"), codes("sectors")
    responses, statement_types = codes("invitation_responses"), codes("statement_types")
    start, days = date(2010, 1, 1).toordinal(), (date(2025, 12, 31) - date(2010, 1, 1)).days
    made = meetings = 0
    counter = {"stm": 0, "agr": 0, "inv": 0}
    source_no = 0
    while made < n:
        source_no += 1
        published = date.fromordinal(start + rng.randrange(days))
        publisher = PUBLISHERS[source_no % len(PUBLISHERS)]
        source_id = f"src-{published.isoformat()}-{slug(publisher)}-{source_no}"
        city0 = CITIES[rng.randrange(len(CITIES))][0]
        sentences = [f"{city0.upper()}; report number {source_no} from the {publisher} desk."]
        broken_text = faults.pick()  # this source's archived text will not match its hash
        faults.quiet = broken_text
        rows = {t: [] for t in TABLES}  # (row, fault or None) written once the text is final
        scheduled = []
        count = min(rng.randint(2, 8), n - made)
        summit = None
        for _ in range(count):
            made += 1
            meetings += 1
            future = rng.random() < 0.12
            chosen = choose_date(rng, published, future)
            if chosen is None:
                future = not future
                chosen = choose_date(rng, published, future)
            words, coded, first_day, _last_day = chosen
            city, country = CITIES[rng.randrange(len(CITIES))]
            bilateral = rng.random() < 0.6
            n_sides = 2 if bilateral else rng.randint(3, 6)
            chosen_countries, people = set(), []
            while len(people) < n_sides:
                p = persons[rng.randrange(len(persons))]
                if p[2] not in chosen_countries:
                    chosen_countries.add(p[2])
                    people.append(p)
            meeting_id = f"mtg-{meetings:07d}-{slug(city)}"
            names = " and ".join(p[1] for p in people[:2]) + (" with other leaders" if n_sides > 2 else "")
            topic = TOPICS[rng.randrange(len(TOPICS))]
            verb = "will meet" if future else "met"
            evidence = f"{names} {verb} in {city} {words} to discuss {topic}, in talks listed as meeting {meetings}."
            sentences.append(evidence)
            end_date = ""
            if not bilateral and len(coded) == 10 and "/" not in coded and rng.random() < 0.3:
                end_date = (date.fromisoformat(coded) + timedelta(days=rng.randint(1, 3))).isoformat()
            parent = ""
            if bilateral and summit is not None and summit[1] == coded and rng.random() < 0.5:
                parent = summit[0]
            meeting = {"meeting_id": meeting_id, "title": f"{' - '.join(p[1] for p in people[:2])} meeting in {city} ({meetings})",
                       "date": coded, "end_date": end_date, "date_as_reported": words, "city": city,
                       "country": country if rng.random() < 0.9 else "", "format": "bilateral" if bilateral else "multilateral",
                       "status": "scheduled" if future else "occurred", "parent_meeting_id": parent,
                       "summary": f"Leaders discussed {topic}.", "source_id": source_id, "evidence": evidence,
                       "notes": ""}
            fault = None
            if faults.pick():
                fault = rng.choice(["DE311", "DE331", "DE321", "DE322", "DE201", "DE306", "DE342"])
                if fault == "DE311" and not faults.quiet:
                    meeting["evidence"] = f"{evidence[:-1]} according to officials who were never quoted."
                    fault = ("evidence", "DE311")
                elif fault == "DE331":
                    meeting["country"], fault = "ZZZ", ("country", "DE331")
                elif fault == "DE321":
                    meeting["summary"], fault = "=" + meeting["summary"], ("summary", "DE321")
                elif fault == "DE322":
                    meeting["title"], fault = meeting["title"].replace(" ", " \u200b", 1), ("title", "DE322")
                elif fault == "DE201":
                    meeting["title"], fault = "", ("title", "DE201")
                elif fault == "DE306" and future and parse(coded).start > published:
                    meeting["status"], fault = "occurred", ("date", "DE306")
                elif fault == "DE342" and not bilateral:
                    meeting["format"], fault = "bilateral", ("format", "DE342")
                else:
                    fault = None
            rows["meetings"].append((meeting, fault))
            if not bilateral and not future and not end_date:
                summit = (meeting_id, coded)
            if future:
                scheduled.append(meeting)
            for k, (actor_id, name, pc) in enumerate(people):
                capacity = CAPACITIES[rng.randrange(len(CAPACITIES))]
                ev = f"{name} represented {states[pc][1]} at the talks in {city}, delegation record {meetings}-{k}."
                sentences.append(ev)
                role = ("host" if k == 0 and country == pc else "guest") if bilateral and "host" in roles else "participant"
                row = {"meeting_id": meeting_id, "actor_id": actor_id, "represents": states[pc][0],
                       "capacity": capacity, "role": role, "source_id": source_id, "evidence": ev}
                fault = None
                if faults.pick():
                    if rng.random() < 0.5:
                        row["represents"], fault = actor_id, ("represents", "DE345")
                    else:
                        row["capacity"], fault = "Minister " * 30, ("capacity", "DE208")
                rows["meeting_participants"].append((row, fault))
            if not bilateral and orgs and rng.random() < 0.3:
                org_id, org_name = orgs[rng.randrange(len(orgs))]
                p = persons[rng.randrange(len(persons))]
                if p[0] not in {q[0] for q in people}:
                    ev = f"{p[1]} attended on behalf of the {org_name}, delegation record {meetings}-org."
                    sentences.append(ev)
                    rows["meeting_participants"].append(({"meeting_id": meeting_id, "actor_id": p[0], "represents": org_id,
                                                          "capacity": "Secretary-General", "role": "participant",
                                                          "source_id": source_id, "evidence": ev}, None))
            for _s in range(rng.randint(0, 4)):
                counter["stm"] += 1
                k = counter["stm"]
                speaker = people[rng.randrange(len(people))]
                other = people[(people.index(speaker) + 1) % len(people)]
                adj, noun = QUALITIES[rng.randrange(len(QUALITIES))]
                quoted = rng.random() < 0.4
                stype = statement_types[rng.randrange(len(statement_types))]
                ev = (f"{speaker[1]} described {states[other[2]][1]} as a “{adj} {noun}” "
                      f"in remarks on {topic}, statement {k}.")
                sentences.append(ev)
                row = {"statement_id": f"stm-{k:08d}-{slug(speaker[1])}", "speaker_id": speaker[0],
                       "date": coded, "date_as_reported": words, "meeting_id": meeting_id,
                       "about_id": states[other[2]][0] if rng.random() < 0.7 else "", "statement_type": stype,
                       "quote": f"{adj} {noun}" if quoted else "",
                       "summary": f"{speaker[1]} characterised {states[other[2]][1]}.", "source_id": source_id,
                       "evidence": ev}
                fault = None
                if faults.pick():
                    choice = rng.choice(["DE207", "DE301", "DE315", "DE303"])
                    if choice == "DE207":
                        row["speaker_id"], fault = f"act-nobody-{k}", ("speaker_id", "DE207")
                    elif choice == "DE301":
                        row["date"], fault = "2023-02-30", ("date", "DE301")
                    elif choice == "DE315" and not faults.quiet:
                        row["quote"], fault = "words never spoken", ("quote", "DE315")
                    elif choice == "DE303" and not faults.quiet:
                        row["date"], fault = "1999-01-01", ("date", "DE303")
                rows["statements"].append((row, fault))
            if not future and rng.random() < 0.2:
                counter["agr"] += 1
                k = counter["agr"]
                a, b = people[0], people[1]
                agreement_id = f"agr-{k:07d}-{slug(states[a[2]][1])}-{slug(states[b[2]][1])}"[:120].rstrip("-")
                atype = agreement_types[rng.randrange(len(agreement_types))]
                ev = f"{a[1]} and {b[1]} signed an instrument on {topic} in {city}, agreement {k}."
                sentences.append(ev)
                picked = sorted(rng.sample(sectors, rng.randint(0, 3)))
                row = {"agreement_id": agreement_id, "title": f"{states[a[2]][1]}-{states[b[2]][1]} {atype} on {topic} ({k})",
                       "agreement_type": atype, "date": coded, "date_as_reported": words, "status": "signed",
                       "sectors": ";".join(picked), "meeting_id": meeting_id, "summary": f"An instrument on {topic}.",
                       "source_id": source_id, "evidence": ev, "notes": ""}
                fault = None
                if faults.pick():
                    row["date"], fault = "1990", ("date", "DE344")
                rows["agreements"].append((row, fault))
                for j, party in enumerate((a, b)):
                    pev = f"{states[party[2]][1]} is a party to agreement {k}, signature record {j}."
                    sentences.append(pev)
                    rows["agreement_parties"].append(({"agreement_id": agreement_id, "actor_id": states[party[2]][0],
                                                       "source_id": source_id, "evidence": pev}, None))
            if not future and rng.random() < 0.1:
                counter["inv"] += 1
                k = counter["inv"]
                inviter, invitee = people[0], people[1]
                target = scheduled[-1] if scheduled else None
                if target is not None:
                    event_words, event_date, event_name = target["date_as_reported"], target["date"], target["title"]
                    event_city, event_country, event_id = target["city"], target["country"], target["meeting_id"]
                else:
                    meaning = interpret("next year", published, "en")
                    event_words, event_date = "next year", meaning.readings[0].iso
                    event_name, event_city, event_country, event_id = f"{topic.title()} Conference", city, country, ""
                ev = (f"{inviter[1]} invited {invitee[1]} to the {event_name} {event_words}, "
                      f"and the guest welcomed it, invitation {k}.")
                sentences.append(ev)
                row = {"invitation_id": f"inv-{k:07d}-{slug(inviter[1])}-{slug(invitee[1])}",
                       "inviter_id": inviter[0], "invitee_id": invitee[0], "issued_date": coded,
                       "issued_date_as_reported": words, "issued_at_meeting_id": meeting_id, "event_name": event_name,
                       "event_meeting_id": event_id, "event_city": event_city, "event_country": event_country,
                       "event_date": event_date, "event_date_as_reported": event_words,
                       "response": "welcomed" if "welcomed" in responses else responses[0],
                       "source_id": source_id, "evidence": ev, "notes": ""}
                fault = None
                if faults.pick():
                    row["invitee_id"], fault = inviter[0], ("invitee_id", "DE341")
                rows["invitations"].append((row, fault))
        text = "\n".join(sentences) + "\n"
        data = text.encode("utf-8")
        (out / "sources" / f"{source_id}.txt").write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        source = {"source_id": source_id, "title": f"Leaders meet on {TOPICS[source_no % len(TOPICS)]}, report {source_no}",
                  "publisher": publisher, "url": f"https://news{source_no % 50}.example.org/{published.year}/{source_id}",
                  "published_date": published.isoformat(), "language": "en",
                  "text_path": f"sources/{source_id}.txt", "text_sha256": digest, "notes": ""}
        line = w.lines["sources"] + 1
        if broken_text:
            source["text_sha256"] = hashlib.sha256(data + b"edited").hexdigest()
            faults.add("sources", line, "text_sha256", "DE313")
        elif faults.pick():
            source["language"] = "EN"
            faults.add("sources", line, "language", "DE203")
        w.write("sources", source)
        for table in TABLES:
            for row, fault in rows[table]:
                line = w.write(table, row)
                if fault:
                    faults.add(table, line, *fault)
    counts = {t: w.lines[t] - 1 for t in TABLES}
    w.close()
    if share > 0:
        (out / "expected_errors.json").write_text(json.dumps(faults.expected, indent=1) + "\n", encoding="utf-8")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of meetings")
    parser.add_argument("out", type=Path, help="folder to write the package to (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", type=float, default=0.0, metavar="SHARE",
                        help="share of rows given a known fault (writes OUT/expected_errors.json)")
    args = parser.parse_args(argv)
    if args.n < 1 or not 0 <= args.errors <= 1:
        parser.error("N must be at least 1 and SHARE between 0 and 1")
    counts = generate(args.n, args.out, args.seed, args.errors)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
