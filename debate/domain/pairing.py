"""Swiss pairing as a graph problem: plain data in, a draw out (no I/O, seeded).

Entrants are nodes; each possible debate is an edge whose weight rewards a good pairing
(same score, balanced sides, an uncertain outcome) and punishes a bad one (rematch, side
imbalance). networkx's maximum-weight matching picks the draw.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .models import DebateResult, Draw, Pairing, Rating, Side
from .rating import initial_rating, match_quality


@dataclass(frozen=True)
class Entrant:
    name: str
    score: float = 0.0
    rating: Rating = field(default_factory=initial_rating)
    sides: tuple[Side, ...] = ()
    opponents: frozenset[str] = frozenset()
    byes: int = 0

    @property
    def side_balance(self) -> int:
        """pro minus con debates so far."""
        return self.sides.count("pro") - self.sides.count("con")

    def must_not(self) -> Side | None:
        """The side this entrant may not take next (three in a row, or |pro-con| > 2)."""
        if len(self.sides) >= 2 and self.sides[-1] == self.sides[-2]:
            return self.sides[-1]
        if self.side_balance >= 2:
            return "pro"
        if self.side_balance <= -2:
            return "con"
        return None

    def prefers(self) -> Side | None:
        if self.side_balance > 0:
            return "con"
        if self.side_balance < 0:
            return "pro"
        if self.sides:
            return "pro" if self.sides[-1] == "con" else "con"
        return None


def entrants_from_history(names: Iterable[str], ratings: Mapping[str, Rating],
                          results: Iterable[DebateResult], byes: Mapping[str, int],
                          scores: Mapping[str, float]) -> list[Entrant]:
    sides: dict[str, list[Side]] = {n: [] for n in names}
    opps: dict[str, set[str]] = {n: set() for n in names}
    for r in results:
        sides.setdefault(r.pro, []).append("pro")
        sides.setdefault(r.con, []).append("con")
        opps.setdefault(r.pro, set()).add(r.con)
        opps.setdefault(r.con, set()).add(r.pro)
    return [Entrant(name=n, score=scores.get(n, 0.0), rating=ratings.get(n, initial_rating()),
                    sides=tuple(sides[n]), opponents=frozenset(opps[n]), byes=byes.get(n, 0))
            for n in sides]


def _rank_key(e: Entrant, tiebreak: dict[str, float] | None = None) -> tuple:
    return (-e.score, -round(e.rating.conservative, 9), (tiebreak or {}).get(e.name, 0.0), e.name)


def _side_cost(a: Entrant, b: Entrant) -> tuple[int, Side]:
    """Best side for `a` against `b` and the cost of that assignment (0 good .. 1000 illegal)."""
    best: tuple[int, Side] | None = None
    for a_side in ("pro", "con"):
        b_side: Side = "con" if a_side == "pro" else "pro"
        cost = 0
        for e, s in ((a, a_side), (b, b_side)):
            if e.must_not() == s:
                cost += 1000
            elif e.prefers() not in (None, s):
                cost += 10
        cand = (cost, a_side)
        if best is None or cand[0] < best[0]:
            best = cand
    assert best is not None
    return best


def pair(entrants: list[Entrant], round_number: int, seed: int = 0) -> Draw:
    """Pair one Swiss round. Deterministic for the same entrants, round and seed."""
    if len(entrants) < 2:
        raise ValueError("entrants: at least two are needed to pair a round")
    names = [e.name for e in entrants]
    if len(set(names)) != len(names):
        raise ValueError("entrants: names must be unique")
    rng = random.Random(f"{seed}:{round_number}")
    # Equal entrants (all of them, in round one) are ordered by a seeded shuffle, not by name.
    tiebreak = {n: rng.random() for n in sorted(names)}
    ranked = sorted(entrants, key=lambda e: _rank_key(e, tiebreak))
    byes: list[str] = []
    if len(ranked) % 2:
        # The lowest-ranked entrant who has not had a bye sits out.
        pool = [e for e in ranked if e.byes == 0] or ranked
        bye = max(pool, key=lambda e: _rank_key(e, tiebreak))
        byes.append(bye.name)
        ranked = [e for e in ranked if e.name != bye.name]

    rank_of = {e.name: i for i, e in enumerate(ranked)}
    g = nx.Graph()
    g.add_nodes_from(rank_of)
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            cost = 0.0
            if b.name in a.opponents:
                cost += 1_000_000
            cost += 1000 * (a.score - b.score) ** 2
            cost += _side_cost(a, b)[0] * 10
            # Prefer the debates whose outcome is least certain: they teach the most.
            cost -= 50 * match_quality(a.rating, b.rating)
            cost += rng.random() * 1e-3  # seeded tie-break among equal draws
            g.add_edge(a.name, b.name, weight=10_000_000 - cost)
    matching = nx.max_weight_matching(g, maxcardinality=True)

    by_name = {e.name: e for e in ranked}
    pairs = []
    for u, v in matching:
        a, b = sorted((by_name[u], by_name[v]), key=lambda e: rank_of[e.name])
        cost, a_side = _side_cost(a, b)
        if cost == _side_cost(b, a)[0] and a.prefers() is None and b.prefers() is None:
            a_side = rng.choice(("pro", "con"))
        pro, con = (a, b) if a_side == "pro" else (b, a)
        flags = []
        if b.name in a.opponents:
            flags.append("rematch-forced")
        if a.score != b.score:
            flags.append(f"pull-up:{b.name}")
        if cost >= 1000:
            flags.append("side-rule-broken")
        pairs.append((rank_of[a.name], pro.name, con.name, flags))
    pairs.sort()
    pairings = [Pairing(debate_id=f"r{round_number}-d{i + 1}", pro=p, con=c, flags=f)
                for i, (_, p, c, f) in enumerate(pairs)]
    return Draw(round=round_number, pairings=pairings, byes=byes)
