"""The ratings tab: a list of debaters beside the chart; the highlighted one gets its band."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..text import plain
from ..viewstate import ViewState
from .ratings_plot import RatingsPlot


class RatingsPane(Horizontal):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._names: list[str] = []
        self._vs: ViewState | None = None
        self._drawn: tuple | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(id="ratings-names")
        yield RatingsPlot(id="ratings-plot")

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        self._vs = vs
        latest = vs.state.latest_ratings()
        names = sorted(latest, key=lambda n: -latest[n].mu) if latest else list(vs.debaters)
        needle = filter_text.lower()
        names = [n for n in names if needle in n.lower()]
        options = self.query_one(OptionList)
        if names != self._names:
            focus = self._focus()
            self._names = names
            options.clear_options()
            options.add_options([Option(plain(n), id=n) for n in names])
            if focus in names:
                options.highlighted = names.index(focus)
            elif names:
                options.highlighted = 0
        self._draw()

    def _focus(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self._names:
            return None
        return self._names[min(options.highlighted, len(self._names) - 1)]

    def _draw(self) -> None:
        if self._vs is None:
            return
        ratings = self._vs.state.ratings
        key = (len(ratings), max(ratings, default=0), tuple(self._names), self._focus())
        if key == self._drawn:
            return
        self._drawn = key
        self.query_one(RatingsPlot).draw(ratings, self._names, self._focus())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._draw()
