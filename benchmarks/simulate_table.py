"""Debates each pairing method needs before the standings reach Kendall tau 0.9.

    PYTHONPATH=. python benchmarks/simulate_table.py [--noise 1.0] [--spread 4.0] [--seeds 8]

For 16, 32 and 64 synthetic debaters (debate.domain.simulate: hidden true skills, a noisy judge, the
real pairing and TrueSkill code), each method plays until its order first reaches tau >= 0.9
against the true order, or gives up after two full round robins' worth of rounds. Two orders
are scored over the same debates: the standings (TrueSkill, conservative rating) and a
Bradley-Terry fit. Prints Markdown tables: mean debates over the seeds that got there (and how
many did), one full round robin's size, and Swiss as a share of both kinds of round robin.
"""

from __future__ import annotations

import argparse
import statistics
import time

from debate.domain.simulate import DEFAULT_SPREAD, METHODS, simulate

TARGET = 0.9  # --target changes it
ORDERS = {"kendall_tau": "TrueSkill standings", "bt_kendall_tau": "Bradley-Terry"}


def debates_to_target(n: int, method: str, noise: float, spread: float, seed: int,
                      mirror: bool, target: float = TARGET) -> dict[str, int | None]:
    sim = simulate(n, 2 * (n - 1), method, noise, seed, spread=spread,  # type: ignore[arg-type]
                   mirror=mirror, stop_at_tau=target)
    return {k: next((p.debates for p in sim.history if getattr(p, k) >= target), None)
            for k in ORDERS}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--noise", type=float, default=1.0)
    ap.add_argument("--spread", type=float, default=DEFAULT_SPREAD)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--players", type=int, nargs="*", default=[16, 32, 64])
    ap.add_argument("--mirror", action="store_true")
    ap.add_argument("--target", type=float, default=TARGET)
    args = ap.parse_args()
    rows: dict[str, list[str]] = {k: [] for k in ORDERS}
    t0 = time.perf_counter()
    for n in args.players:
        got = {m: [debates_to_target(n, m, args.noise, args.spread, s, args.mirror, args.target)
                   for s in range(1, args.seeds + 1)] for m in METHODS}
        full = n * (n - 1) // 2 * (2 if args.mirror else 1)
        for k in ORDERS:
            means: dict[str, float | None] = {}
            cells = []
            for m in METHODS:
                ok = [g[k] for g in got[m] if g[k] is not None]
                means[m] = statistics.mean(ok) if ok else None
                cells.append(f"{means[m]:.0f} ({len(ok)}/{args.seeds})" if ok
                             else f"never (0/{args.seeds})")
            sw, rr = means["swiss"], means["round-robin"]
            rows[k].append(f"| {n} | {' | '.join(cells)} | {full} | "
                           f"{f'{sw / rr:.0%}' if sw and rr else '-'} | "
                           f"{f'{sw / full:.0%}' if sw else '-'} |")
    print(f"judge noise {args.noise}, skill spread {args.spread}, seeds 1..{args.seeds}, "
          f"target tau {args.target}{', mirrored' if args.mirror else ''}; "
          f"{time.perf_counter() - t0:.0f} s")
    for k, title in ORDERS.items():
        print(f"\nOrder: {title}\n")
        print("| players | swiss | random | round robin (partial) | full round robin "
              "| swiss / partial RR | swiss / full RR |")
        print("|---|---|---|---|---|---|---|")
        print("\n".join(rows[k]))


if __name__ == "__main__":
    main()
