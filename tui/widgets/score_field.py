"""One score on a person's ballot: focus it, type a digit (0 means 10 on a 1-10 scale; 1 then 0
also ends at 10), up/down or the mouse wheel to step, backspace to clear."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class ScoreField(Widget, can_focus=True):
    BINDINGS = [Binding("up,plus", "step(1)", "+1", show=False), Binding("down,minus", "step(-1)", "-1", show=False),
                Binding("backspace,delete", "clear", "Clear", show=False)]

    @dataclass
    class Changed(Message):
        field: ScoreField

    def __init__(self, dimension: str, side: int, low: int, high: int, **kw) -> None:
        super().__init__(**kw)
        self.dimension, self.side, self.low, self.high = dimension, side, low, high
        self.value: int | None = None

    def render(self) -> Text:
        if self.value is None:
            return Text(" · ", style="dim")
        return Text(f"{self.value:>2} ", style="bold")

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = max(self.low, min(self.high, value))
        self.value = value
        self.refresh()
        self.post_message(self.Changed(self))

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            return
        d = int(event.character)
        event.stop()
        if d == 0 and self.high >= 10 > self.low:  # 0 (or 1 then 0) means 10
            self.set_value(10)
        elif self.low <= d <= self.high:
            self.set_value(d)

    def action_step(self, delta: int) -> None:
        self.set_value((self.value if self.value is not None else (self.low + self.high) // 2) + delta)

    def action_clear(self) -> None:
        self.set_value(None)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_step(1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_step(-1)
