"""The British Parliamentary Swiss draw: plain data in, rooms of four out (no I/O, seeded).

A BP room seats four sides in speaking order, og, oo, cg and co (Opening Government, Opening
Opposition, Closing Government, Closing Opposition), one debater each. The room ranks them 1st
to 4th, worth 3-2-1-0 team points. The draw works as human BP tournaments do (Tabbycat's draw,
from its documentation), in four stages:

1. Byes. With n debaters, n % 4 sit out, one at a time the lowest-ranked among those with the
   fewest byes, so nobody has a second bye while someone has none. A bye scores ``BYE_POINTS``
   (1.5: a room's mean, (3+2+1+0)/4) and moves no rating. A 1v1 bye is a win; here that would
   be 3 points, the most a room gives, handed to the weakest debater.
2. Brackets and pull-ups. Debaters are ranked by (team points, rating, a seeded lot, name); a
   bracket is a group of equal points, taken from the top. A bracket that is not a multiple of
   four pulls up the 1-3 debaters it lacks from the bracket below (further down if that one
   runs out), so nobody is pulled up who need not be. Who is pulled up (``pullup``):
   ``"position"`` (default; Tabbycat's BP rule) leaves it to the position assignment of stage
   3, over the whole field at once, fewest past pull-ups breaking ties; above ``JOINT_LIMIT``
   seated debaters that one flow grows slow and the draw uses ``"top"``: fewest pull-ups so
   far, then the highest-ranked. ``"random"``: fewest pull-ups, then a seeded lot. Pull-ups
   go anywhere in their bracket (WUDC).
3. Positions, then rooms. Each place costs a debater ``C(h, s) ** exponent``, ``h`` its history
   over the four positions and ``C`` Tabbycat's Rényi-entropy position cost (order
   ``renyi_order``, default 1; exponent 4). Places of one position in a pool cost the same, so
   Tabbycat's assignment problem (debaters x places, barred outside the bracket) is a
   transportation problem, solved exactly as a min-cost flow (networkx); the input is shuffled
   by the seed first, picking at random among the cheapest draws, as Tabbycat's "Hungarian with
   preshuffling" does. Rooms are then dealt one debater per position class, and swaps of two
   debaters of one position between rooms of a pool (which keep the position cost) cut, in
   order, rooms whose exact line-up met before and pairs that met before. Tabbycat ignores who
   met whom in BP; for ratings a repeated comparison is a wasted one.
4. Line-ups. No room's exact line-up (set of four) repeats while some draw of the seated field
   avoids it: this rule outranks brackets and positions, as no-rematch outranks score groups
   in `pairing`. A repeating room swaps one debater with another room, the cheapest swap by
   (distance moved between pools, position cost of both rooms re-seated exactly, repeated
   pairs); where no single swap works, a complete search (budget ``SEARCH_NODES``, ample for
   the small fields that ever need it) finds any line-up-free partition; only if there is none
   does a line-up repeat.

Each room carries its ``bracket`` (the points of its pool) and flags that explain it:
``pull-up:NAME`` (from a lower bracket), ``pair-repeat:A+B`` (the pair met before),
``position-repeat:NAME`` (not one of NAME's least-held positions), ``bracket-broken:NAME``
(moved out of its pool by stage 4), ``lineup-repeat-forced``.

The same entrants (in any order), history, round and seed give the same draw in every process.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from .models import BP_BYE_POINTS, BP_SIDES, DebateResult, Draw, Pairing, Rating
from .rating import initial_rating

BYE_POINTS = BP_BYE_POINTS
JOINT_LIMIT = 512
SEARCH_NODES = 200_000
Pullup = Literal["position", "top", "random"]
_COST_SCALE = 1000  # position costs are floats; the flow solver wants integers
_LOCAL_PASSES = 50
_Pool = tuple[float, list["BPEntrant"], set[str]]  # (points level, members, pulled up into it)


@dataclass(frozen=True)
class BPEntrant:
    name: str
    points: float = 0.0  # team points so far: 3-2-1-0 a room, BYE_POINTS a bye
    rating: Rating = field(default_factory=initial_rating)  # orders a bracket (mu - 3 sigma)
    positions: tuple[int, int, int, int] = (0, 0, 0, 0)  # rooms as og, oo, cg, co
    byes: int = 0
    pullups: int = 0


def position_cost(history: Sequence[int], position: int, *, renyi_order: float = 1.0) -> float:
    """Tabbycat's Rényi-entropy cost: how uneven `history` grows if its owner takes `position`.

    n x (2 - H), with n the rooms so far and H the Rényi entropy (base 2) of the position
    shares after this room; 0 for a debater's first room."""
    n = sum(history)
    if n == 0:
        return 0.0
    after = list(history)
    after[position] += 1
    p = [x / (n + 1) for x in after if x]
    a = renyi_order
    if a == 1:
        entropy = -sum(x * math.log2(x) for x in p)
    elif a == 0:
        entropy = math.log2(len(p))
    elif math.isinf(a):
        entropy = -math.log2(max(p))
    else:
        entropy = math.log2(sum(x ** a for x in p)) / (1 - a)
    return n * max(0.0, 2 - entropy)


