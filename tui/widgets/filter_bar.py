"""The `/` filter: narrows standings, bracket, ratings and judges to what matches."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    BINDINGS = [Binding("escape", "clear_filter", "Clear filter", show=True)]

    class Filtered(Message):
        def __init__(self, value: str, done: bool = False) -> None:
            super().__init__()
            self.value, self.done = value, done

    def __init__(self, **kw) -> None:
        super().__init__(placeholder="filter by debater, debate, motion or judge (enter keeps it, esc clears)",
                         **kw)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Filtered(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Filtered(event.value, done=True))

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Filtered("", done=True))
