"""Which part of Swiss limits how fast it finds the true order? Pairing variants and estimators.

    PYTHONPATH=. python benchmarks/pairing_ablation.py [--players 32] [--noise 1.0] [--seeds 24]

Each row plays `debate.domain.simulate` leagues (the real pairing and rating code, a Thurstone judge)
until the order first reaches Kendall tau 0.9, and prints the mean debates needed, in the
TrueSkill standings order and in a whole-results fit (the "BT" column), as a share of one
full round robin. The variants are experiments patched in here, not engine options:

- `swiss`: the engine as shipped (score groups, then match quality inside a group);
- `no score groups`: pair purely by TrueSkill match quality (nearest ratings), wins ignored;
- `far inside groups`: inside a score group prefer the *least* even debate (Dutch-style slide);
- `target p=X`: pair for a predicted win chance X (0.5 = the most even debate) over the field;
- `oracle neighbours`: pairing sees the hidden true skills and pairs nearest neighbours;
- `MAP estimator`: swiss pairing, but the BT column is a maximum-a-posteriori logistic fit
  with a Gaussian prior as wide as the true skill spread (the correct model for these data,
  up to the logistic/normal difference): an upper bound on what a better estimator buys;
- `random`: random pairing, for scale.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from contextlib import contextmanager

import numpy as np

from debate.domain import pairing as pairing_mod
from debate.domain import rating as rating_mod
from debate.domain import simulate as sim_mod
from debate.domain.models import Rating


def debates_to(players: int, noise: float, seeds: int, method: str = "swiss",
               target: float = 0.9) -> tuple[float, float, float]:
    ts, bt = [], []
    for seed in range(1, seeds + 1):
        s = sim_mod.simulate(players, 2 * (players - 1), method, noise, seed,  # type: ignore[arg-type]
                             stop_at_tau=target)
        last = s.history[-1].debates
        ts.append(next((p.debates for p in s.history if p.kendall_tau >= target), last))
        bt.append(next((p.debates for p in s.history if p.bt_kendall_tau >= target), last))
    return statistics.mean(ts), statistics.mean(bt), statistics.stdev(ts) / math.sqrt(len(ts))


@contextmanager
def patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _soft_with(edge_cost):
    """A `_Field.soft` whose rating term is `edge_cost(a, b)` (score and side terms kept)."""
    def soft(self, a, b):
        half = round(2 * abs(a.score - b.score))
        cost = pairing_mod._SCORE_COST * half * half
        pa, pb = self.pref[a.name], self.pref[b.name]
        if pa is not None and pa == pb:
            cost += pairing_mod._SIDE_PREF_COST
        cost += round(edge_cost(a, b))
        ia, ib = sorted((self.rank[a.name], self.rank[b.name]))
        return cost * 8 + ((ia * 7919 + ib * 104729) ^ self.salt) % 8
    return soft


def _win_chance(a, b) -> float:
    denom = 2 * rating_mod.ENV.beta ** 2 + a.rating.sigma ** 2 + b.rating.sigma ** 2
    return sim_mod._STD.cdf(abs(a.rating.mu - b.rating.mu) / math.sqrt(denom))


def map_fit(names, results, prior_sd: float) -> dict[str, float]:
    """MAP logistic Bradley-Terry with a N(0, prior_sd^2) prior, by Newton's method."""
    idx = {n: i for i, n in enumerate(names)}
    n = len(names)
    i = np.array([idx[r.pro] for r in results])
    j = np.array([idx[r.con] for r in results])
    y = np.array([1.0 if r.winner == r.pro else 0.0 for r in results])
    x = np.zeros(n)
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x[i] - x[j])))
        g = -x / prior_sd ** 2
        np.add.at(g, i, y - p)
        np.add.at(g, j, p - y)
        w = p * (1 - p)
        h = np.diag(np.full(n, 1 / prior_sd ** 2))
        np.add.at(h, (i, i), w)
        np.add.at(h, (j, j), w)
        np.add.at(h, (i, j), -w)
        np.add.at(h, (j, i), -w)
        step = np.linalg.solve(h, g)
        x += step
        if np.abs(step).max() < 1e-8:
            break
    return {name: float(x[k]) for name, k in idx.items()}


def oracle_simulate(players, rounds, method, noise, seed, **kw):
    """simulate() whose pairing sees the true skills (as ratings with a tiny sigma)."""
    import random
    rng = random.Random(f"sim:{seed}")
    names = [f"d{i:04d}" for i in range(players)]
    levels = [sim_mod.DEFAULT_SPREAD * sim_mod._STD.inv_cdf((k + 0.5) / players) for k in range(players)]
    rng.shuffle(levels)  # the same draw simulate() makes, so these are its hidden skills
    skill = dict(zip(names, levels))
    real = sim_mod.entrants_from_history

    def entrants(names_, ratings, results, byes, sc):
        true = {k: Rating(mu=rating_mod.MU + 2 * skill[k], sigma=0.5) for k in names_}
        return real(names_, true, results, byes, {k: 0.0 for k in names_})

    with patched(sim_mod, "entrants_from_history", entrants):
        return REAL_SIMULATE(players, rounds, method, noise, seed, **kw)


REAL_SIMULATE = sim_mod.simulate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--players", type=int, default=32)
    ap.add_argument("--noise", type=float, default=1.0)
    ap.add_argument("--seeds", type=int, default=24)
    args = ap.parse_args()
    n, full = args.players, args.players * (args.players - 1) // 2
    prior = sim_mod.DEFAULT_SPREAD * 1.7 / math.sqrt(2) / max(args.noise, 1e-9)  # skill sd in logits
    rows = [
        ("swiss (as shipped)", {}),
        ("no score groups (nearest rating)", {"score": 0}),
        ("far inside groups", {"soft": lambda a, b: 100 * match_quality(a, b)}),
        ("target p=0.7 over score groups", {"soft": lambda a, b: 400 * abs(_win_chance(a, b) - 0.7)}),
        ("target p=0.75, no score groups", {"score": 0,
                                            "soft": lambda a, b: 400 * abs(_win_chance(a, b) - 0.75)}),
        ("oracle neighbours", {"oracle": True}),
        ("MAP estimator (BT column)", {"map": prior}),
        ("random pairing", {"method": "random"}),
    ]
    t0 = time.perf_counter()
    print(f"{n} players, judge noise {args.noise}, seeds 1..{args.seeds}, target tau 0.9; "
          f"one full round robin = {full} debates\n")
    print("| variant | debates, TrueSkill order | debates, BT order | s.e. (TrueSkill) |")
    print("|---|---|---|---|")
    for label, opt in rows:
        with patched(pairing_mod, "_SCORE_COST", opt.get("score", pairing_mod._SCORE_COST)), \
                patched(pairing_mod._Field, "soft", _soft_with(opt["soft"]) if "soft" in opt
                        else pairing_mod._Field.soft), \
                patched(sim_mod, "simulate", oracle_simulate if opt.get("oracle") else REAL_SIMULATE), \
                patched(sim_mod, "bt_fit", (lambda names, res, sd=opt["map"]: map_fit(list(names), res, sd))
                        if "map" in opt else sim_mod.bt_fit):
            ts, bt, se = debates_to(n, args.noise, args.seeds, opt.get("method", "swiss"))
        print(f"| {label} | {ts:.0f} ({ts / full:.0%}) | {bt:.0f} ({bt / full:.0%}) | {se:.0f} |",
              flush=True)
    print(f"\n{time.perf_counter() - t0:.0f} s")


def match_quality(a, b) -> float:
    return rating_mod.match_quality(a.rating, b.rating)


if __name__ == "__main__":
    main()
