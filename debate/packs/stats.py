"""Motion balance: how often each side wins a motion, and whether that could be chance.

As Tabbycat reports it: side win rates per motion with a significance test, and no verdict
below a minimum sample. The test is the two-sided exact binomial test against p = 0.5 on
decided debates (draws and forfeits say nothing about which side the motion favours). A
four-side room counts for the bench of its first place: pro for Opening or Closing Government.
Pure: results in, rows out; reading databases is the caller's job.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..domain.models import BENCH, DebateResult, MotionPack

MIN_DEBATES = 10
ALPHA = 0.05


def binomial_two_sided(k: int, n: int) -> float:
    """Exact two-sided p-value of k successes in n fair trials (the symmetric tail sum)."""
    if n < 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 1.0
    tail_k = min(k, n - k)
    if 2 * tail_k == n:
        return 1.0
    # Integer arithmetic keeps this exact for any n; one division at the end.
    c, tail = 1, 0
    for i in range(tail_k + 1):
        tail += c
        c = c * (n - i) // (i + 1)
    return min(1.0, 2 * tail / 2 ** n)


@dataclass
class MotionBalance:
    motion_id: str
    text: str
    pro_wins: int = 0
    con_wins: int = 0
    draws: int = 0
    forfeits: int = 0
    p_value: float = 1.0
    verdict: str = "inconclusive"

    @property
    def decided(self) -> int:
        return self.pro_wins + self.con_wins

    @property
    def pro_rate(self) -> float | None:
        return self.pro_wins / self.decided if self.decided else None

    def as_dict(self) -> dict:
        return {"motion": self.motion_id, "text": self.text, "decided": self.decided,
                "pro_wins": self.pro_wins, "con_wins": self.con_wins, "draws": self.draws,
                "forfeits": self.forfeits, "pro_rate": self.pro_rate, "p_value": self.p_value,
                "verdict": self.verdict}


def verdict(pro: int, con: int, *, min_debates: int = MIN_DEBATES, alpha: float = ALPHA
            ) -> tuple[float, str]:
    n = pro + con
    p = binomial_two_sided(pro, n)
    if n < min_debates:
        return p, "inconclusive"
    if p < alpha:
        return p, "favours pro" if pro > con else "favours con"
    return p, "no significant bias"


def motion_balance(pack: MotionPack, results: Iterable[DebateResult], *,
                   min_debates: int = MIN_DEBATES, alpha: float = ALPHA
                   ) -> tuple[list[MotionBalance], list[str]]:
    """Rows for every motion of the pack, and ids of results naming motions it lacks.

    Results carry qualified ids ("pack/motion"); those of other packs are ignored.
    """
    rows = {m.id: MotionBalance(m.id, m.text) for m in pack.motions}
    unknown: set[str] = set()
    for r in results:
        pack_id, _, mid = r.motion_id.partition("/")
        if pack_id != pack.id:
            continue
        row = rows.get(mid)
        if row is None:
            unknown.add(mid)
            continue
        _count(row, r)
    _decide(rows.values(), min_debates, alpha)
    return list(rows.values()), sorted(unknown)


def results_balance(results: Iterable[DebateResult], texts: Mapping[str, str], *,
                    min_debates: int = MIN_DEBATES, alpha: float = ALPHA) -> list[MotionBalance]:
    """Rows for every motion the results debated (by their qualified id), whatever its pack:
    a league's record, where a pack may have left or changed since."""
    rows: dict[str, MotionBalance] = {}
    for r in results:
        row = rows.setdefault(r.motion_id, MotionBalance(r.motion_id, texts.get(r.motion_id, "")))
        _count(row, r)
    _decide(rows.values(), min_debates, alpha)
    return [rows[k] for k in sorted(rows)]


def _count(row: MotionBalance, r: DebateResult) -> None:
    if r.result == "forfeit":
        row.forfeits += 1
    elif r.result == "draw" or r.winner is None:
        row.draws += 1
    elif BENCH[r.side_of(r.winner)] == "pro":
        row.pro_wins += 1
    else:
        row.con_wins += 1


def _decide(rows: Iterable[MotionBalance], min_debates: int, alpha: float) -> None:
    for row in rows:
        row.p_value, row.verdict = verdict(row.pro_wins, row.con_wins, min_debates=min_debates,
                                           alpha=alpha)


def wilson_interval(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    """Wilson score interval of a proportion k/n (95% by default); None without trials."""
    if n <= 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)
