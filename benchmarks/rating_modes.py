"""Debates to Kendall tau 0.9 by rating mode: win/loss against the judges' rubric margins.

    PYTHONPATH=. python benchmarks/rating_modes.py [--noise 0.5 1.0] [--players 16 32 64] [--seeds 24]

Each league is the engine's Swiss (real pairing and TrueSkill, which see the panels' results
as in the engine) judged by simulated 3-judge panels that write ballots
(`debate simulate --panel 3`, debate.domain.panels), calibrated so their majority decides as
the single simulated judge of benchmarks/simulate_table.py. After every round each order is
scored against the hidden true order over the same debates:

- TrueSkill: mu - 3 sigma (the standings' order before issue 15);
- BT point: the Bradley-Terry point fit (one virtual win and loss each);
- BT posterior: the hierarchical posterior's mean (the standings' order in `rating: win-loss`);
- margin: least squares on the margins (ridge only for the level);
- margin posterior: the margin posterior's mean (the standings' order in `rating: margin`).

The table gives the mean debates until each order first reaches tau 0.9, as a share of one
full round robin, with the standard error over seeds. A league stops once every order got
there, or after two round robins' worth of rounds (then the cell says how many seeds got there
and counts the others at their last round).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy (see debate/__init__)

import argparse
import math
import statistics
import time

import numpy as np

from debate.domain.bradley_terry import comparisons, from_rows
from debate.domain.bt_posterior import hierarchical_posterior
from debate.domain.margins import margin_posterior
from debate.domain.simulate import simulate

TARGET = 0.9
ORDERS = {"kendall_tau": "TrueSkill", "bt_kendall_tau": "BT point", "bt_mean": "BT posterior",
          "margin_kendall_tau": "margin", "margin_mean": "margin posterior"}


def bt_mean(names, results, margins):
    post = hierarchical_posterior(comparisons(names, results))
    return [names[i] for i in np.lexsort((names, -post.mean))]


def margin_mean(names, results, margins):
    c = from_rows(names, [(a, b, 0.5, g) for a, b, _, g in margins])
    post = margin_posterior(c, np.array([m for _, _, m, _ in margins])).posterior
    return [names[i] for i in np.lexsort((names, -post.mean))]


def league(players: int, noise: float, seed: int, panel: int) -> dict[str, tuple[int, bool]]:
    sim = simulate(players, 2 * (players - 1), "swiss", noise, seed, panel=panel, stop_at_tau=TARGET,
                   orders={"bt_mean": bt_mean, "margin_mean": margin_mean})
    out = {}
    for key in ORDERS:
        got = next((p.debates for p in sim.history
                    if (p.extra.get(key) if key in p.extra else getattr(p, key)) >= TARGET), None)
        out[key] = (got if got is not None else sim.debates, got is not None)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--noise", type=float, nargs="+", default=[0.5, 1.0])
    ap.add_argument("--players", type=int, nargs="+", default=[16, 32, 64])
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--panel", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(f"Swiss, {args.panel}-judge panels writing ballots, seeds 1..{args.seeds}; mean debates to "
          f"Kendall tau {TARGET} as % of a full round robin (standard error)\n")
    print("| noise | players | full RR | " + " | ".join(ORDERS.values()) + " |")
    print("|---|---|---|" + "---|" * len(ORDERS))
    for noise in args.noise:
        for players in args.players:
            full = players * (players - 1) // 2
            got = [league(players, noise, s, args.panel) for s in range(1, args.seeds + 1)]
            cells = []
            for key in ORDERS:
                v = [g[key][0] for g in got]
                ok = sum(g[key][1] for g in got)
                se = statistics.stdev(v) / math.sqrt(len(v)) if len(v) > 1 else 0.0
                cells.append(f"{100 * statistics.mean(v) / full:.0f}% ({100 * se / full:.1f})"
                             + ("" if ok == len(got) else f" [{ok}/{len(got)}]"))
            print(f"| {noise} | {players} | {full} | " + " | ".join(cells) + " |", flush=True)
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
