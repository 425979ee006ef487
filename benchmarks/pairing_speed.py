"""Time `pair()` on large fields: prints seconds per draw for each field size.

    PYTHONPATH=. python benchmarks/pairing_speed.py [SIZES...]

Each field is a round-6 state: five rounds of history (scores, sides, opponents, ratings)
made by playing five rounds of the real pairing on a smaller seed field would take too long
at 10,000, so the history is synthetic but legal: alternating sides, random opponents.
"""

from __future__ import annotations

import random
import sys
import time

from debate.domain.models import Rating
from debate.domain.pairing import Entrant, pair


def field(n: int, rounds_played: int = 5, seed: int = 1) -> list[Entrant]:
    rng = random.Random(seed)
    names = [f"m{i:05d}" for i in range(n)]
    out = []
    for nm in names:
        wins = sum(rng.random() < 0.5 for _ in range(rounds_played))
        first = rng.choice(("pro", "con"))
        sides = tuple(first if k % 2 == 0 else ("con" if first == "pro" else "pro")
                      for k in range(rounds_played))
        opps = frozenset(rng.sample(names, rounds_played)) - {nm}
        out.append(Entrant(name=nm, score=float(wins),
                           rating=Rating(mu=25 + 3 * (wins - 2.5) + rng.gauss(0, 1),
                                         sigma=8.33 * 0.6), sides=sides, opponents=opps))
    return out


def main(sizes: list[int]) -> None:
    print(f"{'entrants':>9} {'seconds':>8} {'pairings':>9} {'pull-ups':>9} {'rematches':>10}")
    for n in sizes:
        ents = field(n)
        t0 = time.perf_counter()
        draw = pair(ents, 6, seed=1)
        dt = time.perf_counter() - t0
        pulls = sum(any(f.startswith("pull-up") for f in p.flags) for p in draw.pairings)
        rem = sum("rematch-forced" in p.flags for p in draw.pairings)
        print(f"{n:>9} {dt:>8.2f} {len(draw.pairings):>9} {pulls:>9} {rem:>10}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [64, 96, 256, 1000, 10000])
