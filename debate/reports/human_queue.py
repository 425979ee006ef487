"""A person's judging queue over a league's state (the order is debate.domain.human_queue's)."""

from __future__ import annotations

from ..domain.human_agreement import HUMAN_PREFIX
from ..domain.human_queue import Candidate, order_queue
from ..record.state import DebateState, LeagueState


def judgeable(d: DebateState, turns: int) -> bool:
    """Every speech given and not a forfeit: there is a whole debate to read. Not a four-side
    room: the judging screen's ballot names a winner of two sides (a person's BP ballot, which
    would rank four, is not built yet)."""
    if d.seats or d.result is not None and d.result.result == "forfeit":
        return False
    return bool(d.speeches) and len(d.speeches) >= turns and not d.live


def _candidate(d: DebateState, state: LeagueState) -> Candidate:
    good = [b for b in d.ballots if not b.failed]
    winners = {b.winner for b in good}
    split = len(winners) > 1 or None in winners
    margin = 0.0
    if good and state.rubric is not None:
        margin = abs(sum(b.total("pro", state.rubric) - b.total("con", state.rubric) for b in good) / len(good))
    return Candidate(d.debate_id, (d.pro, d.con), split, round(margin, 6))


def judged_by(state: LeagueState, person: str) -> list[str]:
    judge = HUMAN_PREFIX + person
    return [i for i, d in state.debates.items() if any(b.judge == judge for b in d.human_ballots)]


def queue_for(state: LeagueState, person: str) -> list[str]:
    """The debates `person` has not judged, in the order to judge them."""
    turns = len(state.format.turns) if state.format else 1
    done = set(judged_by(state, person))
    covered = {x for i in done for x in (state.debates[i].pro, state.debates[i].con)}
    todo = [_candidate(d, state) for i, d in state.debates.items() if i not in done and judgeable(d, turns)]
    return order_queue(todo, covered)
