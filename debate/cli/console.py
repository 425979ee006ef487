"""The console display: progress while a league runs, standings at the end (rich)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..domain.bp_verdicts import room_outcome
from ..domain.models import BP_SIDES, WIDE_ELO, RatingSummary, Standing, interval_text
from ..record.events import (DebateDecided, Event, RoundCompleted, RoundPaired, RunNote, TournamentFinished,
                             TournamentStarted, TurnDelta)


@dataclass(frozen=True)
class Column:
    """One column of the standings table. `priority` 0 is always shown; when the table is wider
    than the terminal, columns drop from the highest priority number down (the rightmost
    first among equals). `shown` hides a column no row has anything for."""

    header: str
    cell: Callable[[Standing], str | Text]
    priority: int
    justify: Literal["left", "right"] = "right"
    shown: Callable[[Sequence[Standing]], bool] = lambda rows: True
    max_width: int | None = None
    note: str = ""  # what the column means, in the caption while it is shown


def _four(rows: Sequence[Standing]) -> bool:
    """Standings of a four-side (British Parliamentary) league."""
    return any(s.team_points is not None for s in rows)


def _dimension_columns(rows: Sequence[Standing]) -> list[Column]:
    dims = sorted({d for s in rows for d in s.dimensions})
    return [Column(d[:8], lambda s, d=d: f"{s.dimensions.get(d, 0):.1f}", priority=5) for d in dims]


def _estimated(rows: Sequence[Standing]) -> bool:
    """Sorted by the Bradley-Terry estimates (issue 15), not by TrueSkill (older databases, and
    standings computed without them)."""
    return any(s.rank_lo is not None for s in rows)


def _rating_columns(rows: Sequence[Standing]) -> list[Column]:
    """The rating the table is sorted by first (always shown), then how sure it is."""
    margin = any(s.margin is not None for s in rows)
    bt_note = ("BT = Bradley-Terry posterior mean (Elo" + ("" if margin else ", the order")
               + f") [95% credible interval; (wide): over {WIDE_ELO:,.0f} Elo]" if _estimated(rows)
               else "BT = Bradley-Terry (Elo) [95% bootstrap interval]")
    return [
        Column("margin", lambda s: "" if s.margin is None else f"{round(s.margin, 1) + 0.0:+.1f}", priority=0,
               shown=lambda rows: margin,
               note="margin = judges' rubric margin against an average debater (the order)"),
        Column("BT [95% CI]", lambda s: interval_text(s.bt, s.bt_lo, s.bt_hi),
               priority=0 if _estimated(rows) and not margin else 2,
               shown=lambda rows: any(s.bt is not None for s in rows), note=bt_note),
        Column("rank", lambda s: s.rank_range, priority=1,
               shown=lambda rows: any(s.rank_lo is not None for s in rows),
               note="rank = 95% range of its place"),
        Column("P(best)", lambda s: "" if s.p_best is None else f"{s.p_best:.2f}", priority=2,
               shown=lambda rows: any(s.p_best is not None for s in rows),
               note="P(best) = chance it is the best"),
        Column("LC [95% CI]", lambda s: interval_text(s.lc, s.lc_lo, s.lc_hi), priority=5,
               shown=lambda rows: any(s.lc is not None for s in rows),
               note="LC = length-controlled BT"),
    ]


# The standings columns in display order: a Column, or a function of the rows giving several
# (one per rubric dimension). Add a column here, with its priority, and both `debate standings`
# and the end-of-run table show it (and drop it first or last when the terminal is narrow).
STANDINGS_COLUMNS: list[Column | Callable[[Sequence[Standing]], list[Column]]] = [
    Column("#", lambda s: str(s.rank), priority=0),
    Column("name", lambda s: Text(s.name), priority=0, justify="left"),
    Column("model", lambda s: Text(s.model), priority=4, justify="left", max_width=24),
    _rating_columns,
    lambda rows: [Column("TrueSkill", lambda s: f"{s.conservative:.1f}", priority=3 if _estimated(rows) else 0,
                         note="TrueSkill = mu - 3 sigma" + ("" if _estimated(rows) else " (the order)"))],
    Column("mu", lambda s: f"{s.mu:.1f}", priority=6),
    Column("sigma", lambda s: f"{s.sigma:.2f}", priority=6),
    Column("W-L-D", lambda s: f"{s.wins}-{s.losses}-{s.draws}", priority=0, shown=lambda rows: not _four(rows)),
    # Four sides (British Parliamentary) instead of W-L-D:
    Column("pts", lambda s: f"{s.team_points or 0:g}", priority=0, shown=_four,
           note="pts = team points (3-2-1-0 a room, 1.5 a bye)"),
    Column("places", lambda s: "-".join(map(str, s.places or [0] * 4)), priority=1, shown=_four,
           note="places = 1sts-2nds-3rds-4ths"),
    Column("pos", lambda s: "-".join(str(s.positions.get(x, 0)) for x in BP_SIDES), priority=1, shown=_four,
           note="pos = rooms as OG-OO-CG-CO"),
    Column("outage", lambda s: str(s.outages) if s.outages else "", priority=1,
           shown=lambda rows: any(s.outages for s in rows),
           note="outage = debates its model could not give (server unreachable, no key): not debated"),
    Column("bye", lambda s: str(s.byes), priority=7),
    Column("Bhz", lambda s: f"{s.buchholz:g}", priority=8, note="Bhz = opponents' wins",
           shown=lambda rows: not _four(rows)),
    Column("Bhz", lambda s: f"{s.buchholz:g}", priority=8, note="Bhz = opponents' team points", shown=_four),
    Column("points", lambda s: f"{s.points:.0f}", priority=3, note="points = rubric points"),
    _dimension_columns,
]


def standings_columns(rows: Sequence[Standing]) -> list[Column]:
    """The columns that apply to these rows, in display order."""
    out: list[Column] = []
    for spec in STANDINGS_COLUMNS:
        cols = [spec] if isinstance(spec, Column) else spec(rows)
        out += [c for c in cols if c.shown(rows)]
    return out


def _table(rows: Sequence[Standing], columns: list[Column], title: str, hidden: Sequence[Column] = ()
           ) -> Table:
    caption = "; ".join(c.note for c in columns if c.note)
    if hidden:
        caption += (f"\nnot shown for width: {', '.join(c.header for c in hidden)} "
                    "(--wide shows all)")
    t = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for c in columns:
        t.add_column(c.header, justify=c.justify, no_wrap=True, overflow="ellipsis",
                     max_width=c.max_width)
    for s in rows:
        t.add_row(*[c.cell(s) for c in columns])
    return t


def standings_table(standings: Sequence[Standing], title: str = "Standings", *,
                    width: int | None = None) -> Table:
    """The standings; with `width`, the columns that fit in it, dropped in priority order
    (rank, name, the rating it is sorted by and W-L-D always stay, whole)."""
    columns = standings_columns(standings)
    hidden: list[Column] = []
    if width is not None:
        while natural_width(_table(standings, columns, title)) > width:
            droppable = [c for c in columns if c.priority > 0]
            if not droppable:
                break
            worst = max(droppable, key=lambda c: (c.priority, columns.index(c)))
            columns = [c for c in columns if c is not worst]
            hidden.insert(0, worst)
    return _table(standings, columns, title, hidden)


def natural_width(renderable: Any) -> int:
    """The width a table takes when nothing constrains it (its caption and title wrap)."""
    measure = Console(width=10_000)
    return Measurement.get(measure, measure.options, renderable).maximum


def category_table(standings: list[Standing]) -> Table | None:
    """Wins / debates and mean rubric score per motion category; the field's mean last."""
    from ..domain.profiles import field_profile

    cats = sorted({c for s in standings for c in s.categories})
    if not cats:
        return None
    rooms = any(s.places for s in standings)  # four sides: a room's win is the share of it beaten
    t = Table(title=f"By motion category: wins/{'rooms' if rooms else 'debates'} (mean score)",
              title_justify="left", caption_justify="left",
              caption="a win: the share of the room beaten" if rooms else None)
    t.add_column("name", no_wrap=True)
    for c in cats:
        t.add_column(c, justify="right", no_wrap=True)

    def cell(rec_dims: dict[str, float], head: str) -> str:
        mean = sum(rec_dims.values()) / len(rec_dims) if rec_dims else None
        return head + (f" ({mean:.1f})" if mean is not None else "")

    for s in standings:
        t.add_row(Text(s.name), *[cell(s.categories[c].dimensions, f"{round(s.categories[c].wins, 2):g}/"
                                       f"{s.categories[c].debates}") if c in s.categories else ""
                                  for c in cats])
    fp = field_profile({s.name: s.categories for s in standings})
    t.add_row(Text("field", style="bold"), *[cell(fp.get(c, {}), "") for c in cats])
    return t


