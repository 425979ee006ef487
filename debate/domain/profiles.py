"""Per-debater profiles by motion category, and the field's profile over the same categories.

A debater strong on one kind of motion and weak on another shows it here (wins and mean rubric
scores per category); a category where every debater scores low on a dimension shows in the
field profile, the mean of the debaters' means, so a uniform weakness is not mistaken for
a debater's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .models import Ballot, CategoryRecord, DebateResult


def category_profiles(results: Iterable[DebateResult], category_of: Mapping[str, str],
                      ballots: Mapping[str, list[Ballot]] | None = None,
                      ) -> dict[str, dict[str, CategoryRecord]]:
    """{debater: {category: record}} over decided and drawn debates (forfeits say nothing).

    A four-side room counts as a debate for each of its four; its `wins` is the share of the
    other three the debater beat (1st: 1, 2nd: 2/3, 3rd: 1/3, 4th: 0), as a 1v1 win beats one of one.

    `category_of` maps a debate id or a motion id to a category; a debate's own entry wins (a
    motion's category may differ between versions of its pack, in a league's tournaments).
    """
    debates: dict[tuple[str, str], int] = defaultdict(int)
    wins: dict[tuple[str, str], float] = defaultdict(float)
    dim_sum: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    dim_n: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in results:
        if r.result == "forfeit":
            continue
        cat = category_of.get(r.debate_id) or category_of.get(r.motion_id, "uncategorised")
        good = [b for b in (ballots or {}).get(r.debate_id, []) if not b.failed]
        share = {n: p / 3 for n, p in r.points().items()}  # four sides: the share of the room beaten
        for side, name in r.sides.items():
            key = (name, cat)
            debates[key] += 1
            wins[key] += share[name] if r.seats else 0.5 if r.winner is None else float(r.winner == name)
            for dim in sorted({d for b in good for d in b.scores.get(side, {})}):
                vals = [b.scores[side][dim] for b in good if dim in b.scores.get(side, {})]
                dim_sum[key][dim] += sum(vals) / len(vals)
                dim_n[key][dim] += 1
    out: dict[str, dict[str, CategoryRecord]] = defaultdict(dict)
    for (name, cat), n in sorted(debates.items()):
        dims = {d: round(v / dim_n[(name, cat)][d], 2) for d, v in sorted(dim_sum[(name, cat)].items())}
        out[name][cat] = CategoryRecord(debates=n, wins=round(wins[(name, cat)], 3), dimensions=dims)
    return dict(out)


def field_profile(profiles: Mapping[str, Mapping[str, CategoryRecord]]) -> dict[str, dict[str, float]]:
    """{category: {dimension: mean over debaters}}; each debater counts once per category."""
    acc: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for cats in profiles.values():
        for cat, rec in cats.items():
            for dim, v in rec.dimensions.items():
                acc[cat][dim].append(v)
    return {cat: {d: round(sum(v) / len(v), 2) for d, v in sorted(dims.items())}
            for cat, dims in sorted(acc.items())}


def weak_spots(profiles: Mapping[str, Mapping[str, CategoryRecord]], margin: float = 1.0,
               min_appearances: int = 6) -> list[str]:
    """Notes where a whole field is weak: a dimension whose mean in one category falls at least
    `margin` below its mean across all categories, in categories with at least
    `min_appearances` debater-debates (two per debate), so one odd debate is not a finding."""
    seen: dict[str, int] = defaultdict(int)
    for cats in profiles.values():
        for cat, rec in cats.items():
            seen[cat] += rec.debates
    fp = {c: d for c, d in field_profile(profiles).items() if seen[c] >= min_appearances}
    overall: dict[str, list[float]] = defaultdict(list)
    for dims in fp.values():
        for d, v in dims.items():
            overall[d].append(v)
    notes = []
    for cat, dims in fp.items():
        for d, v in dims.items():
            mean = sum(overall[d]) / len(overall[d])
            if len(overall[d]) > 1 and mean - v >= margin:
                notes.append(f"every debater is weaker on {d} in {cat} motions "
                             f"(field mean {v:.1f} against {mean:.1f} overall)")
    return notes
