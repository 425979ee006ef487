"""TrueSkill ratings and standings: pure functions over results, inputs never mutated.

Rules (documented in the README):
- a decided debate updates both debaters' TrueSkill ratings; a draw updates them as a draw;
- a forfeit does not move ratings: a provider outage says nothing about how well a model
  debates. An outage forfeit (the model could not be reached or used) counts for nobody: no
  win, no loss, no Buchholz; in the bracket the debater that was ready scores as for a bye (it
  keeps its score group), and the one that failed scores nothing. Other forfeits (and outage
  forfeits under `outage_forfeit: win`) score a win for the opponent in the bracket;
- a bye scores one win in the bracket (so the debater stays in its score group) and does not
  move ratings;
- a four-side (British Parliamentary) room updates its four debaters' ratings at once from the
  panel's ranking (TrueSkill's multi-team update, one-player teams) and scores 3-2-1-0 team
  points in the bracket; a bye there scores `bp_draw.BYE_POINTS`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import trueskill

from .models import BP_SIDES, Ballot, DebateResult, Rating, RatingMode, RatingSummary, Rubric, Standing
from .profiles import category_profiles
from .speech_style import SideStyle

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
        if r.seats:
            _rate_ranked(out, r)
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


def _rate_ranked(out: dict[str, Rating], r: DebateResult) -> None:
    """A ranked room: one multi-team TrueSkill update (equal places are a draw between them)."""
    names = list(r.seats.values())
    teams = [(ENV.create_rating(out.get(n, initial_rating()).mu, out.get(n, initial_rating()).sigma),)
             for n in names]
    new = ENV.rate(teams, ranks=[r.ranks[n] for n in names])
    for n, (t,) in zip(names, new):
        out[n] = Rating(mu=t.mu, sigma=t.sigma)


def inherit(ratings: Mapping[str, Rating], successors: Mapping[str, str],
            seen: Iterable[str]) -> dict[str, Rating]:
    """Start each new version (successor -> predecessor) that has not debated yet from its
    predecessor's current mu, with sigma widened by half the initial sigma: a new version is
    probably close to the old one, but a few debates must be able to show it is not."""
    out, seen = dict(ratings), set(seen)
    for new, old in successors.items():
        if new not in seen:
            base = out.get(old, initial_rating())
            out[new] = Rating(mu=base.mu, sigma=min(SIGMA, math.hypot(base.sigma, SIGMA / 2)))
    return out


def match_quality(a: Rating, b: Rating) -> float:
    """TrueSkill match quality of a one-on-one debate: near 1 when the outcome is least certain.

    The closed form of ``ENV.quality`` for two players, which pairing evaluates for every
    candidate edge (the general matrix form costs ~100x more).
    """
    two_beta_sq = 2 * ENV.beta ** 2
    denom = two_beta_sq + a.sigma ** 2 + b.sigma ** 2
    return math.sqrt(two_beta_sq / denom) * math.exp(-((a.mu - b.mu) ** 2) / (2 * denom))


def scores(names: Iterable[str], results: Iterable[DebateResult],
           byes: Mapping[str, int] | None = None, *, bye_value: float = BYE_VALUE) -> dict[str, float]:
    """Bracket score: 1 per win (forfeit wins included), 0.5 per draw, `bye_value` per bye.

    A bye is worth a win for each debate the round would have given: 1, or 2 under `mirror`.
    A four-side room scores its team points (3-2-1-0; see DebateResult.points).
    """
    out = {n: 0.0 for n in names}
    for r in results:
        if r.seats:
            for n, p in r.points().items():
                out[n] = out.get(n, 0) + p
            continue
        if r.void:  # like a bye for the side that was ready: one debate's worth
            for name in (r.pro, r.con):
                if name not in r.forfeited_by:
                    out[name] = out.get(name, 0) + BYE_VALUE
            continue
        if r.winner is None and r.result == "forfeit":
            continue  # a double forfeit: neither side debated, neither scores
        if r.winner is None:
            out[r.pro] = out.get(r.pro, 0) + 0.5
            out[r.con] = out.get(r.con, 0) + 0.5
        else:
            out[r.winner] = out.get(r.winner, 0) + 1.0
    for name, n in (byes or {}).items():
        out[name] = out.get(name, 0) + bye_value * n
    return out


def standings(names: Iterable[str], ratings: Mapping[str, Rating], results: list[DebateResult],
              **kw) -> list[Standing]:
    """The standings table (see `table`)."""
    return table(names, ratings, results, **kw)[0]


def table(names: Iterable[str], ratings: Mapping[str, Rating],
          results: list[DebateResult], *, byes: Mapping[str, int] | None = None,
          ballots: Mapping[str, list[Ballot]] | None = None, rubric: Rubric | None = None,
          models: Mapping[str, str] | None = None, categories: Mapping[str, str] | None = None,
          mode: RatingMode = "win-loss", styles: Mapping[str, Mapping[str, SideStyle]] | None = None,
          seed: int = 0, estimates: bool = True, bye_points: float | None = None
          ) -> tuple[list[Standing], RatingSummary]:
    """The standings and the league's robustness summary.

    Sorted by the rating mode's posterior mean (debate.domain.estimates), then wins, Buchholz
    (the opponents' wins), rubric points; TrueSkill (mu, sigma, mu - 3 sigma) is a column. Each
    row carries the win/loss Bradley-Terry rating with its 95% interval, the rank range and
    P(best), the margin rating in margin mode, and, given ``styles`` (debate id -> side ->
    words and markdown), the length-controlled rating; given ``categories`` (debate or motion
    id -> category), a profile per motion category. ``estimates=False`` leaves all the
    Bradley-Terry figures out (and sorts by TrueSkill's mu - 3 sigma).

    Four sides: give ``bye_points`` (what a bye scores). Rows then carry team points, rooms per
    position and places (no W-L-D); ties go by team points, then Buchholz (the opponents' team
    points), then rubric points.
    """
    names = list(names)
    byes = dict(byes or {})
    four = bye_points is not None
    wins: dict[str, int] = defaultdict(int)
    losses: dict[str, int] = defaultdict(int)
    draws: dict[str, int] = defaultdict(int)
    opponents: dict[str, list[str]] = defaultdict(list)
    team: dict[str, float] = defaultdict(float)
    positions: dict[str, dict[str, int]] = defaultdict(dict)
    places: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    outages: dict[str, int] = defaultdict(int)
    for r in results:
        if r.forfeit_cause == "outage":
            for name in r.forfeited_by:
                outages[name] += 1
        for n, p in r.points().items():  # four sides (a void room: a bye's worth to those ready)
            team[n] += p
        if r.void:
            continue  # not played: no win, no loss, not an opponent
        for n in r.debaters:
            opponents[n] += [o for o in r.debaters if o != n]
        if r.seats:
            for side, n in r.seats.items():
                positions[n][side] = positions[n].get(side, 0) + 1
            if r.result != "forfeit":
                for n, place in r.ranks.items():
                    places[n][int(place) - 1] += 1
        elif r.winner is None and r.result == "forfeit":
            losses[r.pro] += 1
            losses[r.con] += 1
        elif r.winner is None:
            draws[r.pro] += 1
            draws[r.con] += 1
        else:
            loser = r.con if r.winner == r.pro else r.pro
            wins[r.winner] += 1
            losses[loser] += 1
    for n, k in byes.items():
        team[n] += k * (bye_points or 0.0)
    # Buchholz: the sum of opponents' wins (four sides: of their team points).
    strength = team if four else wins
    buchholz = {n: float(sum(strength[o] for o in opponents[n])) for n in names}

    points: dict[str, float] = defaultdict(float)
    dim_sum: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    dim_n: dict[str, int] = defaultdict(int)
    for r in results:
        good = [b for b in (ballots or {}).get(r.debate_id, []) if not b.failed]
        if not good:
            continue
        for side, name in r.sides.items():
            dim_n[name] += 1
            if rubric is not None:
                points[name] += sum(b.total(side, rubric) for b in good) / len(good)
            for dim in {d for b in good for d in b.scores.get(side, {})}:
                vals = [b.scores[side][dim] for b in good if dim in b.scores.get(side, {})]
                dim_sum[name][dim] += sum(vals) / len(vals)

    from .estimates import estimate  # numpy: not before the first round ends

    # Bradley-Terry, like TrueSkill, counts every debate: one against a debater who has left
    # the league (a retired version, one left out of a later tournament) still says something.
    est = (estimate(names, results, mode=mode, ballots=ballots, rubric=rubric, styles=styles, seed=seed)
           if estimates else None)
    profiles = category_profiles(results, categories, ballots) if categories is not None else {}
    rows = []
    for n in names:
        rt = ratings.get(n, initial_rating())
        dims = {d: round(v / dim_n[n], 2) for d, v in dim_sum[n].items()} if dim_n[n] else {}
        extra = {"team_points": team[n], "positions": {s: positions[n].get(s, 0) for s in BP_SIDES},
                 "places": places[n]} if four else {}
        rows.append(Standing(rank=0, name=n, model=(models or {}).get(n, ""), mu=rt.mu,
                             sigma=rt.sigma, conservative=rt.conservative, wins=wins[n],
                             losses=losses[n], draws=draws[n], byes=byes.get(n, 0),
                             buchholz=buchholz[n], outages=outages[n] or None, points=round(points[n], 2),
                             dimensions=dims, categories=profiles.get(n, {}), **extra,
                             **(est.rows.get(n, {}) if est else {})))
    key = est.key if est and est.key else {n: ratings.get(n, initial_rating()).conservative for n in names}
    rows.sort(key=lambda s: (-round(key[s.name], 9), -(s.team_points if four else s.wins),  # type: ignore[operator]
                             -s.buchholz, -s.points, s.name))
    summary = est.summary if est else RatingSummary(mode=mode, debaters=len(names))
    return [s.model_copy(update={"rank": i + 1}) for i, s in enumerate(rows)], summary
