"""Every round's pairings, byes, results and flags; the current round updates live."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ..text import plain
from ..viewstate import ViewState
from .keyed_table import KeyedTable

COLUMNS = ("round", "debate", "pro", "con", "status", "winner", "votes", "words", "flags")
# Four sides: each debater's cell carries its place once the room is decided ("1st").
COLUMNS_BP = ("round", "room", "OG", "OO", "CG", "CO", "status", "words", "flags")
_PLACE = {1.0: "1st", 2.0: "2nd", 3.0: "3rd", 4.0: "4th"}
_STATUS_STYLE = {"decided": "green", "draw": "yellow", "forfeit": "red", "outage": "red", "pending": "dim"}


class BracketTable(KeyedTable):
    BINDINGS = [Binding("enter", "select_cursor", "Open debate")]

    class DebateChosen(Message):
        def __init__(self, debate_id: str) -> None:
            super().__init__()
            self.debate_id = debate_id

    class RoundShown(Message):
        """The cursor moved onto a row of another round (the motion line follows it)."""

        def __init__(self, round_no: int) -> None:
            super().__init__()
            self.round_no = round_no

    def __init__(self, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self._rows: dict[str, tuple] = {}
        self._order: list[str] = []
        self._round_of: dict[str, int] = {}
        self._cache: dict[str, tuple[tuple, tuple]] = {}
        self._filter = ""
        self._columns: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self._layout(COLUMNS)

    def _layout(self, columns: tuple[str, ...]) -> None:
        """Two sides or four: a league is one or the other, known once its tournament starts."""
        if columns == self._columns:
            return
        self.clear(columns=True)
        for c in columns:
            self.add_column(c, key=c)
        self._columns = columns
        self._rows, self._order, self._cache = {}, [], {}

    def debate_ids(self) -> list[str]:
        return [k for k in self._order if not k.startswith("bye:")]

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        # Rows are compared as plain tuples; rich Text is built only for rows that changed,
        # since with a hundred debates streaming nearly every row is recomputed every tick.
        self._layout(COLUMNS_BP if vs.four_sides else COLUMNS)
        rows = self._compute(vs, filter_text.lower())
        order = [k for k, _ in rows]
        if filter_text != self._filter or order[: len(self._order)] != self._order:
            self._filter = filter_text
            self._rebuild(rows)
            return
        for key, raw in rows:
            old = self._rows.get(key)
            if old is None:
                self.add_row(*_cells(raw), key=key)
            elif old != raw:
                for col, a, b in zip(self._columns, old, raw):
                    if a != b:
                        self.update_cell(key, col, _cell(b), update_width=True)
            self._rows[key] = raw
        self._order = order

    def _rebuild(self, rows: list[tuple[str, tuple]]) -> None:
        self._rows = dict(rows)
        self._order = [k for k, _ in rows]
        self.refill((key, _cells(raw)) for key, raw in rows)

    def _compute(self, vs: ViewState, needle: str) -> list[tuple[str, tuple]]:
        """Each row as a tuple of (text, style, justify) cells."""
        st = vs.state
        out: list[tuple[str, tuple]] = []
        judges = len(vs.judges)
        for n in sorted(st.rounds):
            r = st.rounds[n]
            first = True
            for p in r.draw.pairings:
                d = st.debates.get(p.debate_id)
                if d is None:
                    continue
                if needle and not any(needle in x.lower() for x in (*d.debaters, d.debate_id, r.motion_id)):
                    continue
                # A long league has thousands of settled rows: rebuild a row only when its debate moved.
                version = (first, d.attempt, len(d.speeches), len(d.ballots), d.result is not None,
                           tuple(d.live), judges)
                cached = self._cache.get(d.debate_id)
                if cached is not None and cached[0] == version:
                    out.append((d.debate_id, cached[1]))
                    first = False
                    continue
                status = vs.status(d)
                flags = list(p.flags)
                for s in d.speeches:
                    flags += [f"{f}:{s.speaker}" for f in s.flags]
                for b in d.ballots:
                    flags += b.flags
                    if b.failed:
                        flags.append(f"failed:{b.judge}")
                flags = list(dict.fromkeys(flags))
                words = sum(s.words for s in d.speeches)
                head = ((str(n) if first else "", "bold", ""), (d.debate_id, "dim", ""))
                tail = ((str(words) if words else "", "", "right"), (" ".join(flags), "magenta", ""))
                status_cell = (status, _STATUS_STYLE.get(status, "bold yellow"), "")
                if d.seats:
                    ranks = d.result.ranks if d.result else {}
                    seats = tuple(_seat(name, ranks.get(name), d.result is not None and d.result.result == "decided")
                                  for name in d.debaters)
                    raw = (*head, *seats, status_cell, *tail)
                else:
                    winner = d.result.winner if d.result and d.result.winner else ""
                    pro_v = sum(1 for b in d.ballots if b.winner == "pro")
                    con_v = sum(1 for b in d.ballots if b.winner == "con")
                    raw = (*head, (d.pro, "bold" if winner == d.pro else "", ""),
                           (d.con, "bold" if winner == d.con else "", ""), status_cell,
                           (winner or ("–" if d.result else ""), "green", ""),
                           (f"{pro_v}–{con_v}" if d.ballots else "", "", "center"), *tail)
                out.append((d.debate_id, raw))
                self._cache[d.debate_id] = (version, raw)
                self._round_of[d.debate_id] = n
                first = False
            for name in r.draw.byes:
                if needle and needle not in name.lower():
                    continue
                key = f"bye:{n}:{name}"
                blank = ("", "", "")
                seats = [(name, "", "")] + [blank] * (3 if vs.four_sides else 1)
                after = [blank] * (2 if vs.four_sides else 4)  # words, flags (and winner, votes)
                raw = ((str(n) if first else "", "bold", ""), ("bye", "dim italic", ""), *seats,
                       ("bye", "cyan", ""), *after)
                out.append((key, raw))
                self._round_of[key] = n
                first = False
        return out

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key and not key.startswith("bye:"):
            self.post_message(self.DebateChosen(key))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key in self._round_of:
            self.post_message(self.RoundShown(self._round_of[key]))



def _seat(name: str, rank: float | None, decided: bool) -> tuple[str, str, str]:
    """A debater's cell in a room: its name, and its place once the room is decided."""
    if rank is None or not decided:
        return (name, "", "")
    return (f"{name} {_PLACE.get(rank, f'{rank:g}')}", "bold green" if rank == 1 else "bold" if rank == 2 else "", "")


def _cell(raw: tuple[str, str, str]) -> Text:
    text, style, justify = raw
    return plain(text, style) if not justify else Text(text, style=style, justify=justify)  # type: ignore[arg-type]


def _cells(raw: tuple) -> list[Text]:
    return [_cell(c) for c in raw]
