"""`debate ballots import FILE DB`, `debate ballots export DB`: people's ballots in and out.

The file format is documented in debate.record.human_ballots (and the README)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def ballots() -> None:
    """People's ballots: import them from a CSV or JSON file, export them."""


@ballots.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
def import_(file: Path, db: Path) -> None:
    """Import human ballots (CSV or JSON) into a results database: all rows, or none."""
    from ..errors import UserError
    from ..record.human_ballots import ImportErrors, import_file

    try:
        events = import_file(file, db)
    except ImportErrors as exc:
        for p in exc.problems:
            click.echo(f"{file}: {p}", err=True)
        raise UserError(f"{len(exc.problems)} problem(s); nothing was imported", file=str(file)) from None
    people = sorted({e.ballot.judge for e in events})
    click.echo(f"imported {len(events)} ballot(s) by {len(people)} person(s) into {db}", err=True)


@ballots.command("export")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file (default: standard output).")
def export(db: Path, fmt: str, output: Path | None) -> None:
    """Export the human ballots of a results database (the format `import` reads)."""
    from ..record import human_ballots as hb
    from .run import open_state

    text = (hb.to_json if fmt == "json" else hb.to_csv)(open_state(str(db)))
    if output:
        from .output import write_text_atomic

        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)
