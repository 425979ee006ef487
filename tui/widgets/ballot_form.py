"""A person's ballot: the rubric form the model judges fill in (a score per dimension and side,
the winner, reasons), with the level descriptors of the focused dimension at hand.

Keyboard first: tab / shift+tab between fields, digits for a score, `a` / `b` for the winner
(outside the reasons line; choosing moves on to the reasons), ctrl+s or the button to cast. The
mouse works too. Reasons are required: a published ballot says why."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static

from debate.domain.human_queue import side_letter
from debate.domain.models import Rubric

from .score_field import ScoreField


class BallotForm(VerticalScroll):
    @dataclass
    class Cast(Message):
        """Scores by shown side (index into the blind order) and dimension; the winner's index."""

        scores: dict[int, dict[str, int]]
        winner: int
        reasons: str

    def __init__(self, rubric: Rubric, sides: int = 2, **kw) -> None:
        super().__init__(**kw)
        self.rubric, self.sides = rubric, sides
        self.winner: int | None = None

    def compose(self) -> ComposeResult:
        r = self.rubric
        yield Static(Text(f"Your ballot · scores {r.scale.min}-{r.scale.max}", style="bold"), classes="panel-title")
        head = Text("".ljust(14))
        for i in range(self.sides):
            head.append(f"Side {side_letter(i)}  ", style="bold")
        yield Static(head, classes="form-head")
        for d in r.dimensions:
            with Horizontal(classes="form-row"):
                yield Static(Text(d.name[:13], style="bold"), classes="form-label")
                for i in range(self.sides):
                    yield ScoreField(d.id, i, r.scale.min, r.scale.max, id=f"score-{d.id}-{i}",
                                     classes="score")
        yield Static(id="descriptors", classes="descriptors")
        with Horizontal(classes="form-row winner-row"):
            for i in range(self.sides):
                yield Button(f"Side {side_letter(i)} wins ({side_letter(i).lower()})", id=f"win-{i}",
                             classes="win")
        yield Input(placeholder="reasons (why this side won)", id="reasons")
        yield Button("Cast ballot (ctrl+s)", id="cast", variant="primary")
        yield Static(id="form-error", classes="form-error")

    def on_mount(self) -> None:
        self.show_levels(self.rubric.dimensions[0].id)

    def fields(self) -> list[ScoreField]:
        return list(self.query(ScoreField))

    def show_levels(self, dim_id: str) -> None:
        d = next(x for x in self.rubric.dimensions if x.id == dim_id)
        t = Table(box=None, padding=(0, 1), show_header=False, expand=False)
        t.add_column(style="bold", no_wrap=True)
        t.add_column()
        for lv in sorted(d.levels, key=lambda lv: -lv.score):
            t.add_row(str(lv.score), lv.descriptor)
        title = Text(f"{d.name}: ", style="bold")
        title.append(d.description, style="italic")
        from rich.console import Group

        self.query_one("#descriptors", Static).update(Group(title, t) if d.levels else title)

    @on(ScoreField.Changed)
    def _changed(self, event: ScoreField.Changed) -> None:
        self.show_levels(event.field.dimension)
        self.error("")

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, ScoreField):
            self.show_levels(event.widget.dimension)

    def choose(self, side: int, *, then_reasons: bool = False) -> None:
        if not 0 <= side < self.sides:
            return
        self.winner = side
        for i in range(self.sides):
            b = self.query_one(f"#win-{i}", Button)
            b.variant = "success" if i == side else "default"
            b.label = f"Side {side_letter(i)} wins ({side_letter(i).lower()})" + ("  ✓" if i == side else "")
        self.error("")
        if then_reasons:
            self.query_one("#reasons", Input).focus()

    @on(Button.Pressed, ".win")
    def _win(self, event: Button.Pressed) -> None:
        self.choose(int((event.button.id or "win-0").split("-")[1]))

    @on(Button.Pressed, "#cast")
    def _cast(self) -> None:
        self.cast()

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message, style="bold red"))

    def cast(self) -> None:
        missing = [f"{f.dimension} (Side {side_letter(f.side)})" for f in self.fields() if f.value is None]
        if missing:
            self.error("score every dimension first: " + ", ".join(missing[:3]) + ("…" if len(missing) > 3 else ""))
            return
        if self.winner is None:
            self.error("choose the winner: a or b")
            return
        reasons = self.query_one("#reasons", Input)
        if not reasons.value.strip():
            self.error("write your reasons: why this side won")
            reasons.focus()
            return
        scores: dict[int, dict[str, int]] = {}
        for f in self.fields():
            scores.setdefault(f.side, {})[f.dimension] = f.value  # type: ignore[assignment]
        self.post_message(self.Cast(scores, self.winner, reasons.value.strip()))