class _Field:
    """The seated debaters of one round, their history and the costs every stage shares."""

    def __init__(self, ranked: list[BPEntrant], past_rooms: Iterable[Collection[str]],
                 renyi_order: float, exponent: float, rng: random.Random) -> None:
        self.ranked = ranked
        self.by_name = {e.name: e for e in ranked}
        self.rank = {e.name: i for i, e in enumerate(ranked)}
        self.rng = rng
        self.lineups: set[frozenset[str]] = set()
        self.met: dict[frozenset[str], int] = {}
        for room in past_rooms:
            members = frozenset(room)
            self.lineups.add(members)
            for a, b in itertools.combinations(sorted(members & self.by_name.keys()), 2):
                self.met[frozenset((a, b))] = self.met.get(frozenset((a, b)), 0) + 1
        self.cost = {e.name: [round(_COST_SCALE * position_cost(e.positions, s, renyi_order=renyi_order)
                                    ** exponent) for s in range(4)] for e in ranked}

    def repeats(self, room: Sequence[str]) -> tuple[int, int]:
        """(1 if this exact line-up met before, else 0; times its pairs met before)."""
        pairs = sum(self.met.get(frozenset(p), 0) for p in itertools.combinations(room, 2))
        return (1 if frozenset(room) in self.lineups else 0), pairs

    def best_seating(self, room: Sequence[str]) -> tuple[int, tuple[str, ...]]:
        """The cheapest order of a room's four over the positions (exact; seeded ties)."""
        perms = list(itertools.permutations(sorted(room, key=self.rank.__getitem__)))
        self.rng.shuffle(perms)
        return min(((sum(self.cost[n][s] for s, n in enumerate(p)), p) for p in perms),
                   key=lambda x: x[0])


def _choose_byes(ranked: list[BPEntrant], k: int) -> list[str]:
    out: list[str] = []
    pool = list(ranked)
    for _ in range(k):
        fewest = min(e.byes for e in pool)
        pick = [e for e in pool if e.byes == fewest][-1]
        out.append(pick.name)
        pool.remove(pick)
    return out


def _brackets(ranked: list[BPEntrant], pullup: Pullup, rng: random.Random) -> list[_Pool]:
    """Pools down the ranking, each a multiple of four: (points level, members, pulled up)."""
    levels: list[list[BPEntrant]] = []
    for e in ranked:
        if levels and levels[-1][0].points == e.points:
            levels[-1].append(e)
        else:
            levels.append([e])
    lot = {e.name: rng.random() for e in ranked}
    rank = {e.name: i for i, e in enumerate(ranked)}
    pools: list[_Pool] = []
    taken: set[str] = set()  # pulled up by a pool above
    for li, level in enumerate(levels):
        pool = [e for e in level if e.name not in taken]
        if not pool:
            continue
        pulled: set[str] = set()
        j = li + 1
        while len(pool) % 4:
            below = [e for e in levels[j] if e.name not in taken]
            below.sort(key=lambda e: (e.pullups, rank[e.name] if pullup == "top" else lot[e.name]))
            for e in below[:(-len(pool)) % 4]:
                pool.append(e)
                pulled.add(e.name)
                taken.add(e.name)
            j += 1
        pools.append((level[0].points, pool, pulled))
    return pools


