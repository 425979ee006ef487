"""The judges report: agreement, consistency and bias of a tournament's judges (`debate judges`,
`judges` in the JSON export, the viewer's judges tab)."""

from __future__ import annotations

from typing import Any

from ..domain.judge_stats import JudgedDebate, judges_report
from ..record.state import LeagueState


def judges_of(state: LeagueState) -> dict[str, Any]:
    """Agreement, consistency and bias figures of the tournament's judges (see judge_stats)."""
    debates = [JudgedDebate(d.debate_id, d.pro, d.con, d.speeches, d.ballots, d.result, d.seats)
               for d in state.debates.values()]
    return judges_report(debates, state.dimensions())
