"""Does style control take away what padding buys? The padder table.

    PYTHONPATH=. python benchmarks/style_control.py [--seeds 24] [--rounds 16] [--noise 1.0 0.5]

A 32-debater league on the engine's Swiss pairing and TrueSkill, judged by simulated 3-judge
panels (debate.domain.panels). Four pairs of debaters (at true ranks 5, 12, 20 and 27) share a
true skill within the pair: the *twin* writes a habitual 500 words a debate, the *padder* 750
(50% more). Every debater's words vary from debate to debate (log-normal, sd 0.2: motions and
opponents differ) around a habitual length (log-normal across debaters, sd 0.15). The judges
are biased toward length: each perceives side k as better by lam x (words_k - words_other) /
(words_k + words_other) skill units. Markdown counts are drawn at random (Poisson 3) and
judged by nobody: their coefficient should come out near 0.

Per league, the padder's rating minus its twin's (Elo, the mean over the four pairs) from the
standings' Bradley-Terry posterior (raw) and from the length-controlled one (debate.domain.
style_control: length, markdown and side covariates); "removed" = 1 - controlled gain / raw
gain. Also the length coefficient with its 95% interval, and how often that interval holds the
coefficient the simulated bias implies: 2 lam sd(x) 1.80 / (noise sqrt 2) logits per sd of the
feature (the bias enters both sides; 1.80 maps the Thurstone judge to the BT scale).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy (see debate/__init__)

import argparse
import math
import statistics
import time

import numpy as np

from debate.domain.bradley_terry import SCALE, comparisons
from debate.domain.bt_posterior import hierarchical_posterior
from debate.domain.panels import PanelNoise, calibrate, simulate_panel
from debate.domain.simulate import play_swiss, true_field
from debate.domain.speech_style import SideStyle
from debate.domain.style_control import fit_style, style_matrix


def league(seed: int, noise: float, lam: float, rounds: int, players: int = 32) -> dict:
    names, skill, truth = true_field(players, 4.0, seed)
    padders = [truth[k] for k in (4, 11, 19, 26)]
    twins = [truth[k] for k in (5, 12, 20, 27)]
    for p, t in zip(padders, twins):
        skill[t] = skill[p]
    rng = np.random.default_rng([seed, 77, int(noise * 100), int(lam * 100)])
    habit = {n: math.log(500.0) + 0.15 * rng.standard_normal() for n in names}
    habit.update({t: math.log(500.0) for t in twins} | {p: math.log(750.0) for p in padders})
    pn = PanelNoise.from_budget(noise, calibrate(noise))
    styles: dict[str, dict[str, SideStyle]] = {}

    def decide(p) -> str | None:
        wa, wb = (math.exp(habit[n] + 0.2 * rng.standard_normal()) for n in (p.pro, p.con))
        x = (wa - wb) / (wa + wb)
        panel = simulate_panel(np.array([skill[p.pro] - skill[p.con]]), pn, rng, bias=np.array([[lam * x, -lam * x]]))
        styles[p.debate_id] = {"pro": SideStyle(wa, float(rng.poisson(3.0))),
                               "con": SideStyle(wb, float(rng.poisson(3.0)))}
        y = panel.result[0]
        return p.pro if y == 1 else p.con if y == 0 else None

    results = play_swiss(names, rounds, seed, decide).results
    c = comparisons(names, results)
    ids = [c.debate_ids[g] for g in c.group]
    X, features = style_matrix([styles[d]["pro"] for d in ids], [styles[d]["con"] for d in ids])
    raw = hierarchical_posterior(c).mean
    st = fit_style(c, X, features)
    idx = {n: i for i, n in enumerate(names)}
    pi, ti = [idx[p] for p in padders], [idx[t] for t in twins]
    lengths = (np.array([styles[d]["pro"].words for d in ids]), np.array([styles[d]["con"].words for d in ids]))
    sd_x = float(np.std((lengths[0] - lengths[1]) / (lengths[0] + lengths[1])))
    return {"raw": float(np.mean(raw[pi] - raw[ti])) * SCALE,
            "ctrl": float(np.mean(st.posterior.mean[pi] - st.posterior.mean[ti])) * SCALE,
            "beta": dict(zip(features, st.beta)), "lo": st.beta_lo[0], "hi": st.beta_hi[0],
            "implied": 2 * lam * sd_x * 1.80 / (noise * math.sqrt(2))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--rounds", type=int, default=16)
    ap.add_argument("--lam", type=float, nargs="+", default=[0.0, 1.25, 2.5])
    ap.add_argument("--noise", type=float, nargs="+", default=[1.0, 0.5])
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(f"32 debaters, Swiss, {args.rounds} rounds, 3-judge panels, seeds 1..{args.seeds}; padder minus "
          "twin in Elo, mean (standard error)\n")
    print("| noise | length bias lam | raw gain | length-controlled gain | removed | length beta, mean "
          "[95% CI] | implied beta | CI holds it | markdown beta | side beta |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for noise in args.noise:
        for lam in args.lam:
            runs = [league(s, noise, lam, args.rounds) for s in range(1, args.seeds + 1)]
            raw, ctrl = [r["raw"] for r in runs], [r["ctrl"] for r in runs]

            def se(v: list[float]) -> float:
                return statistics.stdev(v) / math.sqrt(len(v))

            removed = f"{100 * (1 - statistics.mean(ctrl) / statistics.mean(raw)):.0f}%" if lam > 0 else "-"
            held = np.mean([r["lo"] <= r["implied"] <= r["hi"] for r in runs])
            beta = statistics.mean(r["beta"]["length"] for r in runs)
            print(f"| {noise} | {lam} | {statistics.mean(raw):.0f} ({se(raw):.0f}) | {statistics.mean(ctrl):.0f} "
                  f"({se(ctrl):.0f}) | {removed} | {beta:.2f} [{statistics.mean(r['lo'] for r in runs):.2f}, "
                  f"{statistics.mean(r['hi'] for r in runs):.2f}] | {statistics.mean(r['implied'] for r in runs):.2f} "
                  f"| {100 * held:.0f}% | {statistics.mean(r['beta'].get('markdown', 0.0) for r in runs):.2f} | "
                  f"{statistics.mean(r['beta']['side'] for r in runs):.2f} |", flush=True)
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
