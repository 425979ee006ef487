"""The viewer app and its factory (the CLI and the tests build it the same way)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Footer, Static, TabbedContent, TabPane

from .screens import DebateScreen, HelpScreen, JudgeQueueScreen, JudgeScreen
from .sources import EngineSource, FollowSource, Source
from .text import plain
from .viewstate import BRACKET, HEADER, JUDGES, NOTES, RATINGS, STANDINGS, ViewState
from .widgets import (BracketTable, FilterBar, JudgesPanel, NotesLog, RatingsPane, StandingsPane, StandingsTable,
                      StatusBar)

FLUSH_S = 0.1  # fold queued events and repaint at most ~10 times a second
MAX_EVENTS_PER_FLUSH = 20_000  # a huge database loads over several ticks; keys stay responsive
# tab id, label, the dirty flag it repaints on, the widget that shows it
TABS = [("standings", "Standings", STANDINGS, StandingsPane), ("bracket", "Bracket", BRACKET, BracketTable),
        ("ratings", "Ratings", RATINGS, RatingsPane), ("judges", "Judges & motions", JUDGES, JudgesPanel),
        ("notes", "Notes", NOTES, NotesLog)]
_WIDGET = {key: widget for key, _, _, widget in TABS}


class DebateApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "debate"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "filter", "Filter"),
        Binding("j", "judge", "Judge", show=False),
        *[Binding(str(i + 1), f"tab('{key}')", label, show=False) for i, (key, label, _, _) in enumerate(TABS)],
    ]

    def __init__(self, source: Source | None, judge: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.judge = judge  # a person judging blind (`--judge NAME`): the viewer opens on their queue
        self.vs = ViewState(db=source.db if source else None)
        self.filter_text = ""
        self.dirty: set[str] = {STANDINGS, BRACKET, RATINGS, JUDGES, NOTES, HEADER}
        self._bar: tuple | None = None  # the (mode, error, filter) the status bar last showed

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with TabbedContent(id="tabs"):
            with TabPane("1 Standings", id="standings"):
                yield StandingsPane(id="standings-pane")
            with TabPane("2 Bracket", id="bracket"):
                yield Static(id="motion-line")
                yield BracketTable(id="bracket-table")
            with TabPane("3 Ratings", id="ratings"):
                yield RatingsPane(id="ratings-pane")
            with TabPane("4 Judges & motions", id="judges"):
                yield JudgesPanel(id="judges-panel")
            with TabPane("5 Notes", id="notes"):
                yield NotesLog(id="notes-log")
        yield FilterBar(id="filter")
        yield Footer()

    def on_mount(self) -> None:
        self.main = self.screen  # the tabs' screen; debates and help are pushed over it
        self.main.query_one(FilterBar).display = False
        if self.source is not None:
            self.source.start()
        self.flush()
        self.set_interval(FLUSH_S, self.flush)
        if self.judge:
            self.action_judge()

    def on_unmount(self) -> None:
        if self.source is not None:
            self.source.stop()

    # --- the event pump -----------------------------------------------------------------------
    def flush(self) -> None:
        batch = []
        queue = self.source.queue if self.source else None
        while queue and len(batch) < MAX_EVENTS_PER_FLUSH:
            batch.append(queue.popleft())
        if batch:
            self.dirty |= self.vs.fold(batch)
        self.repaint()

    def repaint(self, force: bool = False) -> None:
        try:
            self._repaint(force)
        except NoMatches:  # the app is closing and its widgets are already gone
            pass

    def _repaint(self, force: bool) -> None:
        src = self.source
        error = src.error if src else None
        mode = src.mode if src is not None and not (src.done and not error) else ""
        # The bar shows the state (its events mark HEADER) and these three: rebuild it only
        # when one of them changed, not every tick.
        bar = (mode, error, self.filter_text)
        if HEADER in self.dirty or bar != self._bar:
            self.main.query_one(StatusBar).show(self.vs, mode=mode, error=error, filter_text=self.filter_text)
            self._bar = bar
            self.dirty.discard(HEADER)
        active = self.main.query_one(TabbedContent).active
        for key, _, view, _ in TABS:
            if key == active and (view in self.dirty or force):
                self._view(key).show(self.vs, self.filter_text)
                self.dirty.discard(view)
        if isinstance(self.screen, DebateScreen):
            if self.screen.debate_id in self.vs.touched_debates or force:
                self.screen.refresh_view()
        elif isinstance(self.screen, JudgeScreen):
            if self.screen.cast_done and self.screen.debate_id in self.vs.touched_debates:
                self.screen.refresh_view()  # blind until cast: nothing new is shown before
        elif isinstance(self.screen, JudgeQueueScreen) and (self.vs.touched_debates or force):
            self.screen.refresh_view()
        self.vs.touched_debates.clear()

    def _view(self, tab: str) -> Any:
        return self.main.query_one(_WIDGET[tab])

    # --- navigation ---------------------------------------------------------------------------
    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.repaint()
        self._focus_tab()

    def _focus_tab(self) -> None:
        active = self.main.query_one(TabbedContent).active
        target = {"ratings": "#ratings-names", "standings": "#standings-table"}.get(active)
        widget = self.main.query_one(target) if target else self._view(active)
        widget.focus()

    def action_tab(self, key: str) -> None:
        if isinstance(self.screen, DebateScreen):
            self.screen.dismiss()
        self.main.query_one(TabbedContent).active = key

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "filter" and isinstance(self.screen, DebateScreen):
            return None  # shown disabled: a debate has nothing to filter
        if action in ("tab", "filter", "judge") and isinstance(self.screen, (JudgeScreen, JudgeQueueScreen)):
            return False  # judging: the tabs (which name the models) stay behind escape
        return True

    # --- people judging -----------------------------------------------------------------------
    def action_judge(self) -> None:
        """The judging queue of the person named by `--judge`."""
        if not self.judge:
            self.notify("start the viewer with --judge NAME to judge debates blind", severity="warning")
            return
        if isinstance(self.screen, DebateScreen):
            self.screen.dismiss()
        if not isinstance(self.screen, (JudgeQueueScreen, JudgeScreen)):
            self.push_screen(JudgeQueueScreen(self.vs, self.judge))

    def store_human_ballot(self, event: Any) -> str | None:
        """Append a person's ballot to the database; None, or what went wrong."""
        if self.vs.db is None:
            return "no results database to store the ballot in"
        from debate.record.human_ballots import cast

        try:
            cast(self.vs.db, event)
        except Exception as exc:  # noqa: BLE001 - shown on the form, never a traceback
            return f"not stored: {exc}"
        # Shown at once; the follower folds the stored copy again (the same ballot replaces it).
        self.dirty |= self.vs.fold([(0, event)])
        return None

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_filter(self) -> None:
        if isinstance(self.screen, DebateScreen):
            return
        bar = self.main.query_one(FilterBar)
        bar.display = True
        bar.focus()

    @on(FilterBar.Filtered)
    def _filter_changed(self, event: FilterBar.Filtered) -> None:
        self.filter_text = event.value.strip()
        self.dirty |= {STANDINGS, BRACKET, RATINGS, JUDGES}
        self.repaint()
        if event.done:
            self.main.query_one(FilterBar).display = bool(self.filter_text)
            self._focus_tab()

    @on(StandingsTable.DebaterChosen)
    def _debater_chosen(self, event: StandingsTable.DebaterChosen) -> None:
        bar = self.main.query_one(FilterBar)
        bar.value = event.name  # posts FilterBar.Filtered, which repaints
        bar.display = True
        self.filter_text = event.name
        self.action_tab("bracket")

    @on(BracketTable.DebateChosen)
    def _debate_chosen(self, event: BracketTable.DebateChosen) -> None:
        self.open_debate(event.debate_id)

    @on(BracketTable.RoundShown)
    def _round_shown(self, event: BracketTable.RoundShown) -> None:
        state = self.vs.state
        r = state.rounds.get(event.round_no)
        tournament = state.tournament_of(event.round_no) if len(state.tournaments) > 1 else None
        where = f" (tournament {tournament.number})" if tournament is not None else ""
        line = plain(f"Round {event.round_no}{where}: ", "bold")
        if r is not None:
            line.append_text(plain(r.motion_text or r.motion_id, "italic"))
            line.append_text(plain(f"   ({r.motion_id})", "dim"))
            if r.draw.byes:
                line.append_text(plain(f"   bye: {', '.join(r.draw.byes)}", "cyan"))
        self.main.query_one("#motion-line", Static).update(line)

    def open_debate(self, debate_id: str, replace: bool = False) -> None:
        if debate_id not in self.vs.state.debates:
            return
        self.vs.watch(debate_id)
        order = self.main.query_one(BracketTable).debate_ids()
        screen = DebateScreen(self.vs, debate_id, order)
        if replace and isinstance(self.screen, DebateScreen):
            self.pop_screen()
        self.push_screen(screen, callback=lambda _: self._debate_closed())

    def _debate_closed(self) -> None:
        self.vs.watch(None)
        self.repaint(force=True)


def make_app(*, league: Any = None, db: str | Path | None = None, judge: str | None = None) -> DebateApp:
    """Build the viewer: run `league` live (storing into `db`), or read `db` (following it);
    with `judge`, open on that person's blind judging queue."""
    source: Source | None = None
    if league is not None:
        if db is None:
            raise ValueError("make_app: a live league needs a database path (db=...)")
        source = EngineSource(league, Path(db))
    elif db is not None:
        source = FollowSource(Path(db))
    return DebateApp(source, judge=judge)
