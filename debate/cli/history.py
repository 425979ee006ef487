"""`debate history`: each debater's rating round by round, model versions linked."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
def history(db: Path, as_json: bool) -> None:
    """Print each debater's rating after every round; versions of one model are chained
    (an entry with `supersedes: OLD` starts from OLD's rating)."""
    from ..reports.history import history_report
    from .run import open_state

    report = history_report(open_state(str(db)))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['league']}: rating (mu - 3 sigma) after each round")
    if len(report["stages"]) > 1:
        click.echo("tournaments: " + ", ".join(f"{s['stage']}{' ' + s['tournament'] if s['tournament'] else ''}"
                                               f" from r{s['first_round']}" for s in report["stages"]))
    for chain in report["chains"]:
        if len(chain) > 1:
            click.echo("versions: " + " -> ".join(e["name"] for e in chain))
        for e in chain:
            points = " ".join(f"r{h['round']}:{h['conservative']:.1f}" for h in e["history"])
            left = "" if e["active"] else "  (not in the current tournament)"
            click.echo(f"  {e['name']:<16} {e['model']:<24} {points or '(no rounds yet)'}{left}")
