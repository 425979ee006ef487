"""`debate judges DB`: how far a tournament's judges agree, and how biased they are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def _f(v: Any, pct: bool = False) -> str:
    if v is None:
        return "-"
    return f"{100 * v:.0f}%" if pct else f"{v:.3f}"


def _1(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def render(report: dict[str, Any], title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    con = Console()
    w, s, p, lb = (report["winner_agreement"], report["score_agreement"],
                   report["position_consistency"], report["length_bias"])
    t = Table(title=f"{title}: judge agreement", title_justify="left", show_header=False)
    t.add_column("figure")
    t.add_column("value", justify="right")
    t.add_column("over")
    t.add_row("Fleiss' kappa, winner", _f(w["fleiss_kappa"]), f"{w['debates']} debates")
    t.add_row("Krippendorff's alpha, scores", _f(s["krippendorff_alpha"]),
              f"{s['units']} units (debate x side x dimension), interval")
    for dim, a in s["by_dimension"].items():
        t.add_row(Text(f"  alpha, {dim}"), _f(a), "")
    t.add_row("position consistency", _f(p["rate"], True), f"{p['pairs']} swapped pairs")
    t.add_row("length vs winning (r)", _f(lb["correlation"]), f"{lb['debates']} decided debates")
    t.add_row("longer side won", _f(lb["longer_side_win_rate"], True), "")
    for flag, n in report["speech_flags"].items():
        t.add_row(Text(f"speeches flagged {flag}"), str(n), "")
    four = "position_mean_rank" in report
    if four:
        t.add_row("mean place by position", " ".join(f"{s.upper()} {_1(v)}" for s, v in
                                                      report["position_mean_rank"].items()), "decided rooms")
    con.print(t)
    caption = ("n: ballots; split: reads ranked the sides differently; consist: same ranking in every "
               "order; gov: reads placing a Government side first; first: reads placing Side A first "
               "(25% if unbiased); panel: same first place as the panel" if four else
               "n: ballots; split: verdict flipped with the order; consist: same winner in both "
               "orders; pro: reads picking the Proposition; first: reads picking the side shown "
               "as Side A; panel: agrees with the decision; len r: length vs its verdict")
    j = Table(title="per judge", title_justify="left", caption=caption, caption_justify="left")
    j.add_column("judge", no_wrap=True, min_width=5)
    cols = ("n", "fail", "split", "consist", "gov" if four else "pro", "first", "panel", *(() if four else ("len r",)))
    for col in cols:
        j.add_column(col, justify="right", no_wrap=True)
    for r in report["judges"]:
        j.add_row(Text(r["judge"]), str(r["ballots"]), str(r["failed"]), str(r["inconsistent"]),
                  _f(r["consistency"], True), _f(r["pro_rate"], True), _f(r["first_position_rate"], True),
                  _f(r["agreement_with_panel"], True), *(() if four else (_f(r["length_correlation"]),)))
    con.print(j)
    if four:
        letters = Table(title="mean rank by letter", title_justify="left", caption_justify="left",
                        caption="the rank a judge gave the side shown as Side A, B, C or D, over its reads "
                                "(2.5 each if letters do not sway it)")
        letters.add_column("judge", no_wrap=True, min_width=5)
        for x in "ABCD":
            letters.add_column(x, justify="right", no_wrap=True)
        for r in report["judges"]:
            letters.add_row(Text(r["judge"]), *(_1(v) for v in r["mean_rank_by_letter"].values()))
        con.print(letters)


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (as in the export).")
def judges(db: Path, as_json: bool) -> None:
    """Judge agreement (Fleiss' kappa, Krippendorff's alpha), consistency and bias."""
    from ..reports.judges import judges_of
    from .run import open_state

    state = open_state(str(db))
    report = judges_of(state)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        render(report, state.league or str(db))
