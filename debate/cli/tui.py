"""`debate tui`: the terminal viewer, live or over a results database."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..errors import UserError


def _is_db(path: Path) -> bool:
    if path.suffix.lower() in {".db", ".sqlite", ".sqlite3"}:
        return True
    from ..record.store import is_sqlite_file

    return is_sqlite_file(path)


@click.command()
@click.argument("target", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Results database for a league run here (default: ./<league name>.db; "
                   "for the demo, a temporary file). An existing one is resumed.")
@click.option("--pace", type=click.FloatRange(min=0), default=None, metavar="WORDS_PER_S",
              help="Stream house-model speeches at this many words a second, to watch them "
                   "being written (default: 40 for the demo, else as fast as they come; 0: no pause).")
@click.option("--judge", "judge", metavar="NAME",
              help="Judge debates blind as the person NAME: open on the queue of debates NAME has "
                   "not judged (ballots are stored as judge human:NAME).")
def tui(target: Path | None, db: Path | None, pace: float | None, judge: str | None) -> None:
    """Watch a tournament in the terminal.

    \b
    debate tui                 run the built-in demo league live (offline house models)
    debate tui league.yaml     run your league live inside the viewer (resumes like `run`)
    debate tui results.db      open a finished tournament, or follow one being written
    debate tui results.db --judge ann   judge its debates blind, as the person ann
    """
    from tui import EngineSource, make_app

    if judge is not None:
        from ..record.human_ballots import NAME

        judge = judge.strip().removeprefix("human:")
        if not NAME.match(judge):
            raise UserError("a name of letters, digits, '.', '_', '-' or spaces (up to 64)", field="--judge")
    if pace is None:
        pace = 40.0 if target is None else 0.0
    _set_house_pace(pace)

    from ..league.config import DEMO_LEAGUE, load_league
    from .run import default_db

    tmp: tempfile.TemporaryDirectory | None = None
    created = False
    if target is not None and _is_db(target):
        if db is not None:
            raise UserError("give either a results database or --db, not both", file=str(target))
        from ..record.store import Store

        Store(target, readonly=True).close()  # a clear error for a missing or foreign file
        app = make_app(db=target, judge=judge)
    else:
        league = load_league(target or DEMO_LEAGUE)
        if db is None:
            if target is None:
                tmp = tempfile.TemporaryDirectory(prefix="debate-demo-")
                db = Path(tmp.name) / f"{league.name}.db"
            else:
                db = default_db(league.name)
        created = not db.exists()
        if not created:
            from ..orchestrator.plan import plan_tournament
            from ..record.state import load_state
            from ..record.store import Store

            with Store(db, readonly=True) as store:
                plan_tournament(league, load_state(store))  # refuses a file this database cannot run
        app = make_app(league=league, db=db, judge=judge)
    try:
        app.run()
    finally:
        if tmp is not None:
            tmp.cleanup()
    if refused(app.source, db, created=created):  # bad input or a failed preflight, as `run`
        click.echo(app.source.error, err=True)
        raise SystemExit(2)
    if app.source is not None and app.source.error:
        if tmp is not None and not app.source.error.startswith("error"):
            click.echo("stopped (the demo ran in a temporary database; pass --db to keep one)", err=True)
            return
        click.echo(app.source.error, err=True)
        if app.source.error.startswith("error"):
            raise SystemExit(1)
    if tmp is None and isinstance(app.source, EngineSource):
        click.echo(f"results in {db}", err=True)


def refused(source: object, db: Path | None, *, created: bool) -> bool:
    """Did the engine refuse the league before running it (a league-file mistake, a failed
    preflight)? Then, as `debate run` does, a database this command created holds nothing but
    probes and is removed, and the command exits 2."""
    from .run import remove_refused

    exc = getattr(source, "exception", None)
    if not isinstance(exc, UserError):
        return False
    if created and db is not None and db.exists():
        remove_refused(db, exc)
    return True


def _set_house_pace(words_per_second: float) -> None:
    """House models answer instantly; a live demo is easier to follow at a reading pace. The
    pace only delays streamed chunks: what is said, and every result, stays the same."""
    if words_per_second:
        from ..gateway import house_provider

        house_provider.PACE_WPS = words_per_second
