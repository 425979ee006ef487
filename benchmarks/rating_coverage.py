"""Do the standings' 95% intervals cover the true skill? Coverage and width per cell.

    PYTHONPATH=. python benchmarks/rating_coverage.py [--players 16 32] [--noise 0.5 1.0]
        [--spread 4] [--pairing swiss] [--seeds 8] [--methods bootstrap posterior ...] [--twins]
        [--format bp --methods posterior unweighted oracle --checkpoints 2 4 8 16]

Leagues are the engine's own: Swiss pairing and TrueSkill (play_swiss) or random pairing, the
simulator's hidden skills (normal quantiles, sd `--spread`) and its single judge (noise
`--noise`). At 2, 4, 8, 16 and 32 debates per debater each method's 95% intervals are checked
against the true skill *on the Bradley-Terry scale*: the simulator's judge is Thurstone, so the
truth a BT estimate aims at is the BT model closest to it (Kullback-Leibler): the BT fit to an
infinite round robin, computed exactly, and centred like the estimates. Cells: coverage % of all
debater-intervals (in brackets: the outer fifth of the field by true skill) / mean width in Elo.

Methods:
- bootstrap: the engine before issue 15: 200 percentile-bootstrap resamples of the debates, each
  fitted by the MM iteration that rescaled on every step (200 iterations, tolerance 1e-6);
- posterior: the engine now (debate.domain.bt_posterior, spread flat in log over 0.2-24 logits);
- half-cauchy: the same with a half-Cauchy(0, 1.5 logits) prior on the spread, one that a
  real LLM league's spread (Chatbot Arena's is about 1 logit) would suggest;
- oracle: the spread fixed at the truth's, which nobody knows: the narrowest calibrated interval,
  the yardstick for "not wider than needed".

For `posterior` the second table gives the rank ranges (how often the 95% range holds the true
place, its mean length), and the top set (how often it holds the true best, its mean size).
`--format bp`: British Parliamentary leagues instead (debate.domain.bp_simulate: the BP draw, the
same judge ranking four showings), k rounds = k rooms each. A room's six pairwise outcomes come
from one ranking, so the engine weights them (bradley_terry.ranking_weight, 0.64 each);
`unweighted` is the posterior that counts them as six independent games, to show what the weight
is for.

`--twins`: a field of 16 pairs of identical debaters; the share of twin pairs whose intervals
are disjoint (each interval covering 95%, both must miss, on opposite sides: well under 1%).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy (see debate/__init__)

import argparse
import math
import random
import time
from statistics import NormalDist

import numpy as np

from debate.domain.bp_simulate import simulate_bp
from debate.domain.bradley_terry import SCALE, Comparisons, comparisons, from_rows, map_fit
from debate.domain.bt_posterior import ep_fit, hierarchical_posterior
from debate.domain.models import DebateResult, Draw
from debate.domain.posterior import centring, draws, intervals, rank_summary
from debate.domain.simulate import _random_draw, play_swiss, true_field

CHECKPOINTS = (2, 4, 8, 16, 32)
Z95 = 1.959963984540054


def bt_truth(skill: np.ndarray, noise: float) -> np.ndarray:
    """The BT model closest to the Thurstone judge: the BT fit to every pair's win probability."""
    n = len(skill)
    i, j = np.triu_indices(n, 1)
    p = np.vectorize(NormalDist().cdf)((skill[i] - skill[j]) / (noise * math.sqrt(2.0)))
    t = map_fit(from_rows([str(k) for k in range(n)], [(a, b, y, g) for g, (a, b, y) in
                                                       enumerate(zip(i, j, p))]), prior_var=1e8).theta
    return t - t.mean()


def bootstrap(c, seed: int, samples: int = 200, iters: int = 200, tol: float = 1e-6):
    """The engine's bootstrap before issue 15, vectorised over resamples (same fit, same bug)."""
    rng = np.random.default_rng(seed)
    G, n = len(c), c.n
    counts = np.zeros((samples, G))
    np.add.at(counts, (np.repeat(np.arange(samples), G), rng.integers(0, G, samples * G)), 1.0)
    inc = np.zeros((G, n))
    inc[np.arange(G), c.a] = 1.0
    inc[np.arange(G), c.b] = 1.0
    won = np.zeros((G, n))
    won[np.arange(G), c.a] = c.y
    won[np.arange(G), c.b] = 1 - c.y
    wins = counts @ won + 1.0
    p = np.ones((samples, n))
    for _ in range(iters):
        new = wins / ((counts / (p[:, c.a] + p[:, c.b])) @ inc + 2.0 / (p + 1.0))
        new /= np.exp(np.log(new).mean(axis=1, keepdims=True))  # the rescale issue 15 removed
        done = np.max(np.abs(new - p)) < tol
        p = new
        if done:
            break
    logs = np.log(p) - np.log(p).mean(axis=1, keepdims=True)
    return np.percentile(logs, 2.5, axis=0), np.percentile(logs, 97.5, axis=0)


