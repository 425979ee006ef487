"""Simulated British Parliamentary leagues: synthetic debaters, noisy judges, no model calls.

They play the real BP draw (`bp_draw`), panel (`bp_verdicts`) and rating code (TrueSkill's
multi-team update, Bradley-Terry over each room's six pairwise outcomes), so a BP league can be
set against a 1v1 one (`simulate.simulate`) on the same field: the same hidden skills, the same
judge model, counted in model calls (`calls_per_debate`).

The judge model is the 1v1 simulator's, on four sides: each judge on the panel sees each side's
showing as its true skill plus Gaussian noise of standard deviation ``noise``, drawn once per
judge and debate, and ranks the showings. Its reads differ only by ``letter_bias``: points added
to a side's showing by the letter (A-D) it is shown under in that read, the bias the reads exist
to cancel (``bp_verdicts.presentation_orders``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .bp_draw import Pullup, bp_draw, entrants_from_history, past_lineups
from .bp_verdicts import DEFAULT_READS, LETTERS, combine_ranked, decide_ranked, order_sides, presentation_orders
from .bradley_terry import fit as bt_fit
from .models import BallotRead, DebateResult, Dimension, Draw, Rating, Rubric
from .rating import initial_rating, rate
from .simulate import DEFAULT_SPREAD, RoundPoint, Simulation, kendall_tau, standings_order, true_field

# The judge's view of a side is one number; a rubric of one dimension carries it, so the
# panel's rules (totals break ties) read it as they read real scores.
_SHOWING = Rubric(id="showing", title="Simulated showing", judge_prompt="-",
                  dimensions=[Dimension(id="showing", name="showing", description="skill plus noise")])


def calls_per_debate(speeches: int, judges: int, reads: int) -> int:
    """Model calls one debate costs: its speeches and every judge's reads (1v1: 2 reads a judge,
    the position swap; BP: `judging.reads`)."""
    return speeches + judges * reads


@dataclass
class BPSimulation(Simulation):
    judges: int = 1
    reads: int = DEFAULT_READS
    lineup_repeats: int = 0  # rooms whose exact line-up had met before
    results: list[DebateResult] = field(default_factory=list, repr=False)  # every room, round by round

    def to_json(self) -> dict:
        return {**super().to_json(), "format": "bp", "judges": self.judges, "reads": self.reads,
                "lineup_repeats": self.lineup_repeats}


def simulate_bp(players: int = 32, rounds: int = 6, noise: float = 1.0, seed: int = 1, *,
                spread: float = DEFAULT_SPREAD, judges: int = 1, reads: int = DEFAULT_READS,
                letter_bias: Sequence[float] | None = None, pullup: Pullup = "position",
                stop_at_tau: float | None = None,
                on_round: Callable[[RoundPoint], None] | None = None) -> BPSimulation:
    """Play a BP Swiss league of synthetic debaters; return how well its orders find the truth.

    ``debates`` counts rooms. ``stop_at_tau`` ends the league after the first round by which
    both orders (TrueSkill standings and Bradley-Terry) have reached that tau.
    """
    if players < 4:
        raise ValueError("players: at least four are needed for a British Parliamentary room")
    if rounds < 1:
        raise ValueError("rounds: at least one")
    if judges < 1:
        raise ValueError("judges: at least one")
    if noise < 0 or spread <= 0:
        raise ValueError("noise must be >= 0 and spread > 0")
    bias = list(letter_bias or (0.0, 0.0, 0.0, 0.0))
    if len(bias) != 4:
        raise ValueError("letter_bias: four values, for Sides A to D")
    names, skill, truth = true_field(players, spread, seed)
    judge = random.Random(f"judge:{seed}")
    orders = [presentation_orders(reads, j) for j in range(judges)]
    sim = BPSimulation(players, rounds, "swiss", noise, spread, seed, False, judges=judges, reads=reads)
    ratings: dict[str, Rating] = {n: initial_rating() for n in names}
    results: list[DebateResult] = []
    draws: list[Draw] = []
    for rnd in range(1, rounds + 1):
        draw = bp_draw(entrants_from_history(names, ratings, results, draws), rnd, seed=seed,
                       past_rooms=past_lineups(results), pullup=pullup)
        draws.append(draw)
        new = []
        for p in draw.pairings:
            sim.lineup_repeats += "lineup-repeat-forced" in p.flags
            ballots = []
            for j in range(judges):
                view = {side: skill[name] + noise * judge.gauss(0, 1) for side, name in p.sides.items()}
                ballots.append(combine_ranked(f"j{j}", [_read(view, o, bias) for o in orders[j]], [], _SHOWING))
            result = decide_ranked(p, rnd, "sim", ballots, _SHOWING)
            assert result is not None  # the simulated judges never fail
            new.append(result)
        results += new
        ratings = rate(ratings, new)
        bt = bt_fit(names, results)
        point = RoundPoint(rnd, len(results), kendall_tau(standings_order(names, ratings), truth),
                           kendall_tau(sorted(names, key=lambda n: (-bt[n], n)), truth))
        sim.history.append(point)
        if on_round is not None:
            on_round(point)
        if stop_at_tau is not None and all(any(getattr(q, k) >= stop_at_tau for q in sim.history)
                                           for k in ("kendall_tau", "bt_kendall_tau")):
            break
    sim.rounds = len(sim.history)
    sim.kendall_tau = sim.history[-1].kendall_tau
    sim.bt_kendall_tau = sim.history[-1].bt_kendall_tau
    sim.top1 = standings_order(names, ratings)[0] == truth[0]
    sim.debates = len(results)
    sim.results = results
    return sim


def _read(view: dict[str, float], order: str, bias: Sequence[float]) -> BallotRead:
    """One read: the judge's view with the letter bias of this order, ranked (best first)."""
    shown = {side: view[side] + bias[i] for i, side in enumerate(order_sides(order))}
    ranked = sorted(shown, key=lambda s: (-shown[s], s))
    assert len(LETTERS) == len(ranked)
    return BallotRead(order=order, scores={s: {"showing": v} for s, v in shown.items()},
                      ranks={s: ranked.index(s) + 1 for s in shown})
