"""The judges report: agreement, consistency and bias of a tournament's judges (`debate judges`,
`judges` in the JSON export, the viewer's judges tab), and, where people judged too, the model
judges against them (`humans`)."""

from __future__ import annotations

from typing import Any

from ..domain.human_agreement import HumanJudged, human_report
from ..domain.judge_stats import JudgedDebate, judges_report
from ..record.state import LeagueState


def judges_of(state: LeagueState) -> dict[str, Any]:
    """Agreement, consistency and bias figures of the tournament's judges (see judge_stats);
    with human ballots in the league, also `humans` (see human_agreement)."""
    debates = [JudgedDebate(d.debate_id, d.pro, d.con, d.speeches, d.ballots, d.result, d.seats)
               for d in state.debates.values()]
    report = judges_report(debates, state.dimensions(), state.benched)
    humans = humans_of(state)
    if humans is not None:
        report["humans"] = humans
    return report


def human_judged(state: LeagueState) -> list[HumanJudged]:
    return [HumanJudged(d.debate_id, d.round, d.motion_id, d.pro, d.con, d.speeches, d.ballots,
                        d.human_ballots, d.blind_orders, d.result)
            for d in state.debates.values() if d.human_ballots]


def humans_of(state: LeagueState) -> dict[str, Any] | None:
    """The model judges and the panel against the human ballots; None when nobody judged."""
    debates = human_judged(state)
    if not debates or state.rubric is None:
        return None
    return human_report(debates, state.rubric)
