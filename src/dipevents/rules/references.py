"""Rules about what rows say of the world: countries, actors, invitations, meetings."""

from __future__ import annotations

from collections.abc import Iterator

from .. import conventions
import pandas as pd

from ..context import Context
from ..registry import check, code
from ..report import Error, show
from ..tables import rows

NEEDS_COUNTRY = {"person", "state"}


@check(
    code("DE331", "country-code", "A country code is not an ISO 3166-1 alpha-3 code",
         "Use the three-letter ISO code, for example PAK, RUS, CHN.",
         wrong="country = XKX",
         fixed="country = RUS"), per_row=True)
def country_codes(ctx: Context) -> Iterator[Error]:
    """Country fields hold assigned ISO 3166-1 alpha-3 codes (per pycountry); a country's name
    or alpha-2 code gets its alpha-3 code."""
    import pycountry

    from ..suggest import countries, did_you_mean_country

    assigned = {c.alpha_3 for c in pycountry.countries}
    hints: dict[str, str] = {}  # one lookup per distinct wrong value
    for table, frame in ctx.readable():
        for name in [c for c in frame.columns if conventions.is_country(c)]:
            values = frame[name].dropna()
            for line, value in values[~values.isin(assigned)].items():
                if value not in hints:
                    hints[value] = did_you_mean_country(countries(value))
                yield Error(table.file, int(line), name, "country-code",
                            f"{show(value)} is not an ISO 3166-1 alpha-3 country code{hints[value]}")


@check(
    code("DE332", "actor-country", "A person or state has no country",
         "Fill in country with the ISO 3166-1 alpha-3 code: nationality for a person, itself for a state.",
         wrong="act-vladimir-putin,Vladimir Putin,person,,...",
         fixed="act-vladimir-putin,Vladimir Putin,person,RUS,..."),
     needs={"actors": ("actor_id", "actor_type", "country")}, per_row=True)
def actor_country_required(ctx: Context) -> Iterator[Error]:
    """Persons and states have a country."""
    table, frame = ctx.with_columns("actors", "actor_id", "actor_type", "country")
    if frame is None:
        return
    for line, row in rows(frame):
        if row["actor_type"] in NEEDS_COUNTRY and row["country"] is None:
            yield Error(table.file, int(line), "country", "actor-country",
                        f"{show(row['actor_id'])} is a {row['actor_type']} and needs a country")


@check(
    code("DE341", "self-invitation", "An actor invites itself",
         "Check inviter_id and invitee_id: they must be different actors.",
         wrong="inviter_id = act-shehbaz-sharif, invitee_id = act-shehbaz-sharif",
         fixed="inviter_id = act-vladimir-putin, invitee_id = act-shehbaz-sharif"),
     needs={"invitations": ("inviter_id", "invitee_id")}, per_row=True)
def no_self_invitation(ctx: Context) -> Iterator[Error]:
    """The inviter is not the invitee."""
    table, frame = ctx.with_columns("invitations", "inviter_id", "invitee_id")
    if frame is None:
        return
    same = frame[frame["inviter_id"].notna() & (frame["inviter_id"] == frame["invitee_id"])]
    for line, row in rows(same):
        yield Error(table.file, int(line), "invitee_id", "self-invitation",
                    f"{show(row['invitee_id'])} is both inviter and invitee")


@check(
    code("DE342", "bilateral-sides", "A bilateral meeting does not have exactly two sides",
         "List the participants of both sides with their 'represents', or code the meeting as multilateral.",
         wrong="a bilateral meeting with only act-shehbaz-sharif (represents act-pakistan) in meeting_participants",
         fixed="add act-vladimir-putin (represents act-russia), or code format = multilateral"),
     needs={"meetings": ("meeting_id", "format"), "meeting_participants": ("meeting_id", "represents")})
def bilateral_sides(ctx: Context) -> Iterator[Error]:
    """A bilateral meeting's participants represent exactly two distinct states or organizations."""
    table, meetings = ctx.with_columns("meetings", "meeting_id", "format")
    _, participants = ctx.with_columns("meeting_participants", "meeting_id", "represents")
    if meetings is None or participants is None:
        return
    import numpy as np

    bilateral = meetings.loc[meetings["format"] == "bilateral", "meeting_id"]
    # one hash pass: the participants' meeting IDs and the bilateral meetings' own, as numbers
    codes, meeting_ids = pd.factorize(np.concatenate([participants["meeting_id"].to_numpy(object),
                                                      bilateral.to_numpy(object)]))
    meeting, own = codes[:len(participants)], codes[len(participants):]
    side, sides = pd.factorize(participants["represents"].to_numpy(object))
    known = (meeting >= 0) & (side >= 0)
    pairs = pd.unique(meeting[known].astype(np.int64) * len(sides) + side[known])
    counts = np.bincount(pairs // max(len(sides), 1), minlength=len(meeting_ids))  # distinct sides per meeting
    wrong = bilateral[np.where(own >= 0, counts[np.maximum(own, 0)], 0) != 2]
    if wrong.empty:
        return
    failing = participants[known & participants["meeting_id"].isin(wrong.dropna()).to_numpy()]
    listed = failing.groupby("meeting_id")["represents"].agg(lambda s: sorted(set(s)))
    for line, meeting_id in wrong.items():  # only the failing meetings are spelled out
        found = listed.get(meeting_id, []) if meeting_id is not None else []
        yield Error(table.file, int(line), "format", "bilateral-sides",
                    f"{show(meeting_id)} is bilateral but its participants represent "
                    f"{len(found)} side(s) ({', '.join(found) or 'none'}) in meeting_participants")
