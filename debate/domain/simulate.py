"""Simulated leagues: synthetic debaters of hidden true skill, a noisy judge, no model calls.

They play the real pairing and rating code, so the number of debates a pairing method needs
to recover the true order can be measured (``debate simulate``, benchmarks/simulate_table.py).

The judge model (Thurstone): each side's showing in a debate is its true skill plus Gaussian
noise of standard deviation ``noise``; the better showing wins. True skills are drawn from a
normal distribution of standard deviation ``spread``. With ``panel`` judges instead, each debate
is judged by a simulated panel that writes ballots with rubric scores (debate.domain.panels),
calibrated so its majority decides as the single judge would; then the margin rating mode's
order (the judges' rubric margins) is scored beside the win/loss orders.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Literal

import numpy as np

from .bradley_terry import fit as bt_fit
from .bradley_terry import from_rows
from .margins import ridge_fit
from .models import DebateResult, Draw, Pairing, Rating
from .panels import PanelNoise, calibrate, simulate_panel
from .pairing import Entrant, entrants_from_history, pair
from .rating import initial_rating, rate, scores

Method = Literal["swiss", "random", "round-robin"]
Margin = tuple[int, int, float, int]  # (pro, con: indices of the names; the panel's margin; the debate's number)
METHODS: tuple[Method, ...] = ("swiss", "random", "round-robin")
_STD = NormalDist()
DEFAULT_SPREAD = 4.0


def kendall_tau(order: list[str], truth: list[str]) -> float:
    """Kendall's tau-a between two orderings of the same names (1 = identical, -1 = reversed)."""
    if sorted(order) != sorted(truth):
        raise ValueError("order: must hold exactly the names of truth")
    n = len(order)
    if n < 2:
        return 1.0
    pos = {name: i for i, name in enumerate(truth)}
    pairs = n * (n - 1) // 2
    discordant = _inversions([pos[name] for name in order])
    return (pairs - 2 * discordant) / pairs


def _inversions(seq: list[int]) -> int:
    """Pairs out of order, by merge sort: O(n log n), so 10,000 debaters stay quick."""
    count, width, a = 0, 1, list(seq)
    while width < len(a):
        out = []
        for lo in range(0, len(a), 2 * width):
            left, right = a[lo:lo + width], a[lo + width:lo + 2 * width]
            i = j = 0
            while i < len(left) and j < len(right):
                if right[j] < left[i]:
                    out.append(right[j])
                    count += len(left) - i
                    j += 1
                else:
                    out.append(left[i])
                    i += 1
            out += left[i:] + right[j:]
        a, width = out, 2 * width
    return count


@dataclass
class RoundPoint:
    round: int
    debates: int
    kendall_tau: float  # TrueSkill's order (mu - 3 sigma)
    bt_kendall_tau: float  # the Bradley-Terry order over the same results
    margin_kendall_tau: float | None = None  # the margin mode's order (with a panel)
    extra: dict[str, float] = field(default_factory=dict)  # the caller's own orders (`orders`)


@dataclass
class Simulation:
    players: int
    rounds: int
    pairing: Method
    noise: float
    spread: float
    seed: int
    mirror: bool
    panel: int = 0
    kendall_tau: float = 0.0
    top1: bool = False
    debates: int = 0
    bt_kendall_tau: float = 0.0
    rematches: int = 0
    margin_kendall_tau: float | None = None
    history: list[RoundPoint] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {"players": self.players, "rounds": self.rounds, "pairing": self.pairing,
               "noise": self.noise, "spread": self.spread, "seed": self.seed,
               "mirror": self.mirror, "kendall_tau": round(self.kendall_tau, 4),
               "top1": self.top1, "debates": self.debates,
               "bt_kendall_tau": round(self.bt_kendall_tau, 4), "rematches": self.rematches,
               "history": [{"round": p.round, "debates": p.debates,
                            "kendall_tau": round(p.kendall_tau, 4),
                            "bt_kendall_tau": round(p.bt_kendall_tau, 4),
                            **({"margin_kendall_tau": round(p.margin_kendall_tau, 4)}
                               if p.margin_kendall_tau is not None else {})} for p in self.history]}
        if self.panel:  # only with a panel: a single judge's output is as it was
            out.update(panel=self.panel, margin_kendall_tau=round(self.margin_kendall_tau or 0.0, 4))
        return out


@dataclass
class SwissLeague:
    """What `play_swiss` played: every round's entrants and draw, the results, byes, ratings."""
    names: list[str]
    results: list[DebateResult] = field(default_factory=list)
    draws: list[Draw] = field(default_factory=list)
    fields: list[list[Entrant]] = field(default_factory=list)  # each round's entrants
    byes: dict[str, int] = field(default_factory=dict)
    ratings: dict[str, Rating] = field(default_factory=dict)

    def entrants(self) -> list[Entrant]:
        """The entrants the next round would be paired from."""
        return entrants_from_history(self.names, self.ratings, self.results, self.byes,
                                     scores(self.names, self.results, self.byes))


