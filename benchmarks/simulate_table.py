"""Debates each pairing method needs before the standings reach Kendall tau 0.9.

    PYTHONPATH=. python benchmarks/simulate_table.py [--noise 1.0] [--spread 4.0] [--seeds 8]

For 16, 32 and 64 synthetic debaters (debate.simulate: hidden true skills, a noisy judge, the
real pairing and TrueSkill code), each method plays until the standings' order first reaches
tau >= 0.9 against the true order, or gives up after two full round robins' worth of rounds.
Prints a Markdown table: mean debates over the seeds that got there (and how many did), the
size of one full round robin, and Swiss as a share of both.
"""

from __future__ import annotations

import argparse
import statistics
import time

from debate.simulate import DEFAULT_SPREAD, METHODS, simulate

TARGET = 0.9


def debates_to_target(n: int, method: str, noise: float, spread: float, seed: int,
                      mirror: bool) -> int | None:
    cap = 2 * (n - 1)
    sim = simulate(n, cap, method, noise, seed, spread=spread, mirror=mirror,  # type: ignore[arg-type]
                   stop_at_tau=TARGET)
    return sim.debates if sim.kendall_tau >= TARGET else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--noise", type=float, default=1.0)
    ap.add_argument("--spread", type=float, default=DEFAULT_SPREAD)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--players", type=int, nargs="*", default=[16, 32, 64])
    ap.add_argument("--mirror", action="store_true")
    args = ap.parse_args()
    print(f"judge noise {args.noise}, skill spread {args.spread}, seeds 1..{args.seeds}, "
          f"target tau {TARGET}{', mirrored' if args.mirror else ''}\n")
    print("| players | swiss | random | round robin (partial) | full round robin "
          "| swiss / partial RR | swiss / full RR |")
    print("|---|---|---|---|---|---|---|")
    for n in args.players:
        t0 = time.perf_counter()
        means: dict[str, float | None] = {}
        cells = []
        for method in METHODS:
            got = [debates_to_target(n, method, args.noise, args.spread, s, args.mirror)
                   for s in range(1, args.seeds + 1)]
            ok = [g for g in got if g is not None]
            means[method] = statistics.mean(ok) if ok else None
            cells.append(f"{means[method]:.0f} ({len(ok)}/{len(got)})" if ok else f"never (0/{len(got)})")
        full = n * (n - 1) // 2 * (2 if args.mirror else 1)
        sw, rr = means["swiss"], means["round-robin"]
        ratio_rr = f"{sw / rr:.0%}" if sw and rr else "-"
        ratio_full = f"{sw / full:.0%}" if sw else "-"
        print(f"| {n} | {' | '.join(cells)} | {full} | {ratio_rr} | {ratio_full} |", flush=True)
        print(f"<!-- {n} players: {time.perf_counter() - t0:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
