"""Time `pair()` on large fields: prints seconds for one draw at each field size.

    PYTHONPATH=. python benchmarks/pairing_speed.py [SIZES...] [--rounds 5]

Each field first plays `--rounds` rounds of real Swiss pairing (outcomes from hidden skills
with judge noise, ratings by TrueSkill), so the timed draw has real score groups, side
histories and opponents to avoid; then the next round's draw is timed.
"""

from __future__ import annotations

import argparse
import random
import time

from debate.domain.pairing import EXACT_LIMIT, pair
from debate.domain.simulate import play_swiss


def played_field(n: int, rounds: int, seed: int = 1):
    rng = random.Random(seed)
    names = [f"m{i:05d}" for i in range(n)]
    skill = {nm: rng.gauss(0, 4) for nm in names}
    return play_swiss(names, rounds, seed, lambda p: p.pro if skill[p.pro] - skill[p.con]
                      + rng.gauss(0, 1.4) > 0 else p.con).entrants()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", type=int, nargs="*", default=[64, 96, 256, 1000, 10000])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    print(f"exact matching up to {EXACT_LIMIT} entrants, blocks above; "
          f"timed draw is round {args.rounds + 1}")
    print(f"{'entrants':>9} {'seconds':>8} {'pairings':>9} {'pull-ups':>9} {'rematches':>10}")
    for n in args.sizes:
        ents = played_field(n, args.rounds)
        t0 = time.perf_counter()
        draw = pair(ents, args.rounds + 1, seed=1)
        dt = time.perf_counter() - t0
        pulls = sum(any(f.startswith("pull-up") for f in p.flags) for p in draw.pairings)
        rem = sum("rematch-forced" in p.flags for p in draw.pairings)
        print(f"{n:>9} {dt:>8.2f} {len(draw.pairings):>9} {pulls:>9} {rem:>10}", flush=True)


if __name__ == "__main__":
    main()
