"""The console display: progress while a league runs, standings at the end (rich)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..domain.models import BP_SIDES, Standing
from ..record.events import (DebateDecided, Event, RoundCompleted, RoundPaired, RunNote, TournamentFinished,
                             TournamentStarted)


def standings_table(standings: list[Standing], title: str = "Standings") -> Table:
    dims = sorted({d for s in standings for d in s.dimensions})
    four = any(s.team_points is not None for s in standings)
    caption = ("rating = mu - 3 sigma (TrueSkill); pts = team points (3-2-1-0 a room, 1.5 a bye); "
               "places = 1sts-2nds-3rds-4ths; pos = rooms as OG-OO-CG-CO; Bhz = opponents' "
               "team points; points = rubric points" if four else
               "rating = mu - 3 sigma (TrueSkill); Bhz = opponents' wins; points = rubric points")
    t = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    t.add_column("#", justify="right")
    t.add_column("name", no_wrap=True, min_width=6)
    t.add_column("model", no_wrap=True, overflow="ellipsis", max_width=24)
    record = ("pts", "places", "pos") if four else ("W-L-D",)
    for col in ("rating", "mu", "sigma", *record, "bye", "Bhz", "points"):
        t.add_column(col, justify="right", no_wrap=True)
    with_bt = any(s.bt is not None for s in standings)
    if with_bt:
        t.add_column("BT [95% CI]", justify="right", no_wrap=True)
    for d in dims:
        t.add_column(d[:5], justify="right", no_wrap=True)
    for s in standings:
        t.add_row(str(s.rank), Text(s.name), Text(s.model), f"{s.conservative:.1f}", f"{s.mu:.1f}",
                  f"{s.sigma:.2f}", *(record_cells(s) if four else [f"{s.wins}-{s.losses}-{s.draws}"]),
                  str(s.byes), f"{s.buchholz:g}", f"{s.points:.0f}", *([_bt_cell(s)] if with_bt else []),
                  *[f"{s.dimensions.get(d, 0):.1f}" for d in dims])
    return t


def record_cells(s: Standing) -> list[str]:
    """A four-side row's record: team points, places (1sts-2nds-3rds-4ths), rooms per position."""
    return [f"{s.team_points or 0:g}", "-".join(map(str, s.places or [0, 0, 0, 0])),
            "-".join(str(s.positions.get(x, 0)) for x in BP_SIDES)]


def _bt_cell(s: Standing) -> str:
    if s.bt is None:
        return ""
    return f"{s.bt:.0f}" + (f" [{s.bt_lo:.0f}, {s.bt_hi:.0f}]" if s.bt_lo is not None else "")


def category_table(standings: list[Standing]) -> Table | None:
    """Wins / debates and mean rubric score per motion category; the field's mean last."""
    from ..domain.profiles import field_profile

    cats = sorted({c for s in standings for c in s.categories})
    if not cats:
        return None
    t = Table(title="By motion category: wins/debates (mean rubric score)", title_justify="left")
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
    """Renders events as a progress bar (on a terminal) or plain lines (in CI and logs)."""

    def __init__(self, console: Console | None = None, *, stats: Callable[[], Any] | None = None,
                 quiet: bool = False) -> None:
        self.console = console or Console(stderr=True)
        self.stats = stats
        self.quiet = quiet
        self.progress: Progress | None = None
        self.task = None
        self.total = 0
        self.done = 0
        self.rounds = 0
        self.first_round = 1
        self.tournament = 1  # its number in the league

    def _stats_text(self) -> str:
        if self.stats is None:
            return ""
        s = self.stats()
        return f"{s.calls} calls ({s.cached} cached), {s.prompt_tokens + s.completion_tokens:,} tokens, ${s.cost_usd:.4f}"

    def __call__(self, ev: Event) -> None:
        if self.quiet:
            return
        if isinstance(ev, TournamentStarted):
            self.rounds, self.first_round, self.tournament = ev.config.rounds, ev.first_round, ev.number
            what = "resuming" if ev.resumed else "starting"
            which = f" tournament {ev.number} (from round {ev.first_round})" if ev.number > 1 else ""
            self.console.print(f"[bold]{what} {ev.league}{which}[/]: {len(ev.config.debaters)} "
                               f"debaters, {self.rounds} rounds, format {ev.config.format}")
            if self.console.is_terminal:
                self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                         TimeElapsedColumn(), TextColumn("{task.fields[stats]}"),
                                         console=self.console, transient=True)
                self.progress.start()
        elif isinstance(ev, RoundPaired):
            self.total, self.done = len(ev.draw.pairings), 0
            line = (f"round {self._round(ev.round)}: {self.total} debates on {ev.motion_id}"
                    + (f", bye: {', '.join(ev.draw.byes)}" if ev.draw.byes else ""))
            if self.progress is not None:
                if self.task is not None:
                    self.progress.remove_task(self.task)
                self.task = self.progress.add_task(f"round {self._round(ev.round)}", total=self.total, stats="")
                self.progress.console.print(line)
            else:
                self.console.print(line)
        elif isinstance(ev, DebateDecided):
            self.done += 1
            if self.progress is not None and self.task is not None:
                self.progress.update(self.task, completed=self.done, stats=self._stats_text())
        elif isinstance(ev, RunNote) and ev.level != "info":
            self.console.print(Text(f"{ev.level}: {ev.message}", style="yellow"))
        elif isinstance(ev, RoundCompleted):
            if self.progress is None:
                self.console.print(f"round {ev.round} done: {self._stats_text()}")
        elif isinstance(ev, TournamentFinished):
            self.close()

    def _round(self, n: int) -> str:
        """'3/5', or in a later tournament of the league '8 (3/5 of tournament 2)'."""
        within = f"{n - self.first_round + 1}/{self.rounds}"
        return within if self.tournament == 1 else f"{n} ({within} of tournament {self.tournament})"

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def print_standings(standings: list[Standing], title: str, console: Console | None = None) -> None:
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 160))
    console.print(standings_table(standings, title))
    from ..domain.bradley_terry import standings_disagreements
    from ..domain.profiles import weak_spots

    cats = category_table(standings)
    if cats is not None:
        console.print(cats)
    notes = standings_disagreements(standings)
    notes += weak_spots({s.name: s.categories for s in standings})
    for note in notes:
        console.print(Text(note, style="yellow"))

