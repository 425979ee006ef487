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
@click.option("--wide", is_flag=True, help="Show every standings column, however narrow the terminal.")
@click.option("--no-preflight", is_flag=True,
              help="Skip the checks before round 1 (each model's key, server and one tiny call).")
@click.option("--verbose", "-v", is_flag=True,
              help="With each failed call, also print the provider's own error message.")
@click.option("--dry-run", is_flag=True,
              help="Print the calls, tokens and cost per model the league may take; call nothing. "
                   "With an existing --db: only the rounds this file would still play.")
@click.option("--max-cost", type=click.FloatRange(min=0), metavar="USD",
              help="Stop cleanly before this tournament's stored calls would cost more than "
                   "this (overrides budget_usd in the league file; a league's earlier "
                   "tournaments do not count). Under a budget, a priced model without "
                   "max_tokens in its params is sent the bound the budget counts on.")
@click.option("--events", metavar="jsonl[=PATH]", callback=lambda ctx, param, v: _events_target(v),
              help="Also write every event as it is stored, one JSON line each (the JSON the "
                   "database keeps), flushed per line: to standard output with `jsonl` (progress "
                   "and standings then go to standard error), or appended to PATH.")
def run(league_file: Path | None, db: Path | None, quiet: bool, wide: bool, no_preflight: bool,
        verbose: bool, dry_run: bool, max_cost: float | None, events: Path | str | None) -> None:
    """Run a league (or the built-in demo league) to the end, resuming where it stopped.

    \b
    Ctrl-C once: start no new call, let calls in flight finish, save, exit 130.
    Ctrl-C twice: stop at once (calls in flight are abandoned). Either way the same
    command resumes; a stored call is never paid for twice.

    \b
    Before round 1 every model is checked (key, server, one tiny call); a failure stops
    with exit 2. Exit status: 0 done; 1 stopped by a fatal error (resumable); 2 bad input
    or a failed preflight; 3 budget reached; 4 finished, but the results rank nobody
    (e.g. most debates forfeited); 130 interrupted.

    A database holds one league. A league file whose motions (or `tournament:` name)
    differ from the database's last tournament starts the league's next tournament:
    ratings carry over, rounds are numbered on, and `rounds:` counts that tournament's.
    """
    import asyncio  # here, not at the top: `debate --help` need not pay for it

    from ..league.config import DEMO_LEAGUE, load_league

    league = load_league(league_file or DEMO_LEAGUE)
    if not dry_run:  # every call goes through litellm: its 2-4 s import overlaps the rest
        from ..gateway.litellm_import import import_in_background

        import_in_background()
    if dry_run:
        print_estimate(league, max_cost if max_cost is not None else league.config.budget_usd,
                       db or default_db(league.name))
        if not no_preflight:
            from ..orchestrator.preflight import preflight, report

            click.echo(report(asyncio.run(preflight(league, None))) + " (dry run: no probe call)",
                       err=True)
        return
    db = db or default_db(league.name)
    from ..errors import RunStopped, UserError
    from ..orchestrator import make_gateway, run_tournament
    from ..orchestrator.preflight import report
    from ..record.state import load_state
    from ..record.store import RunLock, Store
    from .console import ConsoleDisplay, EventLog, print_standings

    created = not db.exists()
    log = None
    try:
        with Store(db) as store, RunLock(db):  # Store first: it refuses a foreign file untouched
            display = ConsoleDisplay(quiet=quiet, verbose=verbose)
            gw = make_gateway(league, store, budget_usd=max_cost)
            display.stats = lambda: gw.stats
            on_event = display
            if events is not None:
                log = EventLog(sys.stdout if events == "-" else open(events, "a", encoding="utf-8"))
                on_event = log.after(display)
            try:
                checked = False if no_preflight else (
                    (lambda found: None) if quiet else
                    (lambda found: click.echo(report(found), err=True)))
                standings = asyncio.run(_drive(run_tournament(league, store, gateway=gw,
                                                              on_event=on_event, preflight=checked), gw))
            except RunStopped:
                display.close()
                _report_totals(store, db)
                raise
            finally:
                display.close()
            _report_totals(store, db)
            final = load_state(store)
            problems, summary = final.problems(), final.summary
    except UserError as exc:
        if created:
            remove_refused(db, exc)
        raise
    finally:
        if log is not None:
            log.close()
    from rich.console import Console

    title = f"{league.name}: final standings"
    print_standings(standings, title + meaningless_title(problems),
                    Console(stderr=True) if events == "-" else None, wide=wide, summary=summary)
    if problems:
        _report_problems(problems)
        raise SystemExit(EXIT_MEANINGLESS)


