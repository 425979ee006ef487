"""What one refit of the standings' figures costs (the engine refits after every round).

    PYTHONPATH=. python benchmarks/rating_runtime.py [--players 32 256] [--rounds 8]

Leagues: the engine's Swiss pairing, judged by simulated 3-judge panels at noise 1.0 (with
random speech lengths for style control). Times are CPU seconds of this process (what a quiet
machine takes; wall clock on a shared machine is longer), best of 3, per step and for the whole
refit the engine does (debate.domain.estimates.estimate: posterior, intervals, 4,000 draws,
rank ranges, the reversal count; with and without style control; in both rating modes).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy (see debate/__init__)

import argparse
import time

import numpy as np

from debate.domain.bradley_terry import comparisons, point_fit
from debate.domain.bt_posterior import hierarchical_posterior
from debate.domain.estimates import estimate
from debate.domain.margins import margin_posterior, margins_of
from debate.domain.models import Ballot, Dimension, Rubric
from debate.domain.panels import PanelNoise, calibrate, simulate_panel
from debate.domain.posterior import draws, intervals, rank_summary
from debate.domain.robustness import leader_flips_bt, leader_flips_linear
from debate.domain.simulate import play_swiss, true_field
from debate.domain.speech_style import SideStyle
from debate.domain.style_control import fit_style, style_matrix

RUBRIC = Rubric(id="r", title="r", judge_prompt="j", dimensions=[Dimension(id="d", name="d", description="d")])


def league(players: int, rounds: int, seed: int = 1):
    names, skill, _ = true_field(players, 4.0, seed)
    rng = np.random.default_rng(seed)
    pn = PanelNoise.from_budget(1.0, calibrate(1.0))
    ballots, styles = {}, {}

    def decide(p):
        panel = simulate_panel(np.array([skill[p.pro] - skill[p.con]]), pn, rng)
        m = float(panel.margin[0])
        ballots[p.debate_id] = [Ballot(judge="j", scores={"pro": {"d": 5 + m / 2}, "con": {"d": 5 - m / 2}})]
        styles[p.debate_id] = {s: SideStyle(float(np.exp(np.log(500) + 0.2 * rng.standard_normal())))
                               for s in ("pro", "con")}
        y = panel.result[0]
        return p.pro if y == 1 else p.con if y == 0 else None

    return names, play_swiss(names, rounds, seed, decide).results, ballots, styles


def best_of(f, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.process_time()
        f()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--players", type=int, nargs="+", default=[32, 256])
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    print("| debaters | debates | step | CPU s |\n|---|---|---|---|")
    for players in args.players:
        names, results, ballots, styles = league(players, args.rounds)
        c = comparisons(names, results)
        post = hierarchical_posterior(c)
        mc, m = margins_of(c, ballots, RUBRIC)
        mf = margin_posterior(mc, m)
        ids = [c.debate_ids[g] for g in c.group]
        X, feats = style_matrix([styles[d]["pro"] for d in ids], [styles[d]["con"] for d in ids])
        steps = {
            "Bradley-Terry point fit (Newton)": lambda: point_fit(c),
            "hierarchical posterior (EP)": lambda: hierarchical_posterior(c),
            "intervals": lambda: intervals(post),
            "4,000 draws, rank ranges, P(best)": lambda: rank_summary(draws(post)),
            "reversals that change the leader (win-loss)": lambda: leader_flips_bt(c, post.likeliest_scale ** 2),
            "margin posterior": lambda: margin_posterior(mc, m),
            "reversals that change the leader (margin)": lambda: leader_flips_linear(mc, m, mf.ridge),
            "style-controlled posterior": lambda: fit_style(c, X, feats),
            "**refit, win-loss** (estimate)": lambda: estimate(names, results, seed=1),
            "**refit, win-loss, with style control**": lambda: estimate(names, results, styles=styles, seed=1),
            "**refit, margin, with style control**": lambda: estimate(names, results, mode="margin", ballots=ballots,
                                                                       rubric=RUBRIC, styles=styles, seed=1),
        }
        for label, f in steps.items():
            print(f"| {players} | {len(results)} | {label} | {best_of(f):.3f} |", flush=True)


if __name__ == "__main__":
    main()
