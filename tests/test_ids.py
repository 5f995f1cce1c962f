"""Suggested IDs follow each table's idRecipe (schemas/*.json), as the codebook describes."""

from __future__ import annotations

import pytest

from dipevents.ids import recipe_problems, short_name, site, suggest, topic
from dipevents.loader import load

SHARIF, PUTIN = "act-shehbaz-sharif", "act-vladimir-putin"

# The founding report's rows (their values as coded), the parties named with --party,
# and the ID the recipe gives: equal to the published ID where the data allows it.
FOUNDING = [
    ("sources", {"published_date": "2025-09-02", "url": "https://cpecnews.com/pm-shehbaz-president-putin-vow",
                 "title": "PM Shehbaz, President Putin vow to strengthen Pakistan-Russia ties at SCO summit in Beijing"},
     [], None, "src-2025-09-02-cpecnews-shehbaz-putin-vow-strengthen"),
    ("sources", {"published_date": "2025-09-02", "url": "https://cpecnews.com/x", "title": "PM Shehbaz, President Putin"},
     [], "Sharif Putin", "src-2025-09-02-cpecnews-sharif-putin"),  # --topic gives the published ID
    ("actors", {"name": "Vladimir Putin", "actor_type": "person"}, [], None, "act-vladimir-putin"),
    ("actors", {"name": "Pakistan", "actor_type": "state"}, [], None, "act-pakistan"),
    ("meetings", {"date": "2025-09-02", "city": "Beijing", "title": "Shehbaz Sharif - Vladimir Putin meeting in Beijing"},
     [SHARIF, PUTIN], None, "mtg-2025-09-02-beijing-sharif-putin"),
    ("meetings", {"date": "2024", "city": "Astana", "title": "Shehbaz Sharif - Vladimir Putin meeting in Astana"},
     [SHARIF, PUTIN], None, "mtg-2024-astana-sharif-putin"),
    ("meetings", {"date": "2024", "city": "Astana", "title": "SCO summit in Astana 2024"},
     [], None, "mtg-2024-astana-sco-summit"),
    ("meetings", {"date": "2025-11", "city": "Moscow", "title": "SCO Heads of Government Summit in Moscow"},
     [], None, "mtg-2025-11-moscow-sco-heads-government-summit"),
    ("meetings", {"date": "2025", "city": "", "title": "SCO Council of Heads of State Summit 2025"},
     [], None, "mtg-2025-sco-council-heads-state"),
    ("agreements", {"date": "2024", "title": "Pakistan-Russia multi-sector memorandum of understanding"},
     ["act-pakistan", "act-russia"], None, "agr-2024-pakistan-russia-multi-sector-memorandum-understanding"),
    ("agreements", {"date": "2024", "title": "Pakistan-Russia multi-sector memorandum of understanding"},
     ["act-pakistan", "act-russia"], "multi-sector MoU", "agr-2024-pakistan-russia-multi-sector-mou"),
    ("invitations", {"issued_date": "2025-09-02", "inviter_id": PUTIN, "invitee_id": SHARIF,
                     "event_name": "SCO Heads of Government Summit"},
     [], None, "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit"),
    ("statements", {"date": "2025-07", "speaker_id": "act-alexei-overchuk", "about_id": "act-pakistan",
                    "quote": "natural allies",
                    "summary": "Russia's Deputy Prime Minister described Pakistan and Russia as natural allies."},
     [], None, "stm-2025-07-overchuk-natural-allies"),
    ("statements", {"date": "2025-09-02", "speaker_id": SHARIF, "about_id": PUTIN, "quote": "dynamic leader",
                    "summary": "Sharif praised Putin as a dynamic leader committed to strengthening bilateral ties."},
     [], None, "stm-2025-09-02-sharif-dynamic-leader"),
    ("statements", {"date": "2025-06", "speaker_id": "act-sergey-lavrov", "about_id": "act-pakistan",
                    "summary": "Russia's Foreign Minister reaffirmed Russia's intent to expand cooperation with Pakistan."},
     [], None, "stm-2025-06-lavrov-russia-reaffirmed-intent-expand"),
    ("statements", {"date": "2025-09-02", "speaker_id": PUTIN, "about_id": "act-pakistan",
                    "summary": "Putin offered condolences for Pakistan's losses from recent floods and other natural disasters."},
     [], None, "stm-2025-09-02-putin-offered-condolences-losses-recent"),
    ("statements", {"date": "2025-09-02", "speaker_id": PUTIN, "about_id": "act-pakistan", "summary": "(any)"},
     [], "flood condolences", "stm-2025-09-02-putin-flood-condolences"),
]


@pytest.mark.parametrize("table, values, parties, topic_text, expected", FOUNDING,
                         ids=[f"{row[0]}:{row[-1]}" for row in FOUNDING])
def test_suggestions_for_the_founding_rows(pkg, table, values, parties, topic_text, expected):
    package, errors = load(pkg.root)
    assert errors == []
    assert suggest(package, package.resources[table], values, parties, topic_text) == expected


def test_topic_is_a_few_content_words_never_a_cut_sentence():
    summary = "Biden and Sunak discussed the importance of further the the cooperation on AI safety"
    assert topic(summary, {"biden"}) == "sunak-discussed-importance-cooperation"
    assert topic("The U.S. and the U.K. said they'd meet in 2025") == "us-uk-meet"
    assert topic("") == ""


def test_site_names_the_publisher():
    assert site("https://cpecnews.com/a") == "cpecnews"
    assert site("https://www.bbc.co.uk/news/world") == "bbc"
    assert site("http://english.news.cn/2025/x.htm") == "news"
    assert site("not a url") == ""


def test_short_names_by_actor_type():
    assert short_name("act-vladimir-putin", {"name": "Vladimir Putin", "actor_type": "person"}) == "putin"
    assert short_name("act-pakistan", {"name": "Pakistan", "actor_type": "state"}) == "pakistan"
    assert short_name("act-united-states", {"name": "United States", "actor_type": "state"}) == "united-states"
    sco = {"name": "Shanghai Cooperation Organisation", "actor_type": "organization",
           "description": "The Shanghai Cooperation Organisation (SCO), a Eurasian intergovernmental organization."}
    assert short_name("act-shanghai-cooperation-organisation", sco) == "sco"
    assert short_name("act-un-security-council", {"name": "United Nations Security Council",
                                                  "actor_type": "organization"}) == "un-security-council"
    assert short_name("act-unknown-person", None) == "unknown-person"


def test_a_broken_recipe_is_named(pkg):
    def change(doc):
        key = next(f for f in doc["fields"] if f["name"] == "meeting_id")
        key["idRecipe"] = ["date", "town", "shape:title", "parties"]

    pkg.edit_json("schemas/meetings.json", change)
    package, _ = load(pkg.root)
    assert recipe_problems(package.resources["meetings"]) == [
        "idRecipe part 'town': meetings has no field 'town'",
        "idRecipe part 'shape:title': unknown kind 'shape' (use topic: or site:)",
    ]
    code = pkg.validate("text")[0]
    assert code == 0  # the recipe is authoring metadata: the data stays valid
