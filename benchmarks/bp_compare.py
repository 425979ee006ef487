"""British Parliamentary Swiss against 1v1 Swiss: model calls until the order reaches Kendall tau 0.9.

    PYTHONPATH=. python benchmarks/bp_compare.py [--players 32] [--noise 0.5 1.0] [--seeds 24]

Both leagues play the same fields (debate.domain.simulate.true_field: hidden skills, seed by
seed) before the same judge model (each side's showing is its skill plus Gaussian noise; one
judge), through the engine's own draw, panel and rating code: 1v1 is `simulate` (Swiss pairing,
oxford), BP is `bp_simulate.simulate_bp` (the BP draw, four sides ranked). Each league plays
until both its TrueSkill standings and its Bradley-Terry order have reached the target; the
figure is the calls spent by the round where an order first did:

- 1v1 (oxford): 6 speeches + 2 reads (the judge's position swap) = 8 calls a debate;
- BP: 8 speeches + the judge's reads (2 by default, 4 for a full Williams square) a room.

The words column counts what is written (every speech at its word limit) plus what is read
(each judge read takes the whole transcript): a BP read is 2,100 words, a 1v1 read 1,500.
A second table sets a bias by letter (A-D) on the BP judge to show what the reads buy.
Prints Markdown; the ratio's 95% interval is a bootstrap over seeds (paired: same field).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from debate.domain.bp_simulate import calls_per_debate, simulate_bp
from debate.domain.simulate import simulate
from debate.league.resources import load_format

ORDERS = {"kendall_tau": "TrueSkill", "bt_kendall_tau": "Bradley-Terry"}
ONE_V_ONE_READS = 2  # the position swap


def first(history, key: str, target: float) -> int | None:
    return next((p.debates for p in history if getattr(p, key) >= target), None)


def mean_se(xs: list[float]) -> tuple[float, float]:
    return statistics.mean(xs), (statistics.stdev(xs) / len(xs) ** 0.5 if len(xs) > 1 else 0.0)


def ratio_ci(a: list[float], b: list[float], n: int = 4000) -> tuple[float, float, float]:
    """sum(a) / sum(b) with a percentile bootstrap over the seeds (pairs kept together)."""
    rng = random.Random(0)
    rs = sorted(sum(a[i] for i in ix) / sum(b[i] for i in ix)
                for ix in ([rng.randrange(len(a)) for _ in a] for _ in range(n)))
    return sum(a) / sum(b), rs[int(0.025 * n)], rs[int(0.975 * n) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--players", type=int, default=32)
    ap.add_argument("--noise", type=float, nargs="*", default=[0.5, 1.0])
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--target", type=float, default=0.9)
    ap.add_argument("--bias-seeds", type=int, default=12, help="seeds for the letter-bias table (0: skip)")
    args = ap.parse_args()
    oxford, bp = load_format("oxford"), load_format("bp")
    words_1v1 = sum(t.word_limit for t in oxford.turns)
    words_bp = sum(t.word_limit for t in bp.turns)
    per_1v1 = calls_per_debate(len(oxford.turns), 1, ONE_V_ONE_READS)
    seeds = range(1, args.seeds + 1)
    t0 = time.perf_counter()
    print(f"{args.players} players, one judge, target tau {args.target}, seeds 1..{args.seeds}; calls a "
          f"debate: 1v1 {len(oxford.turns)} speeches + {ONE_V_ONE_READS} reads, BP {len(bp.turns)} "
          "speeches + the reads\n")
    print("| noise | order | 1v1 calls ± s.e. | BP calls ± s.e. (2 reads) | **BP / 1v1** [95% CI] "
          "| BP / 1v1 with 4 reads | words BP / 1v1 (2 reads) | reached 1v1 / BP |")
    print("|---|---|---|---|---|---|---|---|")
    for noise in args.noise:
        one = [simulate(args.players, 2 * (args.players - 1), "swiss", noise, s, stop_at_tau=args.target)
               for s in seeds]
        four = [simulate_bp(args.players, 40, noise, s, reads=2, stop_at_tau=args.target) for s in seeds]
        for key, label in ORDERS.items():
            a = [first(x.history, key, args.target) for x in one]
            b = [first(x.history, key, args.target) for x in four]
            ok = [i for i in range(len(a)) if a[i] is not None and b[i] is not None]
            debates, rooms = [a[i] for i in ok], [b[i] for i in ok]
            c1 = [d * per_1v1 for d in debates]
            c2 = [r * calls_per_debate(len(bp.turns), 1, 2) for r in rooms]
            c4 = [r * calls_per_debate(len(bp.turns), 1, 4) for r in rooms]
            (m1, e1), (m2, e2) = mean_se(c1), mean_se(c2)
            r, lo, hi = ratio_ci(c2, c1)
            words = (sum(rooms) * words_bp * (1 + 2)) / (sum(debates) * words_1v1 * (1 + ONE_V_ONE_READS))
            print(f"| {noise} | {label} | {m1:.0f} ± {e1:.0f} ({statistics.mean(debates):.0f} debates) "
                  f"| {m2:.0f} ± {e2:.0f} ({statistics.mean(rooms):.0f} rooms) | **{r:.0%}** [{lo:.0%}, {hi:.0%}] "
                  f"| {sum(c4) / sum(c1):.0%} | {words:.0%} | {sum(x is not None for x in a)}/"
                  f"{sum(x is not None for x in b)} |")
    if args.bias_seeds:
        print(f"\nBP judge with a bias by letter (noise 1.0, {args.players} players, seeds 1..{args.bias_seeds}): "
              "calls to the target, TrueSkill / Bradley-Terry\n")
        print("| letter bias (A, B, C, D) | 1 read (A is always og) | 2 reads | 4 reads (Williams square) |")
        print("|---|---|---|---|")
        biases = {"none": (0, 0, 0, 0), "primacy, linear ±0.5": (0.5, 1 / 6, -1 / 6, -0.5),
                  "U-shaped ±0.5": (0.5, -0.5, -0.5, 0.5), "primacy, linear ±1.5": (1.5, 0.5, -0.5, -1.5),
                  "U-shaped ±1.5": (1.5, -1.5, -1.5, 1.5)}
        for name, bias in biases.items():
            cells = []
            for reads in (1, 2, 4):
                runs = [simulate_bp(args.players, 40, 1.0, s, reads=reads, letter_bias=bias,
                                    stop_at_tau=args.target) for s in range(1, args.bias_seeds + 1)]
                per = calls_per_debate(len(bp.turns), 1, reads)
                got = [[first(x.history, k, args.target) for x in runs] for k in ORDERS]
                cells.append(" / ".join(f"{statistics.mean(v) * per:.0f}" if all(v) else "-" for v in got))
            print(f"| {name} | {' | '.join(cells)} |")
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
