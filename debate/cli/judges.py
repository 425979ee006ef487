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
    con.print(t)
    j = Table(title="per judge", title_justify="left",
              caption="n: ballots; split: verdict flipped with the order; consist: same winner in both "
                      "orders; pro: reads picking the Proposition; first: reads picking the side shown "
                      "as Side A; panel: agrees with the decision; len r: length vs its verdict", caption_justify="left")
    j.add_column("judge", no_wrap=True, min_width=5)
    for col in ("n", "fail", "split", "consist", "pro", "first", "panel", "len r"):
        j.add_column(col, justify="right", no_wrap=True)
    for r in report["judges"]:
        j.add_row(Text(r["judge"]), str(r["ballots"]), str(r["failed"]), str(r["inconsistent"]),
                  _f(r["consistency"], True), _f(r["pro_rate"], True), _f(r["first_position_rate"], True),
                  _f(r["agreement_with_panel"], True), _f(r["length_correlation"]))
    con.print(j)
    if report.get("humans"):
        render_humans(con, report["humans"])


def render_humans(con: Any, h: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    b = h["human_biases"]
    t = Table(title=f"model judges against people: {h['human_ballots']} human ballots by "
                    f"{len(h['humans'])} person(s) on {h['debates']} debates "
                    f"({h['debates_with_verdict']} with a human verdict)", title_justify="left",
              caption="agree: same winner as the people's verdict (their majority); kappa: Cohen's, "
                      "95% interval (Fleiss-Cohen-Everitt SE); pro, first, len r: the judge's biases "
                      "on these debates; not shared: a bias 10 points stronger than the people's "
                      f"(people: pro {_f(b['pro_rate'], True)}, first {_f(b['first_position_rate'], True)}, "
                      f"len r {_f(b['length_correlation'])}; Fleiss' kappa among them "
                      f"{_f(h['humans_fleiss_kappa'])})", caption_justify="left")
    t.add_column("judge", no_wrap=True, min_width=5)
    for col in ("n", "agree", "kappa [95%]", "pro", "first", "len r"):
        t.add_column(col, justify="right", no_wrap=True)
    t.add_column("not shared")
    s = Table(title="score correlation with the people's mean, per dimension (Pearson's r)",
              title_justify="left")
    s.add_column("judge", no_wrap=True, min_width=5)
    dims = list(h["panel"]["score_correlation"])
    for d in dims:
        s.add_column(d, justify="right", no_wrap=True)
    for r in [*h["judges"], h["panel"]]:
        k = "-" if r["kappa"] is None else f"{r['kappa']:.2f} [{r['kappa_lo']:.2f}, {r['kappa_hi']:.2f}]"
        bb = r["biases"]
        name = Text(r["judge"], style="bold" if r["judge"] == "panel" else "")
        t.add_row(name, str(r["debates"]), _f(r["agreement"], True), k, _f(bb["pro_rate"], True),
                  _f(bb["first_position_rate"], True), _f(bb["length_correlation"]),
                  ", ".join(r["biases_humans_do_not_share"]) or "-")
        s.add_row(name, *[_f(r["score_correlation"].get(d)) for d in dims])
    con.print(t)
    con.print(s)


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