class ConsoleDisplay:
    """Renders events as progress bars (on a terminal: the round's and the whole tournament's,
    with its ETA and the money spent) or as one plain line per finished debate (a file, a pipe,
    CI). Messages are never hard-wrapped off a terminal."""

    def __init__(self, console: Console | None = None, *, stats: Callable[[], Any] | None = None,
                 quiet: bool = False, verbose: bool = False) -> None:
        self.console = console or Console(stderr=True)
        self.stats = stats
        self.quiet, self.verbose = quiet, verbose
        self.progress: Any = None
        self.task = None
        self.overall = None
        self.total = 0  # debates in this round
        self.done = 0
        self.planned = 0  # debates in the whole tournament
        self.settled = 0
        self.per_round = 0
        self.rounds = 0
        self.first_round = 1
        self.tournament = 1  # its number in the league
        self.unit = "debates"  # four sides: "rooms"

    def say(self, text: str | Text) -> None:
        """One message: wrapped to a terminal's width, never in a file or pipe."""
        target = self.progress.console if self.progress is not None else self.console
        target.print(text, soft_wrap=not target.is_terminal, highlight=False)

    def _spent(self) -> str:
        if self.stats is None:
            return ""
        s = self.stats()
        return f"${s.cost_usd:.4f}"

    def _stats_text(self) -> str:
        if self.stats is None:
            return ""
        s = self.stats()
        return f"{s.calls} calls ({s.cached} cached), {s.prompt_tokens + s.completion_tokens:,} tokens, ${s.cost_usd:.4f}"

    def __call__(self, ev: Event) -> None:
        if self.quiet:
            return
        if isinstance(ev, TournamentStarted):
            self._started(ev)
        elif isinstance(ev, RoundPaired):
            self.total, self.done = len(ev.draw.pairings), 0
            # rounds before this one are complete: a resumed run counts them as done
            self.settled = max(self.settled, (ev.round - self.first_round) * self.per_round)
            line = (f"round {self._round(ev.round)}: {self.total} {self.unit} on {ev.motion_id}"
                    + (f", bye: {', '.join(ev.draw.byes)}" if ev.draw.byes else ""))
            if self.progress is not None:
                if self.task is not None:
                    self.progress.remove_task(self.task)
                self.task = self.progress.add_task(f"round {self._round(ev.round)}", total=self.total,
                                                   stats="")
                self.progress.update(self.overall, completed=self.settled)
            self.say(line)
        elif isinstance(ev, DebateDecided):
            self.done += 1
            self.settled += 1
            if self.progress is not None and self.task is not None:
                self.progress.update(self.task, completed=self.done, stats=self._stats_text())
                self.progress.update(self.overall, completed=self.settled, stats=f"spent {self._spent()}")
            elif self.progress is None:
                self.say(f"[{self.settled}/{self.planned}] {ev.result.debate_id}: {_outcome(ev.result)}"
                         + (f"; {self._spent()} spent" if self.stats else ""))
        elif isinstance(ev, RunNote) and ev.level != "info":
            self.say(Text(f"{ev.level}: {ev.message}", style="yellow"))
            if self.verbose and ev.detail:
                self.say(Text(f"  provider said: {ev.detail}", style="dim"))
        elif isinstance(ev, RoundCompleted):
            if self.progress is None:
                self.say(f"round {ev.round} done: {self._stats_text()}")
        elif isinstance(ev, TournamentFinished):
            self.close()

    def _started(self, ev: TournamentStarted) -> None:
        cfg = ev.config
        self.rounds, self.first_round, self.tournament = cfg.rounds, ev.first_round, ev.number
        four = ev.format is not None and ev.format.four_sides
        self.unit = "rooms" if four else "debates"
        self.per_round = len(cfg.debaters) // (4 if four else 2) * (2 if cfg.mirror else 1)
        self.planned, self.settled = self.rounds * self.per_round, 0
        what = "resuming" if ev.resumed else "starting"
        which = f" tournament {ev.number} (from round {ev.first_round})" if ev.number > 1 else ""
        self.say(Text.from_markup(f"[bold]{what} {ev.league}{which}[/]: {len(cfg.debaters)} "
                                  f"debaters, {self.rounds} rounds ({self.planned} {self.unit}), "
                                  f"format {cfg.format}"))
        if self.console.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self.progress = Progress(TextColumn("{task.description:>12}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                     TextColumn("{task.fields[stats]}"), console=self.console,
                                     transient=True)
            self.overall = self.progress.add_task("tournament", total=self.planned, stats="")
            self.progress.start()

    def _round(self, n: int) -> str:
        """'3/5', or in a later tournament of the league '8 (3/5 of tournament 2)'."""
        within = f"{n - self.first_round + 1}/{self.rounds}"
        return within if self.tournament == 1 else f"{n} ({within} of tournament {self.tournament})"

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _outcome(r: Any) -> str:
    """A finished debate in a few words: who beat whom, or who forfeited and what it counts."""
    if r.seats:
        return room_outcome(r)
    if r.result == "decided":
        return f"{r.winner} beat {r.con if r.winner == r.pro else r.pro}"
    if r.result == "draw":
        return f"{r.pro} and {r.con} drew"
    who = " and ".join(r.forfeited_by) or (r.con if r.winner == r.pro else r.pro)
    if r.forfeit_cause == "outage":
        return f"not debated: {who} could not be reached (outage)" + (f"; {r.winner} wins" if r.winner else "")
    return f"{who} forfeits" + (f" to {r.winner}" if r.winner else "")


class EventLog:
    """`debate run --events jsonl`: every event as it is stored, one JSON line each, flushed per
    line so a pipe sees it at once. Streamed text (TurnDelta) is not stored, nor written."""

    def __init__(self, out: Any) -> None:
        self.out = out

    def __call__(self, ev: Event) -> None:
        if not isinstance(ev, TurnDelta):
            self.out.write(ev.model_dump_json() + "\n")
            self.out.flush()

    def after(self, display: Callable[[Event], None]) -> Callable[[Event], None]:
        """One callback: the display, then the log."""
        def both(ev: Event) -> None:
            display(ev)
            self(ev)
        return both

    def close(self) -> None:
        if self.out is not sys.stdout:
            self.out.close()


def print_standings(standings: list[Standing], title: str, console: Console | None = None, *,
                    wide: bool = False, summary: RatingSummary | None = None) -> None:
    """The standings, the category table, how far to trust them and the notes. On a terminal the
    standings fit its
    width (columns dropped in priority order) unless `wide`; in a file or a pipe every column is
    printed and nothing is wrapped."""
    if console is None:
        console = Console()
    fit = console.width if console.is_terminal and not wide else None
    table = standings_table(standings, title, width=fit)
    if fit is None:  # as wide as the table needs: a file is read with a pager or an editor
        console = Console(file=console.file, width=max(console.width, natural_width(table)),
                          force_terminal=console.is_terminal, no_color=console.no_color)
    console.print(table)
    from ..domain.profiles import weak_spots

    cats = category_table(standings)
    if cats is not None:
        console.print(cats)
    for line in summary.lines() if summary is not None else []:
        console.print(Text(line), soft_wrap=not console.is_terminal)
    for note in weak_spots({s.name: s.categories for s in standings}):
        console.print(Text(note, style="yellow"), soft_wrap=not console.is_terminal)
