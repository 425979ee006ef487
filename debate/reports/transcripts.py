"""Every debate of the league as the report shows it: speeches beside ballots and reasons."""

from __future__ import annotations

from ..domain.bp_verdicts import room_outcome
from ..domain.models import Pairing
from ..record.state import DebateState, LeagueState
from .export import speech_roles, speech_score
from .report_model import BallotView, DebateView, RoundView, SpeechView, Table, num


def rounds_view(state: LeagueState, cost: dict[str, float]) -> list[RoundView]:
    out = []
    dims = state.dimensions()
    roles = speech_roles(state)
    several = len(state.tournaments) > 1
    anchors = 0
    for n in sorted(state.rounds):
        r = state.rounds[n]
        t = state.tournament_of(n)
        views = []
        for p in r.draw.pairings:
            d = state.debates.get(p.debate_id)
            if d is None:
                continue
            anchors += 1
            views.append(_debate(d, p, f"d{anchors}", dims, cost.get(d.debate_id), roles))
        out.append(RoundView(n, f"round-{n}", (f"tournament {t.number}" + (f" ({t.name})" if t.name else ""))
                             if several and t else "", r.motion_text or r.motion_id, r.motion_id,
                             r.category, list(r.draw.byes), r.completed, views))
    return out


def _debate(d: DebateState, pairing: Pairing, anchor: str, dims: list[str],
            cost: float | None, roles: dict[int, str]) -> DebateView:
    seats = list(pairing.sides.items())  # pro and con, or the four seats of a BP room
    name_of = dict(seats)
    res = d.result
    if res is None:
        status, outcome = "pending", "not decided yet"
    else:
        status = res.result
        if res.four_sides and res.result == "forfeit":
            status = "outage" if res.forfeit_cause == "outage" else status
            outcome = room_outcome(res)
        elif res.four_sides:
            outcome = "places: " + ", ".join(f"{n} {_place(res.ranks[n])}" for n in res.ranking())
        elif res.forfeit_cause == "outage":  # not a debate lost: a server that did not answer
            status = "outage"
            outcome = (f"not debated: {' and '.join(res.forfeited_by)} could not be reached"
                       + (f"; counted as a win for {res.winner}" if res.winner else ", nobody wins"))
        elif res.winner:
            outcome = f"{res.winner} won" + (" by forfeit" if res.result == "forfeit" else "")
        else:
            outcome = "double forfeit" if res.result == "forfeit" else "draw"
        if res.reason:
            outcome += f" ({res.reason})"
    speeches = [SpeechView(s.index, s.side, s.speaker, s.kind, s.words, s.word_limit, list(s.flags),
                           speech_score(d.ballots, s.index), s.text, roles.get(s.index, "") if d.seats else "")
                for s in sorted(d.speeches, key=lambda s: s.index)]
    ballots = []
    for b in d.ballots:
        if b.failed:
            verdict = f"failed: {b.error}" if b.error else "failed"
        elif b.ranks:
            verdict = ", ".join(f"{name_of.get(sd, sd)} ({sd}) {_place(r)}"
                                for sd, r in sorted(b.ranks.items(), key=lambda kv: kv[1]))
        elif b.winner:
            verdict = f"{name_of.get(b.winner, b.winner)} ({b.winner})"
        else:
            verdict = "split: the verdict flipped with the presentation order" if b.inconsistent else "no winner"
        ballots.append(BallotView(b.judge, verdict, b.failed, b.reasons, list(b.flags)))
    return DebateView(anchor, d.debate_id, d.round, seats, status, outcome, list(pairing.flags),
                      f"${cost:.4f}" if cost else "", speeches, ballots, _scores(d, seats, dims))


def _scores(d: DebateState, seats: list[tuple[str, str]], dims: list[str]) -> Table | None:
    """Every judge's scores in one table: a row per judge and side (the judge named once)."""
    scored = [b for b in d.ballots if b.scores]
    if not scored:
        return None
    used = {x for b in scored for row in b.scores.values() for x in row}
    cols = [x for x in dims if x in used] or sorted(used)
    rows = []
    for b in scored:
        for k, (side, name) in enumerate((s, n) for s, n in seats if s in b.scores):
            rows.append([b.judge if k == 0 else "", f"{name} ({side})",
                         *[num(b.scores[side].get(x)) for x in cols]])
    return Table(["judge", "side", *cols], rows)


def _place(rank: float) -> str:
    """1 -> "1st"; a shared place (2.5, the mean of 2nd and 3rd) -> "2.5="."""
    if rank != int(rank):
        return f"{rank:g}="
    return f"{int(rank)}" + {1: "st", 2: "nd", 3: "rd"}.get(int(rank), "th")
