"""Standings from human ballots alone (`debate standings DB --judges human`), and how far they
agree with the model panel's (Kendall's tau)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import rating as rating_mod
from ..domain.human_agreement import human_result
from ..domain.models import DebateResult, Standing
from ..domain.simulate import kendall_tau
from ..record.state import LeagueState
from .judges import human_judged


@dataclass
class HumanStandings:
    standings: list[Standing]
    debates: int  # debates with a result from human ballots
    tau: float | None  # Kendall's tau-a against the panel's standings, same debaters


def human_results(state: LeagueState) -> list[DebateResult]:
    """Each debate people judged, decided by their ballots alone, in round order."""
    if state.rubric is None:
        return []
    out = [r for d in human_judged(state) if (r := human_result(d, state.rubric)) is not None]
    return sorted(out, key=lambda r: (r.round, r.debate_id))


def human_standings(state: LeagueState) -> HumanStandings:
    """TrueSkill over the human results in round order (every debater from the initial rating),
    ranked by the same rule as the panel's standings."""
    names = [s.name for s in state.standings] or [d.name for d in state.debaters]
    results = human_results(state)
    ratings = rating_mod.rate({n: rating_mod.initial_rating() for n in names}, results)
    rows = rating_mod.standings(names, ratings, results, ballots=state.human_ballots(),
                                rubric=state.rubric, models={d.name: d.model for d in state.all_debaters()},
                                seed=state.config.seed if state.config else 0,
                                mode=state.config.rating if state.config else "win-loss")
    panel = [s.name for s in state.standings]
    tau = (kendall_tau([s.name for s in rows], panel)
           if results and len(panel) >= 2 and sorted(panel) == sorted(names) else None)
    return HumanStandings(rows, len(results), tau)