def half_cauchy(scale: float):
    def f(tau: np.ndarray) -> np.ndarray:  # density in log tau: includes the Jacobian tau
        return np.log(tau) - np.log1p((tau / scale) ** 2)
    return f


def interval_methods(names: list[str], truth_sd: float):
    def posterior(c, seed):
        return intervals(hierarchical_posterior(c))

    def oracle(c, seed):
        f = ep_fit(c, prior_var=truth_sd ** 2)
        C = centring(c.n)
        mean, sd = C @ f.mean, np.sqrt(np.diag(C @ f.cov @ C))
        return mean - Z95 * sd, mean + Z95 * sd

    return {"bootstrap": lambda c, seed: bootstrap(c, seed), "posterior": posterior,
            "unweighted": lambda c, seed: intervals(hierarchical_posterior(as_independent(c))),
            "half-cauchy": lambda c, seed: intervals(hierarchical_posterior(c, log_prior=half_cauchy(1.5))),
            "oracle": oracle}


def play(names: list[str], skill: dict[str, float], noise: float, seed: int, pairing: str,
         rounds: int) -> list[list[DebateResult]]:
    """The results after each round (the simulator's judge and RNG streams)."""
    judge = random.Random(f"judge:{seed}")

    def decide(p) -> str:
        margin = skill[p.pro] - skill[p.con] + noise * (judge.gauss(0, 1) - judge.gauss(0, 1))
        return p.pro if margin > 0 else p.con

    if pairing == "swiss":
        lg = play_swiss(names, rounds, seed, decide)
        return [[r for r in lg.results if r.round <= k] for k in range(1, rounds + 1)]
    draw_rng, byes, out, results = random.Random(f"draw:{seed}"), {}, [], []
    for rnd in range(1, rounds + 1):
        draw: Draw = _random_draw(names, rnd, draw_rng, byes)
        for b in draw.byes:
            byes[b] = byes.get(b, 0) + 1
        results = results + [DebateResult(debate_id=p.debate_id, round=rnd, motion_id="m", pro=p.pro,
                                          con=p.con, winner=decide(p), result="decided") for p in draw.pairings]
        out.append(results)
    return out


def play_bp(names: list[str], noise: float, seed: int, spread: float, rounds: int) -> list[list[DebateResult]]:
    """A BP Swiss league (bp_simulate: the BP draw, one judge ranking four showings), its rooms
    after each round; every room's six pairwise outcomes come from one ranking."""
    sim = simulate_bp(len(names), rounds, noise, seed, spread=spread)
    return [[r for r in sim.results if r.round <= k] for k in range(1, rounds + 1)]


def as_independent(c):
    """The same outcomes weighted as independent games (weight 1): what ignoring the rooms gives."""
    return Comparisons(c.names, c.a, c.b, c.y, np.ones_like(c.w), c.group, c.debate_ids)


