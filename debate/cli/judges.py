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
    t.add_column("figure", no_wrap=True)  # a label read whole: "speeches flagged copied_opponent"
    t.add_column("value", justify="right")
    t.add_column("over")
    four = "position_mean_rank" in report  # four-side rooms: kappa over first places
    t.add_row("Fleiss' kappa, " + ("first place" if four else "winner"), _f(w["fleiss_kappa"]),
              f"{w['debates']} {'rooms' if four else 'debates'}")
    t.add_row("Krippendorff's alpha, scores", _f(s["krippendorff_alpha"]),
              f"{s['units']} units ({'room' if four else 'debate'} x side x dimension), interval")
    for dim, a in s["by_dimension"].items():
        t.add_row(Text(f"  alpha, {dim}"), _f(a), "")
    if four:
        t.add_row("same ranking in every order", _f(p["rate"], True), f"{p['pairs']} ballots of several reads")
    else:
        t.add_row("position consistency", _f(p["rate"], True), f"{p['pairs']} swapped pairs")
        t.add_row("length vs winning (r)", _f(lb["correlation"]), f"{lb['debates']} decided debates")
        t.add_row("longer side won", _f(lb["longer_side_win_rate"], True), "")
    for flag, n in report["speech_flags"].items():
        t.add_row(Text(f"speeches flagged {flag}"), str(n), "")
    if four:
        t.add_row("mean place by position", " ".join(f"{s.upper()} {_1(v)}" for s, v in
                                                      report["position_mean_rank"].items()), "decided rooms")
    con.print(t)
    fail = ("fail: reads that did not count (malformed, or degenerate: stopped by the ballot gate) "
            "of all reads; ")
    caption = ("n: ballots; " + fail + "split: reads ranked the sides differently; consist: same ranking "
               "in every order; gov: reads placing a Government side first; first: reads placing Side A "
               "first (25% if unbiased); panel: same first place as the panel" if four else
               "n: ballots; " + fail + "split: verdict flipped with the order; consist: same winner in "
               "both orders; pro: reads picking the Proposition; first: reads picking the side shown "
               "as Side A; panel: agrees with the decision; len r: length vs its verdict")
    j = Table(title="per judge", title_justify="left", caption=caption, caption_justify="left")
    j.add_column("judge", no_wrap=True, min_width=5)
    cols = ("n", "fail", "split", "consist", "gov" if four else "pro", "first", "panel", *(() if four else ("len r",)))
    for col in cols:
        j.add_column(col, justify="right", no_wrap=True)
    for r in report["judges"]:
        name = Text(r["judge"]) + (Text(" benched", style="bold red") if r.get("benched") else Text(""))
        j.add_row(name, str(r["ballots"]), f"{r.get('reads_failed', 0)}/{r.get('reads_total', 0)}",
                  str(r["inconsistent"]),
                  _f(r["consistency"], True), _f(r["pro_rate"], True), _f(r["first_position_rate"], True),
                  _f(r["agreement_with_panel"], True), *(() if four else (_f(r["length_correlation"]),)))
    con.print(j)
    for r in report["judges"]:
        if r.get("benched"):
            con.print(Text(f"{r['judge']} benched: {r['benched']}"))
        if r.get("degenerate"):
            con.print(Text(f"{r['judge']} degenerate reads: "
                           + ", ".join(f"{k} {v}" for k, v in r["degenerate"].items())))
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


