"""`debate run`, `debate standings`, `debate export`."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def default_db(name: str) -> Path:
    return Path(f"{name}.db")


def open_state(db: str):
    from ..record.state import load_state
    from ..record.store import Store

    with Store(db, readonly=True) as store:
        return load_state(store)


@click.command()
@click.argument("league_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Results database (default: ./<league name>.db). An existing one is resumed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output; print only the standings.")
@click.option("--dry-run", is_flag=True,
              help="Print the calls, tokens and cost per model the league may take; call nothing. "
                   "With an existing --db: only the rounds this file would still play.")
@click.option("--max-cost", type=click.FloatRange(min=0), metavar="USD",
              help="Stop cleanly before this tournament's stored calls would cost more than "
                   "this (overrides budget_usd in the league file; a league's earlier "
                   "tournaments do not count). Under a budget, a priced model without "
                   "max_tokens in its params is sent the bound the budget counts on.")
def run(league_file: Path | None, db: Path | None, quiet: bool, dry_run: bool,
        max_cost: float | None) -> None:
    """Run a league (or the built-in demo league) to the end, resuming where it stopped.

    \b
    Ctrl-C once: start no new call, let calls in flight finish, save, exit 130.
    Ctrl-C twice: stop at once (calls in flight are abandoned). Either way the same
    command resumes; a stored call is never paid for twice. Exit 3: the budget stopped it.

    A database holds one league. A league file whose motions (or `tournament:` name)
    differ from the database's last tournament starts the league's next tournament:
    ratings carry over, rounds are numbered on, and `rounds:` counts that tournament's.
    """
    import asyncio  # here, not at the top: `debate --help` need not pay for it

    from ..league.config import DEMO_LEAGUE, load_league

    league = load_league(league_file or DEMO_LEAGUE)
    if dry_run:
        print_estimate(league, max_cost if max_cost is not None else league.config.budget_usd,
                       db or default_db(league.name))
        return
    db = db or default_db(league.name)
    from ..errors import RunStopped, UserError
    from ..orchestrator import make_gateway, run_tournament
    from ..record.store import DatabaseBusy, RunLock, Store
    from .console import ConsoleDisplay, print_standings

    created = not db.exists()
    try:
        with Store(db) as store, RunLock(db):  # Store first: it refuses a foreign file untouched
            display = ConsoleDisplay(quiet=quiet)
            gw = make_gateway(league, store, budget_usd=max_cost)
            display.stats = lambda: gw.stats
            try:
                standings = asyncio.run(_drive(run_tournament(league, store, gateway=gw,
                                                              on_event=display), gw))
            except RunStopped:
                display.close()
                _report_totals(store, db)
                raise
            finally:
                display.close()
            _report_totals(store, db)
    except UserError as exc:
        # Refused before anything was stored: leave no empty database behind (unless another
        # run holds it: that run's database, however new, is not ours to remove).
        if created and not isinstance(exc, DatabaseBusy):
            _remove_if_empty(db)
        raise
    print_standings(standings, f"{league.name}: final standings")


def _remove_if_empty(db: Path) -> None:
    from ..record.store import Store

    with Store(db, readonly=True) as store:
        empty = store.last_seq() == 0 and store.call_totals()["calls"] == 0
    if empty:
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}.lock")):
            path.unlink(missing_ok=True)


def _report_totals(store, db: Path) -> None:
    totals = store.call_totals()
    click.echo(f"{totals['calls']} model calls stored, "
               f"{totals['prompt_tokens'] + totals['completion_tokens']:,} tokens, "
               f"${totals['cost_usd']:.4f}; results in {db}", err=True)
    if totals.get("unsettled_usd"):
        click.echo(f"plus up to ${totals['unsettled_usd']:.4f} for attempts that timed out or were "
                   "cut short (a provider may bill them; the budget counts them)", err=True)


async def _drive(coro, gw):
    """Run the tournament with Ctrl-C handling: once = wind down, twice = stop now."""
    import asyncio
    import os
    import signal

    from ..errors import RunStopped

    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(coro)
    presses = 0

    def interrupted() -> None:
        nonlocal presses
        presses += 1
        if presses == 1:
            gw.request_stop("interrupted; run the same command to resume")
            click.echo("stopping: no new calls; letting calls in flight finish "
                       "(Ctrl-C again to stop at once)", err=True)
        elif presses == 2:
            task.cancel()
        else:  # the wind-down itself hangs: everything stored so far is committed
            os._exit(130)

    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, interrupted)
            installed.append(sig)
        except (NotImplementedError, RuntimeError):  # e.g. Windows: KeyboardInterrupt instead
            pass
    try:
        return await task
    except asyncio.CancelledError:
        if not task.cancelled():
            raise
        raise RunStopped("interrupted twice: stopped at once, calls in flight abandoned; "
                         "run the same command to resume") from None
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def _dry_run_plan(league, db: Path) -> tuple[range, float, str]:
    """With an existing database: the rounds this file would still play, what its tournament
    already cost, and which tournament it is (refused files exit 2, as the run would)."""
    from ..orchestrator.plan import plan_tournament, tournament_spent
    from ..record.state import load_state
    from ..record.store import Store

    with Store(db, readonly=True) as store:
        state = load_state(store)
        plan = plan_tournament(league, state)
        spent, _ = tournament_spent(store, state, plan.first_round)
    n = league.config.rounds
    if not plan.resumed:
        return range(1, n + 1), spent, f"{db}: starts tournament {plan.number} at round {plan.first_round}"
    done = sum(1 for k, r in state.rounds.items() if k >= plan.first_round and r.completed)
    return (range(done + 1, n + 1), spent,
            f"{db}: resumes tournament {plan.number}, {n - done} of its {n} rounds to play")


def print_estimate(league, budget: float | None, db: Path | None = None) -> None:
    """`--dry-run`: the league's calls and worst-case tokens and cost per model."""
    from rich.console import Console
    from rich.table import Table

    from ..orchestrator.estimate import calls_per_debate, estimate_league, reads_per_judge

    rounds, spent, where = range(1, league.config.rounds + 1), 0.0, ""
    if db is not None and db.exists():
        rounds, spent, where = _dry_run_plan(league, db)
    rows = estimate_league(league, rounds)
    t = Table(title=f"{league.name}: dry run, {len(rounds)} rounds, format "
              f"{league.format.id} (nothing is called)", title_justify="left",
              caption="tokens and cost are upper estimates: every speech at its word limit, "
              "every judge reply at max_tokens", caption_justify="left")
    for col in ("name", "role", "model", "calls", "prompt tokens", "completion tokens", "cost (USD)"):
        t.add_column(col, justify="left" if col in ("name", "role", "model") else "right")
    total, unknown = 0.0, []
    for r in rows:
        cost = "unknown price" if r.cost_usd is None else f"{r.cost_usd:.4f}"
        if r.cost_usd is None:
            unknown.append(r.name)
        else:
            total += r.cost_usd
        t.add_row(r.name, r.role, r.model, f"{r.calls:g}", f"{r.prompt_tokens:,.0f}",
                  f"{r.completion_tokens:,.0f}", cost)
    t.add_row("total", "", "", f"{sum(r.calls for r in rows):g}",
              f"{sum(r.prompt_tokens for r in rows):,.0f}",
              f"{sum(r.completion_tokens for r in rows):,.0f}", f"{total:.4f}", style="bold")
    console = Console(width=140) if not sys.stdout.isatty() else Console()
    if where:
        console.print(where, markup=False, highlight=False, soft_wrap=True)
    console.print(t)
    unit = "room" if league.format.four_sides else "debate"
    judges = len(league.config.judges)
    console.print(f"each {unit}: {len(league.format.turns)} speeches + {judges} judge{'s' * (judges > 1)} x "
                  f"{reads_per_judge(league)} read{'s' * (reads_per_judge(league) > 1)} = "
                  f"{calls_per_debate(league)} calls", markup=False, highlight=False)
    if unknown:
        console.print(f"no price known for {', '.join(unknown)}: give each a `price:` "
                      "(input_per_mtok, output_per_mtok) to include it")
    if budget is not None:
        verdict = "within" if spent + total <= budget else "OVER"
        already = f" (+ ${spent:.4f} this tournament already cost)" if spent else ""
        console.print(f"estimate ${total:.4f}{already} is {verdict} the budget of ${budget:g}")


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
def standings(db: Path) -> None:
    """Print the standings stored in a results database."""
    from .console import print_standings

    state = open_state(str(db))
    title = f"{state.league}: " + ("final standings" if state.finished else "standings so far")
    if len(state.tournaments) > 1:  # ratings and records over the league's tournaments so far
        title += f" after tournament {state.tournaments[-1].number} of the league"
    print_standings(state.standings, title)


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "csv", "md"]), default="json",
              show_default=True)
@click.option("--table", type=click.Choice(["standings", "debates", "categories"]), default="standings",
              show_default=True, help="Which table, for --format csv.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file (default: standard output).")
def export(db: Path, fmt: str, table: str, output: Path | None) -> None:
    """Export a tournament: transcripts, ballots, judges' reasons and standings."""
    from ..reports import export as ex

    state = open_state(str(db))
    text = {"json": ex.to_json, "md": ex.to_markdown}.get(fmt, lambda s: ex.to_csv(s, table))(state)
    if output:
        from .output import write_text_atomic

        write_text_atomic(output, text)
    else:
        from ..domain.text import clean_text

        sys.stdout.write(text if fmt != "md" else clean_text(text))
