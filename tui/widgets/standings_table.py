"""Standings from the events (never computed here): sortable, filtered, live."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from debate.domain.models import BP_SIDES, Standing

from ..text import plain
from ..viewstate import ViewState
from .keyed_table import KeyedTable

# column key -> (label, sort key, largest first)
_COLUMNS: dict[str, tuple[str, object, bool]] = {
    "rank": ("#", lambda s: s.rank, False),
    "name": ("name", lambda s: s.name.lower(), False),
    "model": ("model", lambda s: s.model, False),
    "rating": ("rating", lambda s: s.conservative, True),
    "mu": ("mu", lambda s: s.mu, True),
    "sigma": ("sigma", lambda s: s.sigma, False),
    "wld": ("W-L-D", lambda s: (s.wins, -s.losses), True),
    "byes": ("bye", lambda s: s.byes, True),
    "buchholz": ("Bhz", lambda s: s.buchholz, True),
    "points": ("points", lambda s: s.points, True),
}
SORTABLE = ["rank", "rating", "mu", "sigma", "wld", "buchholz", "points", "name"]
# Four sides: team points, places (how many 1sts-2nds-3rds-4ths) and rooms per position (as
# og-oo-cg-co) stand where W-L-D stands.
_RECORD_BP: dict[str, tuple[str, object, bool]] = {
    "pts": ("pts", lambda s: s.team_points or 0.0, True),
    "places": ("1-2-3-4", lambda s: tuple(s.places or ()), True),
    "pos": ("pos", lambda s: tuple(s.positions.get(x, 0) for x in BP_SIDES), True),
}
_COLUMNS_BP = {k: v for key, col in _COLUMNS.items()
               for k, v in (_RECORD_BP.items() if key == "wld" else [(key, col)])}
SORTABLE_BP = ["rank", "rating", "mu", "sigma", "pts", "buchholz", "points", "name"]


class StandingsTable(KeyedTable):
    BINDINGS = [Binding("enter", "select_cursor", "Their debates"), Binding("s", "cycle_sort", "Sort"),
                Binding("r", "reverse_sort", "Reverse")]

    class DebaterChosen(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self.sort_key = "rank"
        self.reverse = False
        self._dims: list[str] = []
        self._layout: tuple | None = None
        self._last: tuple | None = None
        self._vs: ViewState | None = None
        self._filter = ""
        self._four = False

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        self._vs, self._filter = vs, filter_text
        standings = list(vs.state.standings)
        dims = sorted({d for s in standings for d in s.dimensions})
        self._four = vs.four_sides
        layout = (tuple(dims), self.sort_key, self.reverse, self._four)
        if layout != self._layout:  # new dimensions, or the sort mark moved: rebuild the header
            self._layout, self._dims = layout, dims
            self.clear(columns=True)
            for key, (label, _, _) in self._columns.items():
                self.add_column(self._label(key, label), key=key)
            for d in dims:
                self.add_column(self._label(f"dim:{d}", d[:6]), key=f"dim:{d}")
            self._last = None
        if not standings:  # before the first round completes: the entrants, no figures
            standings = [Standing(rank=0, name=n, mu=0, sigma=0, conservative=0) for n in vs.debaters]
        _, key, big_first = self._columns.get(self.sort_key, _COLUMNS["rank"])
        if self.sort_key.startswith("dim:"):
            dim = self.sort_key[4:]
            key, big_first = (lambda s: s.dimensions.get(dim, 0.0)), True
        standings.sort(key=key, reverse=big_first != self.reverse)  # type: ignore[arg-type]
        needle = filter_text.lower()
        rows = [s for s in standings if not needle or needle in s.name.lower() or needle in s.model.lower()]
        snapshot = tuple(rows)  # pydantic equality compares every field
        if snapshot == self._last:
            return
        self._last = snapshot
        self.refill((s.name, self._cells(s)) for s in rows)

    @property
    def _columns(self) -> dict[str, tuple[str, object, bool]]:
        return _COLUMNS_BP if self._four else _COLUMNS

    def _cells(self, s: Standing) -> list[Text]:
        if not s.rank:
            return [Text("–"), plain(s.name), Text("")] + [Text("–", justify="right")] * (len(self._columns) - 3) + \
                [Text("") for _ in self._dims]

        def num(v: str) -> Text:
            return Text(v, justify="right")

        record = ([num(f"{s.team_points or 0:g}"), num("-".join(map(str, s.places or [0] * 4))),
                   num("-".join(str(s.positions.get(x, 0)) for x in BP_SIDES))] if self._four
                  else [num(f"{s.wins}-{s.losses}-{s.draws}")])
        return [num(str(s.rank)), plain(s.name, "bold"), plain(s.model, "dim"),
                num(f"{s.conservative:.1f}"), num(f"{s.mu:.1f}"), num(f"{s.sigma:.2f}"),
                *record, num(str(s.byes)), num(f"{s.buchholz:g}"),
                num(f"{s.points:.0f}"), *[num(f"{s.dimensions.get(d, 0):.1f}") for d in self._dims]]

    def _label(self, key: str, base: str) -> Text:
        if key != self.sort_key:
            return Text(base)
        return Text(base + (" ▲" if self.reverse else " ▼"), style="bold")

    def _resort(self) -> None:
        self._last = None
        if self._vs is not None:
            self.show(self._vs, self._filter)

    def action_cycle_sort(self) -> None:
        keys = (SORTABLE_BP if self._four else SORTABLE) + [f"dim:{d}" for d in self._dims]
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)] if self.sort_key in keys else "rank"
        self.reverse = False
        self._resort()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self._resort()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or "rank"
        if key == "model":
            return
        self.reverse = (not self.reverse) if key == self.sort_key else False
        self.sort_key = key
        self._resort()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.DebaterChosen(event.row_key.value))
