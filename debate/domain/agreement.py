"""Inter-rater agreement: Fleiss' kappa and Krippendorff's alpha. Pure Python, no I/O.

Fleiss' kappa takes a table of counts (one row per subject, one column per category). Subjects
may have different numbers of raters (a failed or inconsistent ballot drops a rater): each
subject's observed agreement is computed over its own pairs of raters, as in Fleiss (1971) when
every row has the same total. Krippendorff's alpha takes one row per coder with `None` for a
missing value and works from the coincidence matrix (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability"), for nominal, ordinal, interval and ratio data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from typing import Literal

Level = Literal["nominal", "ordinal", "interval", "ratio"]


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa over subjects x categories counts; None when it is undefined.

    Rows with fewer than two raters carry no information about agreement and are skipped.
    Undefined: no usable row, or every rating in one category (chance agreement is 1).
    """
    rows = [list(map(int, r)) for r in table]
    if any(v < 0 for r in rows for v in r):
        raise ValueError("table: counts must be non-negative")
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        raise ValueError("table: every row must have the same number of categories")
    rows = [r for r in rows if sum(r) >= 2]
    if not rows:
        return None
    total = sum(sum(r) for r in rows)
    p_j = [sum(r[j] for r in rows) / total for j in range(len(rows[0]))]
    p_bar = sum((sum(v * v for v in r) - sum(r)) / (sum(r) * (sum(r) - 1)) for r in rows) / len(rows)
    p_e = sum(p * p for p in p_j)
    if p_e >= 1.0 - 1e-12:
        return None
    return (p_bar - p_e) / (1.0 - p_e)


def _delta(level: Level, values: list[Hashable], n_v: dict) -> dict:
    """The squared difference function of each pair of values, by level of measurement."""
    out = {}
    ordered = sorted(values) if level != "nominal" else values
    rank = {v: i for i, v in enumerate(ordered)}
    for a in values:
        for b in values:
            if level == "nominal":
                d = 0.0 if a == b else 1.0
            elif level == "interval":
                d = (float(a) - float(b)) ** 2  # type: ignore[arg-type]
            elif level == "ratio":
                s = float(a) + float(b)  # type: ignore[arg-type]
                d = 0.0 if s == 0 else ((float(a) - float(b)) / s) ** 2  # type: ignore[arg-type]
            else:  # ordinal: the mass of the values between a and b, halving the ends
                lo, hi = sorted((rank[a], rank[b]))
                between = sum(n_v[ordered[k]] for k in range(lo, hi + 1))
                d = (between - (n_v[a] + n_v[b]) / 2) ** 2
            out[(a, b)] = d
    return out


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]], level: Level = "interval"
                       ) -> float | None:
    """Krippendorff's alpha; `data[c][u]` is coder c's value for unit u, None when missing.

    Units with fewer than two values are not pairable and are left out. Returns None when
    alpha is undefined (fewer than two pairable values, or no variation at all).
    """
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise ValueError(f"level: unknown level of measurement {level!r}")
    if not data:
        return None
    n_units = max(len(row) for row in data)
    units: list[list[Hashable]] = []
    for u in range(n_units):
        vals = [row[u] for row in data if u < len(row) and row[u] is not None]
        if len(vals) >= 2:
            units.append(vals)
    # Coincidence matrix: each ordered pair of values within a unit, weighted 1 / (m_u - 1).
    o: dict[tuple, float] = defaultdict(float)
    for vals in units:
        m = len(vals)
        counts = Counter(vals)
        for a, ca in counts.items():
            for b, cb in counts.items():
                pairs = ca * (cb - 1) if a == b else ca * cb
                if pairs:
                    o[(a, b)] += pairs / (m - 1)
    n_v: dict = defaultdict(float)
    for (a, _), w in o.items():
        n_v[a] += w
    n = sum(n_v.values())
    if n < 2 or len(n_v) < 2:
        return None
    values = list(n_v)
    delta = _delta(level, values, n_v)
    d_o = sum(w * delta[pair] for pair, w in o.items())
    d_e = sum(n_v[a] * n_v[b] * delta[(a, b)] for a in values for b in values) / (n - 1)
    if d_e == 0:
        return None
    return 1.0 - d_o / d_e


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r (the point-biserial correlation when one variable is 0/1); None if undefined."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5
