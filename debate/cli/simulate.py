"""`debate simulate`: synthetic debaters, a noisy judge, the real pairing and rating code."""

from __future__ import annotations

import json

import click

# Kept equal to debate.domain.simulate.DEFAULT_SPREAD (a test checks); importing that module here would
# pull numpy into every `debate` start.
DEFAULT_SPREAD = 4.0


@click.command()
@click.option("--players", type=click.IntRange(2, 100_000), default=32, show_default=True)
@click.option("--rounds", type=click.IntRange(1, 10_000), default=6, show_default=True)
@click.option("--pairing", type=click.Choice(["swiss", "random", "round-robin"]), default="swiss",
              show_default=True)
@click.option("--noise", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Judge noise: standard deviation of each side's showing around its true skill.")
@click.option("--spread", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SPREAD,
              show_default=True, help="Standard deviation of the debaters' true skills.")
@click.option("--mirror", is_flag=True, help="Each pairing debates twice, sides swapped.")
@click.option("--side-bias", type=float, default=0.0, show_default=True,
              help="Advantage of the pro side, in skill units.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def simulate(players: int, rounds: int, pairing: str, noise: float, spread: float, mirror: bool,
             side_bias: float, seed: int, as_json: bool) -> None:
    """Measure how fast a pairing method finds the true order (no model calls).

    Prints Kendall's tau between the final standings and the hidden true order, whether the
    best debater finished first, and the number of debates played.
    """
    from ..domain.simulate import simulate as run_simulation

    sim = run_simulation(players, rounds, pairing, noise, seed, spread=spread, mirror=mirror,
                         side_bias=side_bias)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(sim.to_json(), indent=2))
        return
    click.echo(f"{players} players, {sim.rounds} rounds of {pairing} pairing"
               f"{' (mirrored)' if mirror else ''}, judge noise {noise}, skill spread {spread}")
    for p in sim.history:
        click.echo(f"  round {p.round:>3}  debates {p.debates:>6}  kendall tau {p.kendall_tau:.3f}")
    click.echo(f"kendall tau {sim.kendall_tau:.3f} (Bradley-Terry order: {sim.bt_kendall_tau:.3f}), "
               f"top1 {'yes' if sim.top1 else 'no'}, {sim.debates} debates, "
               f"{sim.rematches} rematches")
