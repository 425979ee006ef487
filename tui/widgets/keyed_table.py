"""A DataTable whose rows have keys, refilled without losing the row the cursor is on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widgets import DataTable


class KeyedTable(DataTable):
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or shrinking table
            return None

    def refill(self, rows: Iterable[tuple[str, Sequence]]) -> None:
        """Replace every row with `(key, cells)` rows; the cursor stays on its key if still there."""
        selected = self.selected_key()
        self.clear()
        keys = set()
        for key, cells in rows:
            self.add_row(*cells, key=key)
            keys.add(key)
        if selected in keys:
            self.move_cursor(row=self.get_row_index(selected), animate=False)