def _flow(order: list[str], capacity: Sequence[int], cost: Mapping[tuple[str, int], int]) -> dict[str, int]:
    """Each name to one class k (class k takes capacity[k] names) at least total cost; a pair
    missing from `cost` is barred. The assignment problem with equal places merged: a
    transportation problem, which networkx's network simplex solves exactly."""
    g = nx.DiGraph()
    for n in order:
        g.add_node(("d", n), demand=-1)
    for k, cap in enumerate(capacity):
        g.add_node(("s", k), demand=cap)
    for n in order:
        for k in range(len(capacity)):
            if (n, k) in cost:
                g.add_edge(("d", n), ("s", k), capacity=1, weight=cost[(n, k)])
    flow = nx.min_cost_flow(g)
    return {n: next(k for k, f in flow[("d", n)].items() if f)[1] for n in order}


def _positions(fld: _Field, pool: list[BPEntrant]) -> list[list[str]]:
    """A pool's debaters into four position classes of m each, at least total position cost."""
    m = len(pool) // 4
    order = [e.name for e in pool]
    fld.rng.shuffle(order)  # preshuffle: a random choice among the cheapest assignments
    if all(len(set(fld.cost[n])) == 1 for n in order):  # every position costs each the same
        return [order[s * m:(s + 1) * m] for s in range(4)]
    got = _flow(order, [m] * 4, {(n, s): fld.cost[n][s] for n in order for s in range(4)})
    return [[n for n in order if got[n] == s] for s in range(4)]