class _ReportByDefault(click.Group):
    """`debate judges DB` is the report; `debate judges exam ...` a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["report", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ReportByDefault)
def judges() -> None:
    """Judge agreement, consistency and bias; model judges against people; a judge's exam.

    \b
    debate judges DB [--json]                      the report (with people's ballots: vs people)
    debate judges exam JUDGE_OR_LEAGUE --pack P    a judge's exam on reference debates
    """


@judges.command("report", hidden=True)
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (as in the export).")
def report(db: Path, as_json: bool) -> None:
    """Judge agreement (Fleiss' kappa, Krippendorff's alpha), consistency and bias; with human
    ballots, the model judges against people."""
    from ..reports.judges import judges_of
    from .run import open_state

    state = open_state(str(db))
    report = judges_of(state)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        render(report, state.league or str(db))


@judges.command("exam")
@click.argument("target", metavar="JUDGE_OR_LEAGUE")
@click.option("--pack", help="The exam pack: a stock exam name (house-exam) or a path to a pack with "
                             "`exam:` items (default: the league file's judging.exam.pack).")
@click.option("--rubric", default="standard", show_default=True, help="Rubric, for a judge given by model.")
@click.option("--api-base", help="For a judge given by model: its server (e.g. http://127.0.0.1:8000/v1).")
@click.option("--api-key-env", help="For a judge given by model: the variable holding its key.")
@click.option("--min-accuracy", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 if a judge's accuracy is below this (default: the league's, else 0.8).")
@click.option("--min-consistency", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 if a judge's consistency is below this (default: the league's, else 0).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def exam(target: str, pack: str | None, rubric: str, api_base: str | None, api_key_env: str | None,
         min_accuracy: float | None, min_consistency: float | None, as_json: bool) -> None:
    """Run judges on a pack's reference debates (known verdicts), both presentation orders:
    accuracy (reads naming the known winner) and consistency (items read the same both ways).

    \b
    debate judges exam league.yaml                      the league's judges, its exam pack
    debate judges exam house/judge --pack house-exam    one judge by model
    """
    import asyncio

    from ..errors import UserError
    from ..gateway import Gateway
    from ..gateway.llm import close_clients
    from ..league import resources
    from ..league.config import load_league
    from ..league.entries import ModelEntry
    from ..orchestrator.exam import exam_league, run_exam

    path = Path(target)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        league = load_league(path)
        req = league.config.judging.exam
        exam_pack = resources.load("exams", pack, Path.cwd()) if pack else league.exam_pack
        if exam_pack is None:
            raise UserError("no exam pack: give --pack or set judging.exam.pack in the league file",
                            file=str(path))
        judges_ = league.config.judges
        rub, base_min = league.rubric, (req.min_accuracy if req else 0.8, req.min_consistency if req else 0.0)
        fmt, seed, retries = league.format, league.config.seed, league.config.retries
    else:
        if not pack:
            raise UserError("give --pack PACK (an exam pack) for a judge named by its model", field="--pack")
        exam_pack = resources.load("exams", pack, Path.cwd())
        try:
            judges_ = [ModelEntry(name=target.replace("/", "-"), model=target, api_base=api_base,
                                  api_key_env=api_key_env)]
        except ValueError as exc:
            raise UserError(str(exc), field="JUDGE_OR_LEAGUE") from None
        rub, base_min = resources.load_rubric(rubric, Path.cwd()), (0.8, 0.0)
        fmt, seed, retries = resources.load_format("oxford"), 0, 2
    if not exam_pack.exam:  # type: ignore[union-attr]
        raise UserError(f"pack {exam_pack.id!r} has no exam items (`exam:`)", field="--pack")  # type: ignore[union-attr]
    lo_acc = base_min[0] if min_accuracy is None else min_accuracy
    lo_con = base_min[1] if min_consistency is None else min_consistency
    lg = exam_league(judges_, exam_pack, rub, fmt, seed=seed, retries=retries)  # type: ignore[arg-type]

    async def go():
        gw = Gateway(None, max_retries=retries, seed=seed)
        try:
            return await run_exam(lg, exam_pack, gw)  # type: ignore[arg-type]
        finally:
            await close_clients()

    results = asyncio.run(go())
    failed = [r for r in results if not r.passes(lo_acc, lo_con)]
    if as_json:
        click.echo(json.dumps({"pack": exam_pack.id, "min_accuracy": lo_acc,  # type: ignore[union-attr]
                               "min_consistency": lo_con,
                               "judges": [{**r.to_json(), "seated": r not in failed} for r in results]},
                              indent=2))
    else:
        for r in results:
            verdict = "seated" if r not in failed else "NOT seated"
            click.echo(f"{r.judge}: accuracy {r.accuracy:.0%} of {r.reads} reads, consistency "
                       f"{r.consistency:.0%} of {len(r.items)} items (min {lo_acc:.0%} / {lo_con:.0%}): {verdict}")
    if failed:
        raise SystemExit(1)
