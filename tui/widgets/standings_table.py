"""Standings from the events (never computed here): sortable, filtered, live."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from debate.domain.models import BP_SIDES, Standing, interval_text

from ..text import plain
from ..viewstate import ViewState
from .keyed_table import KeyedTable

# column key -> (label, sort key, largest first); the rating columns show when the engine
# stored them (a database from before them has none)
_COLUMNS: dict[str, tuple[str, object, bool]] = {
    "rank": ("#", lambda s: s.rank, False),
    "name": ("name", lambda s: s.name.lower(), False),
    "model": ("model", lambda s: s.model, False),
    "margin": ("margin", lambda s: _or_low(s.margin), True),
    "bt": ("BT [95% CI]", lambda s: _or_low(s.bt), True),
    "ranks": ("rank", lambda s: s.rank, False),  # the 95% rank range: sorted as the table
    "p_best": ("P(best)", lambda s: _or_low(s.p_best), True),
    "lc": ("LC [95% CI]", lambda s: _or_low(s.lc), True),
    "rating": ("TrueSkill", lambda s: s.conservative, True),
    "mu": ("mu", lambda s: s.mu, True),
    "sigma": ("sigma", lambda s: s.sigma, False),
    "wld": ("W-L-D", lambda s: (s.wins, -s.losses), True),
    # four sides (British Parliamentary) instead of W-L-D: team points, places (how many
    # 1sts-2nds-3rds-4ths) and rooms per position (og-oo-cg-co)
    "pts": ("pts", lambda s: s.team_points or 0.0, True),
    "places": ("1-2-3-4", lambda s: tuple(s.places or ()), True),
    "pos": ("pos", lambda s: tuple(s.positions.get(x, 0) for x in BP_SIDES), True),
    "byes": ("bye", lambda s: s.byes, True),
    "buchholz": ("Bhz", lambda s: s.buchholz, True),
    "points": ("points", lambda s: s.points, True),
}
_OPTIONAL = {"margin": lambda s: s.margin, "bt": lambda s: s.bt, "ranks": lambda s: s.rank_lo,
             "p_best": lambda s: s.p_best, "lc": lambda s: s.lc}
SORTABLE = ["rank", "margin", "bt", "p_best", "lc", "rating", "mu", "sigma", "wld", "pts", "buchholz", "points",
            "name"]
_FOUR_SIDES = ("pts", "places", "pos")


def _or_low(v: float | None) -> float:
    return float("-inf") if v is None else v


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
        self._keys: list[str] = list(_COLUMNS)
        self._layout: tuple | None = None
        self._last: tuple | None = None
        self._vs: ViewState | None = None
        self._filter = ""

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        self._vs, self._filter = vs, filter_text
        standings = list(vs.state.standings)
        dims = sorted({d for s in standings for d in s.dimensions})
        four = vs.four_sides

        def shown(k: str) -> bool:
            if k == "wld" or k in _FOUR_SIDES:  # a league's record: W-L-D, or four sides' own
                return (k in _FOUR_SIDES) == four
            return k not in _OPTIONAL or any(_OPTIONAL[k](s) is not None for s in standings)

        keys = [k for k in _COLUMNS if shown(k)]
        layout = (tuple(keys), tuple(dims), self.sort_key, self.reverse)
        if layout != self._layout:  # new columns, or the sort mark moved: rebuild the header
            self._layout, self._dims, self._keys = layout, dims, keys
            self.clear(columns=True)
            for key in keys:
                self.add_column(self._label(key, _COLUMNS[key][0]), key=key)
            for d in dims:
                self.add_column(self._label(f"dim:{d}", d[:6]), key=f"dim:{d}")
            self._last = None
        if not standings:  # before the first round completes: the entrants, no figures
            standings = [Standing(rank=0, name=n, mu=0, sigma=0, conservative=0) for n in vs.debaters]
        _, key, big_first = _COLUMNS.get(self.sort_key, _COLUMNS["rank"])
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

    def _cells(self, s: Standing) -> list[Text]:
        if not s.rank:
            return [Text("–"), plain(s.name), Text("")] + [Text("–", justify="right")] * (len(self._keys) - 3) + \
                [Text("") for _ in self._dims]

        def num(v: str) -> Text:
            return Text(v, justify="right")

        cell = {"rank": num(str(s.rank)), "name": plain(s.name, "bold"), "model": plain(s.model, "dim"),
                "margin": num("" if s.margin is None else f"{round(s.margin, 1) + 0.0:+.1f}"),
                "bt": num(interval_text(s.bt, s.bt_lo, s.bt_hi)), "ranks": num(s.rank_range),
                "p_best": num("" if s.p_best is None else f"{s.p_best:.2f}"),
                "lc": num(interval_text(s.lc, s.lc_lo, s.lc_hi)),
                "rating": num(f"{s.conservative:.1f}"), "mu": num(f"{s.mu:.1f}"), "sigma": num(f"{s.sigma:.2f}"),
                "wld": num(f"{s.wins}-{s.losses}-{s.draws}"), "byes": num(str(s.byes)),
                "pts": num(f"{s.team_points or 0:g}"), "places": num("-".join(map(str, s.places or [0] * 4))),
                "pos": num("-".join(str(s.positions.get(x, 0)) for x in BP_SIDES)),
                "buchholz": num(f"{s.buchholz:g}"), "points": num(f"{s.points:.0f}")}
        return [cell[k] for k in self._keys] + [num(f"{s.dimensions.get(d, 0):.1f}") for d in self._dims]

    def _label(self, key: str, base: str) -> Text:
        if key != self.sort_key:
            return Text(base)
        return Text(base + (" ▲" if self.reverse else " ▼"), style="bold")

    def _resort(self) -> None:
        self._last = None
        if self._vs is not None:
            self.show(self._vs, self._filter)

    def action_cycle_sort(self) -> None:
        keys = [k for k in SORTABLE if k in self._keys] + [f"dim:{d}" for d in self._dims]
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)] if self.sort_key in keys else "rank"
        self.reverse = False
        self._resort()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self._resort()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or "rank"
        if key in ("model", "ranks"):
            return
        self.reverse = (not self.reverse) if key == self.sort_key else False
        self.sort_key = key
        self._resort()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.DebaterChosen(event.row_key.value))