def play_swiss(names: list[str], rounds: int, seed: int, decide: Callable[[Pairing], str | None],
               *, block: int | None = None) -> SwissLeague:
    """A league on the real Swiss pairing and TrueSkill code; `decide` names each pairing's
    winner (None: a draw) and is called once per pairing, in draw order."""
    lg = SwissLeague(list(names), ratings={n: initial_rating() for n in names})
    for r in range(1, rounds + 1):
        ents = lg.entrants()
        draw = pair(ents, r, seed=seed, block=block)
        lg.fields.append(ents)
        lg.draws.append(draw)
        for b in draw.byes:
            lg.byes[b] = lg.byes.get(b, 0) + 1
        new = []
        for p in draw.pairings:
            winner = decide(p)
            new.append(DebateResult(debate_id=p.debate_id, round=r, motion_id="m", pro=p.pro,
                                    con=p.con, winner=winner, result="decided" if winner else "draw"))
        lg.results += new
        lg.ratings = rate(lg.ratings, new)
    return lg


def _random_draw(names: list[str], rnd: int, rng: random.Random, byes: dict[str, int]) -> Draw:
    order = list(names)
    rng.shuffle(order)
    out_byes = []
    if len(order) % 2:
        fewest = min(byes.get(n, 0) for n in order)
        out_byes = [next(n for n in order if byes.get(n, 0) == fewest)]
        order.remove(out_byes[0])
    return Draw(round=rnd, byes=out_byes, pairings=[
        Pairing(debate_id=f"r{rnd}-d{i + 1}", pro=order[2 * i], con=order[2 * i + 1])
        for i in range(len(order) // 2)])


def _round_robin_draw(names: list[str], rnd: int) -> Draw:
    """Circle method; past n - 1 rounds the cycle repeats with sides swapped."""
    ring = list(names) + ([None] if len(names) % 2 else [])
    m = len(ring)
    k = (rnd - 1) % (m - 1)
    swap = ((rnd - 1) // (m - 1)) % 2 == 1
    rot = [ring[0]] + (ring[1:][-k:] + ring[1:][:-k] if k else ring[1:])
    pairings, byes = [], []
    for i in range(m // 2):
        a, b = rot[i], rot[m - 1 - i]
        if a is None or b is None:
            byes.append(a or b)
            continue
        if (i + rnd + swap) % 2:
            a, b = b, a
        pairings.append(Pairing(debate_id=f"r{rnd}-d{len(pairings) + 1}", pro=a, con=b))
    return Draw(round=rnd, pairings=pairings, byes=byes)


def _mirrored(draw: Draw) -> Draw:
    legs = []
    for p in draw.pairings:
        legs.append(p.model_copy(update={"debate_id": p.debate_id + "a"}))
        legs.append(Pairing(debate_id=p.debate_id + "b", pro=p.con, con=p.pro))
    return draw.model_copy(update={"pairings": legs})


def simulate(players: int = 32, rounds: int = 6, pairing: Method = "swiss", noise: float = 1.0,
             seed: int = 1, *, spread: float = DEFAULT_SPREAD, mirror: bool = False, side_bias: float = 0.0,
             panel: int = 0, shared: float = 0.5, stop_at_tau: float | None = None,
             on_round: Callable[[RoundPoint], None] | None = None,
             orders: Mapping[str, Callable[[list[str], list[DebateResult], list[Margin]], list[str]]]
             | None = None) -> Simulation:
    """Play a league of synthetic debaters; return how well the standings recover the truth.

    ``panel`` > 0: judges per debate, writing ballots (``shared``: the share of the noise they
    all see, debate.domain.panels). ``orders``: more orders to score each round (name ->
    a function of the names, the results and the margins so far; RoundPoint.extra). ``stop_at_tau``
    ends the league after the first round by which every order scored (TrueSkill, Bradley-Terry,
    the margin mode's with a panel, the caller's) has reached that tau.
    """
    if players < 2:
        raise ValueError("players: at least two are needed")
    if rounds < 1:
        raise ValueError("rounds: at least one")
    if pairing not in METHODS:
        raise ValueError(f"pairing: one of {', '.join(METHODS)}")
    if noise < 0 or spread <= 0:
        raise ValueError("noise must be >= 0 and spread > 0")
    if panel < 0 or not 0 <= shared <= 1:
        raise ValueError("panel: at least 0 judges; shared: between 0 and 1")
    names, skill, truth = true_field(players, spread, seed)
    judge = random.Random(f"judge:{seed}")
    draw_rng = random.Random(f"draw:{seed}")
    sim = Simulation(players, rounds, pairing, noise, spread, seed, mirror, panel)
    index = {n: i for i, n in enumerate(names)}
    margins: list[Margin] = []  # with a panel
    if panel:
        ballots_rng = np.random.default_rng([seed, 15, panel])
        panel_noise = PanelNoise.from_budget(noise, calibrate(noise, panel, shared), shared)
    ratings: dict[str, Rating] = {n: initial_rating() for n in names}
    results: list[DebateResult] = []
    byes: dict[str, int] = {}
    met: set[frozenset[str]] = set()
    bye_value = 2.0 if mirror else 1.0
    for rnd in range(1, rounds + 1):
        if pairing == "swiss":
            sc = scores(names, results, byes, bye_value=bye_value)
            draw = pair(entrants_from_history(names, ratings, results, byes, sc), rnd, seed=seed,
                        mirror=mirror)
        else:
            draw = (_random_draw(names, rnd, draw_rng, byes) if pairing == "random"
                    else _round_robin_draw(names, rnd))
            if mirror:
                draw = _mirrored(draw)
        new = []
        if panel:
            ballots = simulate_panel(np.array([skill[p.pro] + side_bias - skill[p.con] for p in draw.pairings]),
                                     panel_noise, ballots_rng, panel)
        for k, p in enumerate(draw.pairings):
            key = frozenset((p.pro, p.con))
            if key in met and not p.debate_id.endswith("b"):
                sim.rematches += 1
            met.add(key)
            if panel:
                y = float(ballots.result[k])
                winner = p.pro if y == 1 else p.con if y == 0 else None
                margins.append((index[p.pro], index[p.con], float(ballots.margin[k]), len(margins)))
            else:
                margin = skill[p.pro] + side_bias - skill[p.con] + noise * (judge.gauss(0, 1) - judge.gauss(0, 1))
                winner = p.pro if margin > 0 else p.con
            new.append(DebateResult(debate_id=p.debate_id, round=rnd, motion_id="sim", pro=p.pro,
                                    con=p.con, winner=winner, result="decided" if winner else "draw"))
        for b in draw.byes:
            byes[b] = byes.get(b, 0) + 1
        results += new
        ratings = rate(ratings, new)
        order = standings_order(names, ratings)
        bt = bt_fit(names, results)
        point = RoundPoint(rnd, len(results), kendall_tau(order, truth),
                           kendall_tau(sorted(names, key=lambda n: (-bt[n], n)), truth),
                           kendall_tau(margin_order(names, margins), truth) if panel else None)
        point.extra = {k: kendall_tau(f(names, results, margins), truth) for k, f in (orders or {}).items()}
        sim.history.append(point)
        if on_round is not None:
            on_round(point)
        scored = ("kendall_tau", "bt_kendall_tau") + (("margin_kendall_tau",) if panel else ())
        if stop_at_tau is not None and all(any(getattr(p, k) >= stop_at_tau for p in sim.history)
                                           for k in scored) and all(
                any(p.extra[k] >= stop_at_tau for p in sim.history) for k in orders or {}):
            break
    sim.rounds = len(sim.history)
    sim.kendall_tau = sim.history[-1].kendall_tau  # `order`: the last round's standings
    sim.top1 = order[0] == truth[0]
    sim.debates = len(results)
    sim.bt_kendall_tau = sim.history[-1].bt_kendall_tau
    sim.margin_kendall_tau = sim.history[-1].margin_kendall_tau
    return sim


def margin_order(names: list[str], margins: list[Margin]) -> list[str]:
    """The margin mode's order: least squares on the margins, a ridge only to fix the level."""
    if not margins:
        return sorted(names)
    c = from_rows(names, [(a, b, 0.5, g) for a, b, _, g in margins])
    theta = ridge_fit(c, np.array([m for _, _, m, _ in margins]), 1e-3 * 2 * len(margins) / len(names))
    return sorted(names, key=lambda n: (-theta[names.index(n)], n))


def true_field(players: int, spread: float, seed: int) -> tuple[list[str], dict[str, float], list[str]]:
    """The synthetic debaters, their hidden skills and the true order (best first)."""
    rng = random.Random(f"sim:{seed}")
    names = [f"d{i:04d}" for i in range(players)]
    # Normal quantiles, shuffled: a normal field without the accidental near-ties of sampling,
    # which no method can order and which would swamp the comparison.
    levels = [spread * _STD.inv_cdf((k + 0.5) / players) for k in range(players)]
    rng.shuffle(levels)
    skill = dict(zip(names, levels))
    return names, skill, sorted(names, key=lambda n: (-skill[n], n))


def standings_order(names: list[str], ratings: dict[str, Rating]) -> list[str]:
    """The standings' primary order: conservative TrueSkill rating (mu - 3 sigma)."""
    return sorted(names, key=lambda n: (-round(ratings[n].conservative, 9), n))
