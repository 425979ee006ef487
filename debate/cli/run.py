"""`debate run`, `debate standings`, `debate export`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from . import cli


def default_db(name: str) -> Path:
    return Path(f"{name}.db")


def open_state(db: str):
    from ..replay import load_state
    from ..store import Store

    with Store(db, readonly=True) as store:
        return load_state(store)


@cli.command()
@click.argument("league_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Results database (default: ./<league name>.db). An existing one is resumed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output; print only the standings.")
def run(league_file: Path | None, db: Path | None, quiet: bool) -> None:
    """Run a league (or the built-in demo league) to the end, resuming where it stopped."""
    import asyncio  # here, not at the top: `debate --help` need not pay for it

    from ..config import DEMO_LEAGUE, load_league

    league = load_league(league_file or DEMO_LEAGUE)
    db = db or default_db(league.name)
    from ..console import ConsoleDisplay, print_standings
    from ..orchestrator import run_tournament
    from ..store import Store

    with Store(db) as store:
        display = ConsoleDisplay(quiet=quiet)
        holder: dict = {}

        def on_event(ev) -> None:
            display(ev)

        display.stats = lambda: holder["gw"].stats if "gw" in holder else None
        from ..gateway import Gateway

        secrets = [s for e in (*league.config.debaters, *league.config.judges) for s in e.secrets()]
        gw = Gateway(store, max_retries=league.config.retries, seed=league.config.seed, secrets=secrets)
        holder["gw"] = gw
        try:
            standings = asyncio.run(run_tournament(league, store, gateway=gw, on_event=on_event))
        finally:
            display.close()
        totals = store.call_totals()
    print_standings(standings, f"{league.name}: final standings")
    click.echo(f"{totals['calls']} model calls stored, "
               f"{totals['prompt_tokens'] + totals['completion_tokens']:,} tokens, "
               f"${totals['cost_usd']:.4f}; results in {db}", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
def standings(db: Path) -> None:
    """Print the standings stored in a results database."""
    from ..console import print_standings

    state = open_state(str(db))
    title = f"{state.league}: " + ("final standings" if state.finished else "standings so far")
    print_standings(state.standings, title)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "csv", "md"]), default="json",
              show_default=True)
@click.option("--table", type=click.Choice(["standings", "debates"]), default="standings",
              show_default=True, help="Which table, for --format csv.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file (default: standard output).")
def export(db: Path, fmt: str, table: str, output: Path | None) -> None:
    """Export a tournament: transcripts, ballots, judges' reasons and standings."""
    from .. import export as ex

    state = open_state(str(db))
    text = {"json": ex.to_json, "md": ex.to_markdown}.get(fmt, lambda s: ex.to_csv(s, table))(state)
    if output:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    else:
        sys.stdout.write(text if fmt != "md" else re.sub(r"\x1b", "", text))
