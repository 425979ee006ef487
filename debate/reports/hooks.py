"""Where the HTML report reads what other pieces of the engine are still adding.

Each function below is a hook: it returns the data when the engine records it and nothing
(None, an empty list) when it does not, so the report shows a column or a block only when
there is something true to show, never a placeholder that looks like a finding. Each names
the issue that brings its data; when that lands, the hook reads the real field and the rest of
the report needs no change (tests/test_report.py drives every hook with data of that shape).

- rank ranges, P(best), the margin rating, the length-controlled rating (issue 15): optional
  fields of a standings row; the standings' robustness summary, as sentences;
- benched judges (issue 14): the state's record of judges taken off the panel;
- agreement of model judges with people (issue 17): a key of the judges report.

(Four-side debates, issue 19, need no hook: their records (seats, ranks, team points) have
landed and the report reads them directly.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RatingExtras:
    rank_lo: int | None = None
    rank_hi: int | None = None
    p_best: float | None = None
    margin: float | None = None  # the margin mode's rating: rubric points against an average debater
    lc: float | None = None  # the length-controlled (style-controlled) rating
    lc_lo: float | None = None
    lc_hi: float | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.rank_lo, self.p_best, self.margin, self.lc))


def rating_extras(standing: Any) -> RatingExtras:
    """Issue 15: a standing's rank range, chance of being the best, length-controlled rating."""
    def get(*names: str) -> Any:
        for n in names:
            v = getattr(standing, n, None)
            if v is not None:
                return v
        return None
    return RatingExtras(rank_lo=get("rank_lo"), rank_hi=get("rank_hi"), p_best=get("p_best"),
                        margin=get("margin"), lc=get("lc", "length_controlled"), lc_lo=get("lc_lo"),
                        lc_hi=get("lc_hi"))


def robustness_lines(state: Any) -> list[str]:
    """Issue 15: the standings' robustness summary (`state.summary`) in the sentences the
    engine writes for it (`RatingSummary.lines`): the rating mode, whether the top can be told
    apart, the separability, how many reversed debates would change the leader, the style
    effects. None for a database written before it."""
    summary = getattr(state, "summary", None)
    return [str(line) for line in summary.lines()] if summary is not None else []


def benched_judges(state: Any) -> list[tuple[str, str]]:
    """Issue 14: (judge, why) for each judge the quality gate took off the panel."""
    found = getattr(state, "benched", None) or getattr(state, "benched_judges", None) or {}
    items = found.items() if isinstance(found, dict) else ((j, "") for j in found)
    return [(str(j), str(why)) for j, why in items]


def human_agreement(judges_report: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 17: each model judge and the panel against people's ballots (`humans` of the judges
    report, see debate.domain.human_agreement), one row each; none when nobody judged."""
    humans = judges_report.get("humans") or {}
    rows = []
    for r in [*humans.get("judges", []), *([humans["panel"]] if "panel" in humans else [])]:
        kappa = None if r.get("kappa") is None else f"{r['kappa']:.2f} [{r['kappa_lo']:.2f}, {r['kappa_hi']:.2f}]"
        score_r = " · ".join(f"{dim} {v:.2f}" for dim, v in (r.get("score_correlation") or {}).items()
                             if v is not None)
        agree = None if r.get("agreement") is None else f"{r['agreement']:.0%}"
        rows.append({"judge": r["judge"], "debates": r["debates"], "agreement": agree,
                     "Cohen's kappa [95%]": kappa, "score r": score_r or None,
                     "biases people do not share": ", ".join(r.get("biases_humans_do_not_share") or []) or None})
    return rows