def _events_target(value: str | None) -> Path | str | None:
    """`--events jsonl` -> "-" (standard output); `--events jsonl=PATH` -> PATH."""
    if value is None:
        return None
    kind, sep, path = value.partition("=")
    if kind != "jsonl" or (sep and not path):
        raise click.BadParameter("expected jsonl or jsonl=PATH", param_hint="--events")
    return Path(path) if path else "-"


EXIT_MEANINGLESS = 4  # the run finished, but its results rank nobody


def meaningless_title(problems: list[str]) -> str:
    return f" (NOT A RANKING: {problems[0]})" if problems else ""


def _report_problems(problems: list[str]) -> None:
    click.echo("these results rank nobody:", err=True)
    for p in problems:
        click.echo(f"- {p}", err=True)
    click.echo("the run notes and `debate export DB -f csv --table debates` say why each debate "
               "was forfeited; fix the cause (the preflight checks each model before round 1), "
               "then run again with a new --db", err=True)


def remove_refused(db: Path, exc: BaseException) -> None:
    """A league refused before anything was stored: leave no empty database behind (unless
    another run holds it: that run's database, however new, is not ours to remove). A failed
    preflight paid for its probes only: a database it created goes too. For a database this
    command created (`debate run`, `debate tui LEAGUE`)."""
    from ..orchestrator.preflight import PreflightFailed
    from ..record.store import DatabaseBusy

    if not isinstance(exc, DatabaseBusy):
        _remove_if_empty(db, probes_only=isinstance(exc, PreflightFailed))


def _remove_if_empty(db: Path, *, probes_only: bool = False) -> None:
    from ..record.store import Store

    with Store(db, readonly=True) as store:
        empty = store.last_seq() == 0 and (probes_only or store.call_totals()["calls"] == 0)
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
@click.option("--wide", is_flag=True, help="Show every column, however narrow the terminal "
              "(in a file or a pipe every column is always shown).")
@click.option("--judges", "by", type=click.Choice(["panel", "human"]), default="panel", show_default=True,
              help="panel: the standings the run recorded; human: computed from people's ballots "
                   "alone (each debate people judged, their majority), compared with the panel's.")
def standings(db: Path, wide: bool, by: str) -> None:
    """Print the standings stored in a results database.

    On a terminal the table fits its width: columns drop in priority order (rank, name, the
    rating it is sorted by and W-L-D always stay)."""
    from .console import print_standings

    state = open_state(str(db))
    if by == "human":
        from ..reports.human_standings import human_standings

        hs = human_standings(state)
        if not hs.debates:
            click.echo(f"{db}: no debate has a human ballot (cast them with `debate tui DB --judge NAME` "
                       "or `debate ballots import`)", err=True)
            raise SystemExit(1)
        print_standings(hs.standings, f"{state.league}: standings from human ballots alone "
                                      f"({hs.debates} debates)", wide=wide)
        tau = "-" if hs.tau is None else f"{hs.tau:.3f}"
        click.echo(f"Kendall's tau against the model panel's standings: {tau} "
                   f"({len(hs.standings)} debaters)")
        return
    title = f"{state.league}: " + ("final standings" if state.finished else "standings so far")
    if len(state.tournaments) > 1:  # ratings and records over the league's tournaments so far
        title += f" after tournament {state.tournaments[-1].number} of the league"
    problems = state.problems()
    print_standings(state.standings, title + meaningless_title(problems), wide=wide, summary=state.summary)
    if problems:
        _report_problems(problems)


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "csv", "md"]), default="json",
              show_default=True)
@click.option("--table", type=click.Choice(["standings", "debates", "categories", "summary", "calls"]),
              help="One table: as CSV (-f csv; standings when not given) or as a JSON list of rows "
                   "(-f json). summary: how far the standings can be trusted (the rating mode, "
                   "separability, the top set, the reversals that would change the leader, style "
                   "control); calls: every model call, for audits (model, debate, kind, latency, "
                   "tokens, cost, finish reason, cached).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file (default: standard output).")
def export(db: Path, fmt: str, table: str | None, output: Path | None) -> None:
    """Export a tournament: transcripts, ballots, judges' reasons and standings."""
    from ..record.state import load_state
    from ..record.store import Store
    from ..reports import export as ex

    with Store(db, readonly=True) as store:
        state = load_state(store)
        calls = store.call_rows() if table == "calls" else []
    if fmt == "md":
        text = ex.to_markdown(state)
    elif fmt == "json" and table is None:
        text = ex.to_json(state)
    else:
        head_rows = ex.calls_rows(calls) if table == "calls" else ex.TABLES[table or "standings"](state)
        text = (ex.table_csv if fmt == "csv" else ex.table_json)(*head_rows)
    if output:
        from .output import write_text_atomic

        write_text_atomic(output, text)
    else:
        from ..domain.text import clean_text

        sys.stdout.write(text if fmt != "md" else clean_text(text))