def _positions_joint(fld: _Field, pools: list[_Pool]) -> tuple[list[_Pool], list[list[list[str]]]]:
    """``pullup="position"``: pools keep their sizes and points ranges, and a debater may take a
    place in any pool whose range holds its points, so the position cost picks who is pulled
    up (Tabbycat's BP rule); fewer past pull-ups break ties."""
    levels = [{e.points for e in pool} for _, pool, _ in pools]
    order = [e.name for _, pool, _ in pools for e in pool]
    fld.rng.shuffle(order)
    most = max((fld.by_name[n].pullups for n in order), default=0)
    weight = 1 + 3 * len(pools) * (most + 1)  # any position cost outweighs all pull-up history
    cost: dict[tuple[str, int], int] = {}
    for n in order:
        e = fld.by_name[n]
        for k, (level, _, _) in enumerate(pools):
            if e.points in levels[k]:
                for s in range(4):
                    cost[(n, 4 * k + s)] = fld.cost[n][s] * weight + (e.pullups if e.points < level else 0)
    got = _flow(order, [len(pool) // 4 for _, pool, _ in pools for _ in range(4)], cost)
    new_pools, classes = [], []
    for k, (level, _, _) in enumerate(pools):
        members = sorted((fld.by_name[n] for n in order if got[n] // 4 == k), key=lambda e: fld.rank[e.name])
        new_pools.append((level, members, {e.name for e in members if e.points < level}))
        classes.append([[n for n in order if got[n] == 4 * k + s] for s in range(4)])
    return new_pools, classes


def _rooms(fld: _Field, classes: list[list[str]]) -> list[list[str]]:
    """Rooms of one debater per position class; same-position swaps between rooms (which keep
    the position cost) lower the (repeated line-ups, repeated pairs) of each pair of rooms."""
    m = len(classes[0])
    rooms = [[classes[s][i] for s in range(4)] for i in range(m)]
    cost = [fld.repeats(r) for r in rooms]
    for _ in range(_LOCAL_PASSES if m > 1 else 0):
        improved = False
        for i in range(m):
            for j in range(m):
                if cost[i] == (0, 0):
                    break
                if j == i:
                    continue
                for s in range(4):
                    a, b = list(rooms[i]), list(rooms[j])
                    a[s], b[s] = b[s], a[s]
                    ca, cb = fld.repeats(a), fld.repeats(b)
                    if (ca[0] + cb[0], ca[1] + cb[1]) < (cost[i][0] + cost[j][0], cost[i][1] + cost[j][1]):
                        rooms[i], rooms[j], cost[i], cost[j] = a, b, ca, cb
                        improved = True
                        if cost[i] == (0, 0):
                            break
        if not improved:
            break
    return rooms


def _mend_lineups(fld: _Field, rooms: list[list[str]], pool_of: Mapping[str, int]) -> set[int]:
    """Stage 4: rooms whose exact line-up met before; returns the indices of rooms changed."""
    touched: set[int] = set()
    for i in range(len(rooms)):
        if frozenset(rooms[i]) not in fld.lineups:
            continue
        best = None
        for j, x, y in itertools.product(range(len(rooms)), range(4), range(4)):
            if j == i:
                continue
            a, b = list(rooms[i]), list(rooms[j])
            a[x], b[y] = b[y], a[x]
            if frozenset(a) in fld.lineups or frozenset(b) in fld.lineups:
                continue
            key = (abs(pool_of[a[x]] - pool_of[b[y]]), fld.best_seating(a)[0] + fld.best_seating(b)[0],
                   fld.repeats(a)[1] + fld.repeats(b)[1], j, x, y)
            if best is None or key < best[0]:
                best = (key, j, a, b)
        if best is not None:
            _, j, rooms[i], rooms[j] = best
            touched |= {i, j}
    if any(frozenset(r) in fld.lineups for r in rooms):
        found = _search(fld, [n for r in rooms for n in r])
        if found is not None:
            rooms[:] = found
            touched = set(range(len(rooms)))
    return touched


def _search(fld: _Field, names: list[str]) -> list[list[str]] | None:
    """Any partition into rooms of four with no past line-up (complete, rooms built down the
    ranking), or None if there is none or the budget runs out."""
    budget = [SEARCH_NODES]

    def go(left: list[str]) -> list[list[str]] | None:
        if not left:
            return []
        head, rest = left[0], left[1:]
        for trio in itertools.combinations(rest, 3):
            budget[0] -= 1
            if budget[0] < 0:
                return None
            if frozenset((head, *trio)) in fld.lineups:
                continue
            sub = go([n for n in rest if n not in trio])
            if sub is not None:
                return [[head, *trio], *sub]
        return None

    return go(sorted(names, key=fld.rank.__getitem__))


def bp_draw(entrants: Sequence[BPEntrant], round_number: int, seed: int = 0, *,
            past_rooms: Iterable[Collection[str]] = (), pullup: Pullup = "position",
            renyi_order: float = 1.0, exponent: float = 4.0) -> Draw:
    """Draw one BP Swiss round (the four stages of the module docstring).

    `past_rooms`: the line-ups (sets of four names) of every earlier room of the tournament;
    names not among `entrants` may appear. Rooms are ``rN-dK``, their seats og, oo, cg, co.
    """
    if len(entrants) < 4:
        raise ValueError("entrants: at least four are needed for a British Parliamentary room")
    names = [e.name for e in entrants]
    if len(set(names)) != len(names):
        raise ValueError("entrants: names must be unique")
    if exponent < 0:
        raise ValueError("exponent: must not be negative")
    if pullup not in ("position", "top", "random"):
        raise ValueError("pullup: one of position, top, random")
    rng = random.Random(f"bp:{seed}:{round_number}")
    lot = {n: rng.random() for n in sorted(names)}
    ranked = sorted(entrants, key=lambda e: (-e.points, -round(e.rating.conservative, 9), lot[e.name], e.name))
    byes = _choose_byes(ranked, len(ranked) % 4)
    seated = [e for e in ranked if e.name not in byes]
    fld = _Field(seated, past_rooms, renyi_order, exponent, rng)

    pools = _brackets(seated, "top" if pullup == "position" else pullup, rng)
    if pullup == "position" and len(seated) <= JOINT_LIMIT:
        pools, classes = _positions_joint(fld, pools)
    else:
        classes = [_positions(fld, pool) for _, pool, _ in pools]
    rooms: list[list[str]] = []
    room_pool: list[int] = []
    for k in range(len(pools)):
        for room in _rooms(fld, classes[k]):
            rooms.append(room)
            room_pool.append(k)
    pool_of = {e.name: k for k, (_, pool, _) in enumerate(pools) for e in pool}
    pulled = set().union(*(p[2] for p in pools))

    for i in sorted(_mend_lineups(fld, rooms, pool_of)):
        rooms[i] = list(fld.best_seating(rooms[i])[1])
        # a rebuilt room belongs to the pool of most of its members (the higher on a tie)
        counts: dict[int, int] = {}
        for n in rooms[i]:
            counts[pool_of[n]] = counts.get(pool_of[n], 0) + 1
        room_pool[i] = min(counts, key=lambda k: (-counts[k], k))

    pairings = []
    order = sorted(range(len(rooms)), key=lambda i: (room_pool[i], min(fld.rank[n] for n in rooms[i])))
    for k, i in enumerate(order):
        room = rooms[i]
        pairings.append(Pairing(debate_id=f"r{round_number}-d{k + 1}", seats=dict(zip(BP_SIDES, room)),
                                bracket=pools[room_pool[i]][0], flags=_flags(fld, room, room_pool[i],
                                                                             pool_of, pulled)))
    return Draw(round=round_number, pairings=pairings, byes=byes)


def _flags(fld: _Field, room: list[str], pool: int, pool_of: Mapping[str, int], pulled: set[str]) -> list[str]:
    flags: list[str] = []
    for n in sorted(room, key=fld.rank.__getitem__):
        if pool_of[n] != pool:
            flags.append(f"bracket-broken:{n}")
        elif n in pulled:
            flags.append(f"pull-up:{n}")
    for a, b in itertools.combinations(sorted(room), 2):
        if fld.met.get(frozenset((a, b))):
            flags.append(f"pair-repeat:{a}+{b}")
    for s, n in enumerate(room):
        h = fld.by_name[n].positions
        if h[s] > min(h):
            flags.append(f"position-repeat:{n}")
    if frozenset(room) in fld.lineups:
        flags.append("lineup-repeat-forced")
    return flags


# --- history ----------------------------------------------------------------------------------

def entrants_from_history(names: Iterable[str], ratings: Mapping[str, Rating],
                          results: Iterable[DebateResult], draws: Iterable[Draw] = (), *,
                          bye_points: float = BYE_POINTS) -> list[BPEntrant]:
    """Entrants for `names` only, from a tournament's four-side results and its draws (byes
    and pull-ups); results and draws may name debaters who have left."""
    names = list(names)
    points = {n: 0.0 for n in names}
    positions = {n: [0, 0, 0, 0] for n in names}
    byes = {n: 0 for n in names}
    pullups = {n: 0 for n in names}
    for r in results:
        for n, p in r.points().items():
            if n in points:
                points[n] += p
        if r.void:  # an outage: nobody debated, no position held
            continue
        for s, n in enumerate(r.seats.values()):
            if n in positions:
                positions[n][s] += 1
    for d in draws:
        for b in d.byes:
            if b in byes:
                byes[b] += 1
                points[b] += bye_points
        for p in d.pairings:
            for f in p.flags:
                if f.startswith("pull-up:") and f[8:] in pullups:
                    pullups[f[8:]] += 1
    return [BPEntrant(name=n, points=points[n], rating=ratings.get(n, initial_rating()),
                      positions=tuple(positions[n]), byes=byes[n], pullups=pullups[n])  # type: ignore[arg-type]
            for n in names]


def past_lineups(results: Iterable[DebateResult]) -> list[frozenset[str]]:
    """The line-ups of earlier rooms (a void outage room did not meet), for `bp_draw`'s `past_rooms`."""
    return [frozenset(r.seats.values()) for r in results if r.seats and not r.void]
