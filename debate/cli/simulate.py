"""`debate simulate`: synthetic debaters, a noisy judge, the real pairing and rating code."""

from __future__ import annotations

import json

import click

# Kept equal to debate.domain.simulate.DEFAULT_SPREAD and bp_verdicts.DEFAULT_READS (a test
# checks); importing those modules here would pull numpy into every `debate` start.
DEFAULT_SPREAD = 4.0
DEFAULT_READS = 2
ONE_V_ONE_READS = 2  # a judge's position swap


@click.command()
@click.option("--players", type=click.IntRange(2, 100_000), default=32, show_default=True)
@click.option("--rounds", type=click.IntRange(1, 10_000), default=6, show_default=True)
@click.option("--format", "format_ref", default="oxford", show_default=True,
              help="A stock format or a format file: its speeches count as calls; a four-side "
                   "format (bp) plays British Parliamentary rooms on the BP draw.")
@click.option("--pairing", type=click.Choice(["swiss", "random", "round-robin"]), default="swiss",
              show_default=True, help="Two-side formats only (BP is always Swiss).")
@click.option("--noise", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Judge noise: standard deviation of each side's showing around its true skill.")
@click.option("--spread", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SPREAD,
              show_default=True, help="Standard deviation of the debaters' true skills.")
@click.option("--mirror", is_flag=True, help="Each pairing debates twice, sides swapped.")
@click.option("--side-bias", type=float, default=0.0, show_default=True,
              help="Advantage of the pro side, in skill units.")
@click.option("--reads", type=click.IntRange(1, 4), default=DEFAULT_READS, show_default=True,
              help="Four sides: reads per judge (presentation orders); they count as calls.")
@click.option("--panel", type=click.IntRange(0, 15), default=0, show_default=True,
              help="Two sides: judges per debate writing ballots with rubric scores, calibrated so "
                   "the majority decides as the single judge (0) would; the margin rating mode's "
                   "order is scored beside the win/loss orders.")
@click.option("--shared", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="With --panel: the share of the judge noise every judge sees (how the debate "
                   "went); the rest is each judge's own view and reading.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def simulate(players: int, rounds: int, format_ref: str, pairing: str, noise: float, spread: float,
             mirror: bool, side_bias: float, reads: int, panel: int, shared: float, seed: int,
             as_json: bool) -> None:
    """Measure how fast a pairing method finds the true order (no model calls).

    Prints Kendall's tau between the final standings and the hidden true order, whether the
    best debater finished first, and the debates played and the model calls they would take
    (the format's speeches and one judge's reads).
    """
    from ..errors import UserError
    from ..league.resources import load_format

    try:
        fmt = load_format(format_ref)
    except UserError as exc:
        raise click.BadParameter(exc.detail, param_hint="--format") from None
    if fmt.four_sides:
        if pairing != "swiss" or mirror or side_bias or panel:
            raise click.UsageError("a four-side format plays the BP Swiss draw: --pairing, "
                                   "--mirror, --side-bias and --panel are for two-side formats")
        if players < 4:
            raise click.BadParameter("at least four for a British Parliamentary room", param_hint="--players")
        from ..domain.bp_simulate import simulate_bp

        sim = simulate_bp(players, rounds, noise, seed, spread=spread, reads=reads)
        per = len(fmt.turns) + reads
    else:
        from ..domain.simulate import simulate as run_simulation

        sim = run_simulation(players, rounds, pairing, noise, seed, spread=spread, mirror=mirror,  # type: ignore[arg-type]
                             side_bias=side_bias, panel=panel, shared=shared)
        per = len(fmt.turns) + ONE_V_ONE_READS * max(panel, 1)
    unit = "rooms" if fmt.four_sides else "debates"
    if as_json:
        out = sim.to_json()
        out.update(format=fmt.id, calls=sim.debates * per, calls_per_debate=per)
        for p in out["history"]:
            p["calls"] = p["debates"] * per
        click.echo(json.dumps(out, indent=2))
        return
    what = (f"of British Parliamentary rooms ({reads} reads a judge)" if fmt.four_sides
            else f"of {pairing} pairing{' (mirrored)' if mirror else ''}, format {fmt.id}")
    click.echo(f"{players} players, {sim.rounds} rounds {what}, judge noise {noise}, skill spread {spread}")
    if panel:
        click.echo(f"judged by panels of {panel} writing ballots ({shared:g} of the noise shared); "
                   "kendall tau of TrueSkill's order, Bradley-Terry's (win-loss) and the margin mode's")
    for p in sim.history:
        click.echo(f"  round {p.round:>3}  {unit} {p.debates:>6}  calls {p.debates * per:>7}  "
                   f"kendall tau {p.kendall_tau:.3f}" + (f"  BT {p.bt_kendall_tau:.3f}  margin "
                                                         f"{p.margin_kendall_tau:.3f}" if panel else ""))
    repeats = (f"{sim.lineup_repeats} repeated line-ups" if fmt.four_sides  # type: ignore[attr-defined]
               else f"{sim.rematches} rematches")
    margin = f", margin order: {sim.margin_kendall_tau:.3f}" if panel else ""  # type: ignore[attr-defined]
    click.echo(f"kendall tau {sim.kendall_tau:.3f} (Bradley-Terry order: {sim.bt_kendall_tau:.3f}{margin}), "
               f"top1 {'yes' if sim.top1 else 'no'}, {sim.debates} {unit}, {sim.debates * per} calls "
               f"({per} a {unit[:-1]}), {repeats}")