def coverage(args: argparse.Namespace) -> None:
    print(("British Parliamentary rooms (BP draw), rooms each = rounds" if args.format == "bp" else
           f"pairing {args.pairing}") + f", spread {args.spread}, seeds 1..{args.seeds}; coverage % (outer "
          "fifth of the field) / mean 95% width in Elo\n")
    print("| players | noise | debates each | " + " | ".join(args.methods) + " |")
    print("|---|---|---|" + "---|" * len(args.methods))
    rank_rows = []
    for players in args.players:
        for noise in args.noise:
            cells = {(m, k): [] for m in args.methods for k in args.checkpoints}
            ranks = {k: [] for k in args.checkpoints}
            for seed in range(1, args.seeds + 1):
                names, skill_of, _ = true_field(players, args.spread, seed)
                skill = np.array([skill_of[n] for n in names])
                truth = bt_truth(skill, noise)
                z = np.abs(skill - skill.mean())
                outer = z >= np.quantile(z, 0.8)
                true_rank = np.empty(players, dtype=int)
                true_rank[np.argsort(-skill)] = np.arange(1, players + 1)
                methods = interval_methods(names, float(truth.std()))
                rounds = (play_bp(names, noise, seed, args.spread, max(args.checkpoints)) if args.format == "bp"
                          else play(names, skill_of, noise, seed, args.pairing, max(args.checkpoints)))
                for k in args.checkpoints:
                    c = comparisons(names, rounds[k - 1])
                    for m in args.methods:
                        lo, hi = methods[m](c, seed * 1000 + k)
                        ok = (lo <= truth) & (truth <= hi)
                        cells[(m, k)].append((ok.mean(), ok[outer].mean(), (hi - lo).mean() * SCALE))
                    if "posterior" in args.methods:
                        rs = rank_summary(draws(hierarchical_posterior(c), 2000, seed))
                        ranks[k].append((((rs.rank_lo <= true_rank) & (true_rank <= rs.rank_hi)).mean(),
                                         (rs.rank_hi - rs.rank_lo + 1).mean(),
                                         float(int(np.argmax(skill)) in rs.top_set), len(rs.top_set)))
            for k in args.checkpoints:
                row = []
                for m in args.methods:
                    v = np.array(cells[(m, k)])
                    row.append(f"{100 * v[:, 0].mean():.0f} ({100 * v[:, 1].mean():.0f}) / {v[:, 2].mean():.0f}")
                print(f"| {players} | {noise} | {k} | " + " | ".join(row) + " |", flush=True)
                if ranks[k]:
                    v = np.array(ranks[k])
                    rank_rows.append(f"| {players} | {noise} | {k} | {100 * v[:, 0].mean():.0f}% | "
                                     f"{v[:, 1].mean():.1f} | {100 * v[:, 2].mean():.0f}% | {v[:, 3].mean():.1f} |")
    if rank_rows:
        print("\nposterior: rank ranges and the top set (95%)\n")
        print("| players | noise | debates each | rank range holds the true place | mean range length "
              "| top set holds the true best | mean top-set size |")
        print("|---|---|---|---|---|---|---|")
        print("\n".join(rank_rows))


def twins(args: argparse.Namespace) -> None:
    print(f"32 debaters: 16 pairs of identical twins (spread {args.spread}), {args.pairing} pairing, "
          f"seeds 1..{args.seeds}; twin pairs whose 95% intervals are disjoint\n")
    print("| noise | debates each | posterior | bootstrap (before issue 15) |")
    print("|---|---|---|---|")
    for noise in args.noise:
        apart = {k: [] for k in CHECKPOINTS}
        boot = {k: [] for k in CHECKPOINTS}
        for seed in range(1, args.seeds + 1):
            levels = [args.spread * NormalDist().inv_cdf((k + 0.5) / 16) for k in range(16)] * 2
            random.Random(f"twins:{seed}").shuffle(levels)
            names = [f"d{i:02d}" for i in range(32)]
            skill = dict(zip(names, levels))
            pairs = [tuple(i for i, n in enumerate(names) if skill[n] == v) for v in sorted(set(levels))]
            rounds = play(names, skill, noise, seed, args.pairing, max(CHECKPOINTS))
            for k in CHECKPOINTS:
                c = comparisons(names, rounds[k - 1])
                lo, hi = intervals(hierarchical_posterior(c))
                blo, bhi = bootstrap(c, seed)
                for i, j in pairs:
                    apart[k].append(hi[i] < lo[j] or hi[j] < lo[i])
                    boot[k].append(bhi[i] < blo[j] or bhi[j] < blo[i])
        for k in CHECKPOINTS:
            print(f"| {noise} | {k} | {100 * np.mean(apart[k]):.1f}% of {len(apart[k])} | "
                  f"{100 * np.mean(boot[k]):.1f}% |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--players", type=int, nargs="+", default=[16, 32])
    ap.add_argument("--noise", type=float, nargs="+", default=[0.5, 1.0])
    ap.add_argument("--spread", type=float, default=4.0)
    ap.add_argument("--pairing", choices=("swiss", "random"), default="swiss")
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--methods", nargs="+", default=["bootstrap", "posterior", "oracle"],
                    choices=("bootstrap", "posterior", "unweighted", "half-cauchy", "oracle"))
    ap.add_argument("--format", choices=("1v1", "bp"), default="1v1",
                    help="bp: British Parliamentary rooms; 'unweighted' then counts a room's six outcomes "
                         "as independent games")
    ap.add_argument("--checkpoints", type=int, nargs="+", default=list(CHECKPOINTS))
    ap.add_argument("--twins", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    (twins if args.twins else coverage)(args)
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
