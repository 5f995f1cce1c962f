"""The bulk paths of the rules that were vectorised (issue 10) give the exact verdicts.

date_words settles most rows with arrays: the words are resolved once per part of the
publication date they depend on (english.anchor) and their runs of days shifted to each row's
own date. These tests hold that claim against the row-by-row reading, and check the
bilateral-sides count on the cases its factorized counting must get right.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import numpy as np
import pytest

from dipevents.datewords import interpret
from dipevents.datewords.english import anchor
from dipevents.rules.words import _check_one, _covered
from tests.support import only

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"

PHRASES = ["Tuesday, 3 May", "the end of February", "late February", "next month", "29 February 2024", "yesterday", "three days ago", "last week", "earlier this week", "next month", "late last month",
           "earlier this month", "last year", "later this year", "on Tuesday", "last Friday", "in March",
           "early March", "the first half of March", "3 May", "May 3", "3 May last year", "29 February",
           "in May 2024", "2024", "2024-05-09", "shortly after the summit"]
PUBLISHED = [date(2023, 12, 28) + timedelta(days=k) for k in range(0, 800, 9)] + \
    [date(y, m, 15) for y in range(2019, 2031) for m in (1, 2, 3, 11, 12)]


def _days(words, published):
    meaning = interpret(words, published)
    return None if meaning is None else [(r.start, r.end) for r in meaning.readings]


def _anchor_day(kind, published):
    return {"week": published - timedelta(published.weekday()), "day": published, "weekday": published,
            "yearday": date(published.year, 1, 1)}.get(kind)


def _part(kind, published):
    leaps = tuple(calendar.isleap(published.year + k) for k in (-1, 0, 1))
    return {"year": published.year, "month": (published.year, published.month), "weekday": published.weekday(),
            "exact": published, "yearday": (published.month, leaps)}.get(kind)


@pytest.mark.parametrize("words", PHRASES)
def test_words_resolve_alike_for_every_publication_date_sharing_their_anchor(words):
    kind = anchor(words)
    assert kind in ("fixed", "year", "month", "week", "day", "weekday", "exact", "yearday")
    seen: dict = {}
    for published in PUBLISHED:
        days = _days(words, published)
        base = _anchor_day(kind, published)
        relative = None if days is None else [((a - base).days, (b - base).days) if base else (a, b) for a, b in days]
        seen.setdefault(_part(kind, published), []).append(relative)
    for part, found in seen.items():
        assert all(f == found[0] for f in found), (words, kind, part, found)


def test_anchor_names_what_the_words_depend_on():
    assert [anchor(w) for w in ["in 2024", "yesterday", "last week", "earlier this week", "in March",
                                "March last year", "on Tuesday", "after the summit", "Tuesday, 3 May"]] == \
        ["fixed", "day", "week", "exact", "yearday", "year", "weekday", "fixed", "month"]


def test_bulk_path_settles_only_rows_with_nothing_to_report():
    values = ["2024", "2024-03", "2024-03-05", "2024-03-01/2024-03-10", "2025-02-29", None, "2023-12-26",
              "2024-01-01/2024-01-07", "2024-02"]
    words = PHRASES + [None]
    rows = [(v, w, p) for v in values for w in words for p in PUBLISHED[:40:3] + [None]]
    value_list = [v for v in dict.fromkeys(values) if v is not None]
    words_list = [w for w in dict.fromkeys(words) if w is not None]
    contexts = list(dict.fromkeys((p, lang) for p in PUBLISHED[:40:3] + [None] for lang in ["en"]))
    code = {v: i for i, v in enumerate(value_list)}
    wcode = {w: i for i, w in enumerate(words_list)}
    value_code = np.array([code.get(v, -1) for v, _, _ in rows])
    words_code = np.array([wcode.get(w, -1) for _, w, _ in rows])
    context = np.array([contexts.index((p, "en")) for _, _, p in rows])
    covered = _covered(value_code, value_list, words_code, words_list, context, contexts)
    assert covered.sum() > 100  # the bulk path does settle rows
    for (v, w, p), settled in zip(rows, covered):
        if settled:
            assert list(_check_one("date", v, w, p, "en")) == [], (v, w, p)


def test_bilateral_meeting_without_participants_names_no_side(pkg):
    rel = "data/meeting_participants.csv"
    pkg.write_rows(rel, [r for r in pkg.read_rows(rel) if r[0] != BEIJING])
    e = only(pkg.errors(), file="data/meetings.csv", line=pkg.line_of("meetings", BEIJING),
             column="format", code="DE342")
    assert e["message"] == f'"{BEIJING}" is bilateral but its participants represent 0 side(s) (none) ' \
                           "in meeting_participants"


def test_bilateral_side_listed_twice_counts_once(pkg):
    pkg.append_row("meeting_participants", {
        "meeting_id": BEIJING, "actor_id": "act-shehbaz-sharif", "represents": "act-pakistan", "role": "guest",
        "source_id": "src-2025-09-02-cpecnews-sharif-putin",
        "evidence": "met in Beijing on Tuesday on the sidelines"})
    assert [e for e in pkg.errors() if e["code"] == "DE342"] == []
