"""TrueSkill ratings and standings: pure functions over results, inputs never mutated.

Rules (documented in the README):
- a decided debate updates both debaters' TrueSkill ratings; a draw updates them as a draw;
- a forfeit scores a win for the opponent in the bracket but does not move ratings: a provider
  outage says nothing about how well a model debates;
- a bye scores one win in the bracket (so the debater stays in its score group) and does not
  move ratings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import trueskill

from .models import Ballot, DebateResult, Rating, Rubric, Standing

MU = 25.0
SIGMA = MU / 3
ENV = trueskill.TrueSkill(mu=MU, sigma=SIGMA, beta=SIGMA / 2, tau=SIGMA / 100,
                          draw_probability=0.05, backend=None)
BYE_VALUE = 1.0


def initial_rating() -> Rating:
    return Rating(mu=MU, sigma=SIGMA)


def rate(ratings: Mapping[str, Rating], results: Iterable[DebateResult]) -> dict[str, Rating]:
    """Apply results in the order given; return a new mapping (the input is not changed)."""
    out = dict(ratings)
    for r in results:
        if r.result == "forfeit":
            continue
        a, b = out.get(r.pro, initial_rating()), out.get(r.con, initial_rating())
        ta, tb = ENV.create_rating(a.mu, a.sigma), ENV.create_rating(b.mu, b.sigma)
        if r.result == "draw" or r.winner is None:
            ranks = [0, 0]
        elif r.winner == r.pro:
            ranks = [0, 1]
        else:
            ranks = [1, 0]
        (na,), (nb,) = ENV.rate([(ta,), (tb,)], ranks=ranks)
        out[r.pro] = Rating(mu=na.mu, sigma=na.sigma)
        out[r.con] = Rating(mu=nb.mu, sigma=nb.sigma)
    return out


def match_quality(a: Rating, b: Rating) -> float:
    """Draw probability under TrueSkill: near 1 when the outcome is least certain."""
    return ENV.quality([(ENV.create_rating(a.mu, a.sigma),), (ENV.create_rating(b.mu, b.sigma),)])


def scores(names: Iterable[str], results: Iterable[DebateResult],
           byes: Mapping[str, int] | None = None) -> dict[str, float]:
    """Bracket score: 1 per win (forfeit wins included), 0.5 per draw, BYE_VALUE per bye."""
    out = {n: 0.0 for n in names}
    for r in results:
        if r.winner is None and r.result == "forfeit":
            continue  # a double forfeit: neither side debated, neither scores
        if r.winner is None:
            out[r.pro] = out.get(r.pro, 0) + 0.5
            out[r.con] = out.get(r.con, 0) + 0.5
        else:
            out[r.winner] = out.get(r.winner, 0) + 1.0
    for name, n in (byes or {}).items():
        out[name] = out.get(name, 0) + BYE_VALUE * n
    return out


def standings(names: Iterable[str], ratings: Mapping[str, Rating],
              results: list[DebateResult], *, byes: Mapping[str, int] | None = None,
              ballots: Mapping[str, list[Ballot]] | None = None, rubric: Rubric | None = None,
              models: Mapping[str, str] | None = None) -> list[Standing]:
    """Rank by conservative rating (mu - 3 sigma); ties by wins, Buchholz, rubric points."""
    names = list(names)
    byes = dict(byes or {})
    wins: dict[str, int] = defaultdict(int)
    losses: dict[str, int] = defaultdict(int)
    draws: dict[str, int] = defaultdict(int)
    opponents: dict[str, list[str]] = defaultdict(list)
    for r in results:
        opponents[r.pro].append(r.con)
        opponents[r.con].append(r.pro)
        if r.winner is None and r.result == "forfeit":
            losses[r.pro] += 1
            losses[r.con] += 1
        elif r.winner is None:
            draws[r.pro] += 1
            draws[r.con] += 1
        else:
            loser = r.con if r.winner == r.pro else r.pro
            wins[r.winner] += 1
            losses[loser] += 1
    # Buchholz: the sum of opponents' wins.
    buchholz = {n: float(sum(wins[o] for o in opponents[n])) for n in names}

    points: dict[str, float] = defaultdict(float)
    dim_sum: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    dim_n: dict[str, int] = defaultdict(int)
    for r in results:
        good = [b for b in (ballots or {}).get(r.debate_id, []) if not b.failed]
        if not good:
            continue
        for side, name in (("pro", r.pro), ("con", r.con)):
            dim_n[name] += 1
            if rubric is not None:
                points[name] += sum(b.total(side, rubric) for b in good) / len(good)
            for dim in {d for b in good for d in b.scores.get(side, {})}:
                vals = [b.scores[side][dim] for b in good if dim in b.scores.get(side, {})]
                dim_sum[name][dim] += sum(vals) / len(vals)

    rows = []
    for n in names:
        rt = ratings.get(n, initial_rating())
        dims = {d: round(v / dim_n[n], 2) for d, v in dim_sum[n].items()} if dim_n[n] else {}
        rows.append(Standing(rank=0, name=n, model=(models or {}).get(n, ""), mu=rt.mu,
                             sigma=rt.sigma, conservative=rt.conservative, wins=wins[n],
                             losses=losses[n], draws=draws[n], byes=byes.get(n, 0),
                             buchholz=buchholz[n], points=round(points[n], 2), dimensions=dims))
    rows.sort(key=lambda s: (-round(s.conservative, 9), -s.wins, -s.buchholz, -s.points, s.name))
    return [s.model_copy(update={"rank": i + 1}) for i, s in enumerate(rows)]
