"""`debate report DB -o report.html`: the league as one self-contained HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The HTML file to write (default: the database's name with .html; - for "
                   "standard output).")
@click.option("--pack", "packs", multiple=True, metavar="PACK",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A motion pack file to check the recorded pack hashes against (repeatable); "
                   "stock packs and the league file's own paths are checked without it.")
def report(db: Path, output: Path | None, packs: tuple[Path, ...]) -> None:
    """Write a report to publish: leaderboard with intervals, profiles, head to head, rating
    history, judges, motions, flags, every debate's transcript beside its ballots, and the
    run's provenance. One HTML file that loads nothing from anywhere (works offline)."""
    from ..record.state import load_state
    from ..record.store import Store
    from ..reports.gather import gather
    from ..reports.html import render

    with Store(db, readonly=True) as store:
        data = gather(load_state(store), store, packs=packs, source=str(db))
    page = render(data)
    if output is not None and str(output) == "-":
        sys.stdout.write(page)
        return
    out = output or db.with_suffix(".html")
    from .output import write_text_atomic

    write_text_atomic(out, page)
    click.echo(f"report written to {out}: {len(page.encode('utf-8')):,} bytes, "
               f"{data.debates} {data.unit}",
               err=True)
