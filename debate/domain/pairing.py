"""Swiss pairing as a graph problem: plain data in, a draw out (no I/O, seeded).

Entrants are nodes; each possible debate is an edge whose cost is tiered, so a cheaper tier is
never traded for any amount of a dearer one:

1. side rules (hard): nobody takes one side three debates running, and |pro - con| never
   exceeds 2. Two entrants barred from the same side cannot meet. Broken only when no draw
   at all satisfies them (flag ``side-rule-broken``), which the property tests never see;
2. rematches: none while any draw without one exists (flag ``rematch-forced``);
3. soft costs: score difference (score groups, with pull-ups flagged ``pull-up:NAME``), unmet
   side preferences, and the outcome's certainty under TrueSkill, so that inside a score group
   the debates whose result is least predictable (the informative ones) are preferred.

networkx's blossom matching is cubic, so fields above ``EXACT_LIMIT`` are matched block by
block down the ranking (as human Swiss pairs score group by score group): each block is a
complete graph of at most ``BLOCK`` entrants plus those carried down from the block above.
Fields up to ``EXACT_LIMIT`` are matched exactly, as one graph.

Byes: with an odd field the lowest-ranked entrant among those with the fewest byes sits out,
so nobody has a second bye while someone has none. A bye scores ``BYE_VALUE`` (one win) per
debate the round would have given that entrant (two under ``mirror``), keeping it in its score
group, and does not move ratings.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .models import DebateResult, Draw, Pairing, Rating, Side
from .rating import initial_rating, match_quality

EXACT_LIMIT = 96
BLOCK = 40
_SIDE_PREF_COST = 40
_SCORE_COST = 250  # per (half-point difference)^2
_QUALITY_COST = 100
# Side costs: an unmet preference costs 1, a broken side rule (three in a row, |pro - con| > 2)
# costs more than every preference of both debaters together.
_SIDE_RULE_BROKEN = 100
# The seeded tie-break among equal edges: the cost is scaled by _TIE_SLOTS and a hash of the
# two ranks (distinct primes, so (i, j) and (j, i) differ), salted per round, fills the slots.
_TIE_SLOTS = 8
_RANK_PRIMES = (7919, 104729)


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
    """Entrants for `names` only: results may name debaters who have left (or been superseded)."""
    names = list(names)
    sides: dict[str, list[Side]] = {n: [] for n in names}
    opps: dict[str, set[str]] = {n: set() for n in names}
    for r in results:
        sides.setdefault(r.pro, []).append("pro")
        sides.setdefault(r.con, []).append("con")
        opps.setdefault(r.pro, set()).add(r.con)
        opps.setdefault(r.con, set()).add(r.pro)
    return [Entrant(name=n, score=scores.get(n, 0.0), rating=ratings.get(n, initial_rating()),
                    sides=tuple(sides[n]), opponents=frozenset(opps[n]), byes=byes.get(n, 0))
            for n in names]


def _rank_key(e: Entrant, tiebreak: Mapping[str, float]) -> tuple:
    return (-e.score, -round(e.rating.conservative, 9), tiebreak.get(e.name, 0.0), e.name)


def _side_cost_for(a: Entrant, b: Entrant, a_side: Side) -> int:
    """Cost of `a` taking `a_side` against `b`: 1 per unmet preference, _SIDE_RULE_BROKEN per
    broken rule."""
    b_side: Side = "con" if a_side == "pro" else "pro"
    cost = 0
    for e, s in ((a, a_side), (b, b_side)):
        if e.must_not() == s:
            cost += _SIDE_RULE_BROKEN
        elif e.prefers() not in (None, s):
            cost += 1
    return cost


def _side_cost(a: Entrant, b: Entrant) -> tuple[int, Side]:
    """The cheapest side for `a` against `b` (pro on a tie) and its cost."""
    return min((_side_cost_for(a, b, "pro"), "pro"), (_side_cost_for(a, b, "con"), "con"))


class _Field:
    """Ranked entrants of one round with the per-edge costs that drive the matching."""

    def __init__(self, ranked: list[Entrant], salt: int) -> None:
        self.ranked = ranked
        self.rank = {e.name: i for i, e in enumerate(ranked)}
        self.salt = salt
        self.forbid = {e.name: e.must_not() for e in ranked}
        self.pref = {e.name: e.prefers() for e in ranked}

    def tier(self, a: Entrant, b: Entrant) -> int:
        """2: side rules broken, 1: rematch, 0: legal."""
        fa = self.forbid[a.name]
        if fa is not None and fa == self.forbid[b.name]:
            return 2
        return 1 if b.name in a.opponents else 0

    def soft(self, a: Entrant, b: Entrant) -> int:
        half_points = round(2 * abs(a.score - b.score))
        cost = _SCORE_COST * half_points * half_points
        pa, pb = self.pref[a.name], self.pref[b.name]
        if pa is not None and pa == pb:
            cost += _SIDE_PREF_COST
        cost += round(_QUALITY_COST * (1 - match_quality(a.rating, b.rating)))
        # A seeded, order-free tie-break among otherwise equal edges.
        ia, ib = sorted((self.rank[a.name], self.rank[b.name]))
        p, q = _RANK_PRIMES
        return cost * _TIE_SLOTS + ((ia * p + ib * q) ^ self.salt) % _TIE_SLOTS

    def match(self, pool: list[Entrant], tiers: int) -> list[tuple[Entrant, Entrant]]:
        """Min-cost matching of `pool` using edges of tier < `tiers`; maximum cardinality first."""
        edges = []
        for i, a in enumerate(pool):
            for b in pool[i + 1:]:
                t = self.tier(a, b)
                if t < tiers:
                    edges.append((a, b, t, self.soft(a, b)))
        if not edges:
            return []
        # Tier weights dwarf every possible sum of cheaper costs: lexicographic minimisation.
        w1 = (max(e[3] for e in edges) + 1) * (len(pool) // 2 + 1)
        w2 = w1 * (len(pool) // 2 + 1)
        big = 2 * w2 + w1 + 1
        g = nx.Graph()
        g.add_nodes_from(e.name for e in pool)
        for a, b, t, s in edges:
            g.add_edge(a.name, b.name, weight=big - (w2 if t == 2 else w1 if t == 1 else 0) - s)
        by_name = {e.name: e for e in pool}
        return [(by_name[u], by_name[v]) for u, v in nx.max_weight_matching(g, maxcardinality=True)]


def _blocks(fld: _Field, block: int) -> list[tuple[Entrant, Entrant]]:
    """Match down the ranking in blocks; whoever a block cannot pair legally is carried down.

    Should the last block need a rematch or a broken side rule, the blocks above are reopened
    one by one and matched together with it, up to the whole field (the exact answer).
    """
    ranked, done, carry, i = fld.ranked, [], [], 0
    while i < len(ranked):
        take = ranked[i:i + block]
        i += block
        if len(ranked) - i < block // 2:
            take, i = take + ranked[i:], len(ranked)
        pool = carry + take
        last = i >= len(ranked)
        pairs = fld.match(pool, tiers=3 if last else 1)
        paired = {e.name for p in pairs for e in p}
        carry = [e for e in pool if e.name not in paired]
        if last:
            while done and any(fld.tier(a, b) for a, b in pairs):
                pool = sorted(pool + [e for p in done.pop() for e in p], key=lambda e: fld.rank[e.name])
                pairs = fld.match(pool, tiers=3)
        done.append(pairs)
    assert not carry, "the last block is a complete graph of even size"
    return [p for pairs in done for p in pairs]


def _choose_bye(ranked: list[Entrant]) -> Entrant:
    fewest = min(e.byes for e in ranked)
    return [e for e in ranked if e.byes == fewest][-1]


def pair(entrants: list[Entrant], round_number: int, seed: int = 0, *, mirror: bool = False,
         block: int | None = None) -> Draw:
    """Pair one Swiss round. Deterministic for the same entrants, round and seed.

    With ``mirror`` every pairing debates twice with sides swapped (ids ``rN-dKa``/``rN-dKb``).
    ``block`` forces block-wise matching with that block size (default: exact up to
    ``EXACT_LIMIT`` entrants, blocks of ``BLOCK`` above).
    """
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
        bye = _choose_bye(ranked)
        byes.append(bye.name)
        ranked = [e for e in ranked if e.name != bye.name]

    fld = _Field(ranked, salt=rng.randrange(1 << 30))
    if block is None and len(ranked) <= EXACT_LIMIT:
        matched = fld.match(ranked, tiers=3)
    else:
        matched = _blocks(fld, max(2, block or BLOCK))

    # networkx returns a set, whose order follows string hashing (random per process): sort
    # before the seeded side draws so the same seed gives the same draw in every process.
    ordered = sorted((tuple(sorted(p, key=lambda e: fld.rank[e.name])) for p in matched),
                     key=lambda p: fld.rank[p[0].name])
    rows = [_allocate(fld, a, b, rng) for a, b in ordered]
    pairings: list[Pairing] = []
    for i, (pro, con, flags) in enumerate(rows):
        did = f"r{round_number}-d{i + 1}"
        if mirror:
            pairings.append(Pairing(debate_id=did + "a", pro=pro, con=con, flags=flags + ["mirror"]))
            pairings.append(Pairing(debate_id=did + "b", pro=con, con=pro, flags=flags + ["mirror"]))
        else:
            pairings.append(Pairing(debate_id=did, pro=pro, con=con, flags=flags))
    return Draw(round=round_number, pairings=pairings, byes=byes)


def _allocate(fld: _Field, a: Entrant, b: Entrant, rng: random.Random) -> tuple[str, str, list[str]]:
    """Sides for higher-ranked `a` and lower-ranked `b`, with the flags that explain the pairing.

    By default the higher-ranked entrant opens as pro; ``side-swapped`` says the side rules or
    preferences turned that round.
    """
    cost, a_side = _side_cost(a, b)
    if cost == 0 and a.prefers() is None and b.prefers() is None:
        a_side = rng.choice(("pro", "con"))
    pro, con = (a, b) if a_side == "pro" else (b, a)
    flags = []
    if a.score != b.score:
        flags.append(f"pull-up:{b.name}")
    if a_side == "con" and (a.prefers() is not None or b.prefers() is not None):
        flags.append("side-swapped")
    tier = fld.tier(a, b)
    if b.name in a.opponents:
        flags.append("rematch-forced")
    if tier == 2 or cost >= _SIDE_RULE_BROKEN:
        flags.append("side-rule-broken")
    return pro.name, con.name, flags

