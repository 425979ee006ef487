"""One judge's ballot: the winner, per-dimension scores for both sides, flags and reasons."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from debate.domain.models import Ballot

from ..text import plain


class BallotCard(Static):
    def show(self, b: Ballot, pro: str, con: str, dims: list[str]) -> None:
        head = plain(b.judge, "bold")
        if b.failed:
            head.append("  failed ballot", style="bold red")
            self.update(Group(head, plain(b.error or "no reason given", "red")))
            return
        winner = pro if b.winner == "pro" else con if b.winner == "con" else "—"
        head.append("  → ")
        head.append_text(plain(winner, "bold green"))
        if b.winner:
            head.append(f" ({b.winner})", style="dim")
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
        table.add_column("", style="dim")
        table.add_column(Text("pro", style="cyan"), justify="right")
        table.add_column(Text("con", style="magenta"), justify="right")
        keys = dims or sorted({k for side in b.scores.values() for k in side})
        tp = tc = 0.0
        for k in keys:
            p, c = b.scores.get("pro", {}).get(k), b.scores.get("con", {}).get(k)
            tp += p or 0
            tc += c or 0
            table.add_row(plain(k), _score(p, c), _score(c, p))
        table.add_row(Text("total", style="bold"), Text(f"{tp:g}", style="bold"), Text(f"{tc:g}", style="bold"))
        parts = [head, table]
        if b.flags:
            parts.append(Text("  ".join(f"⚑ {f}" for f in b.flags), style="bold magenta"))
        for r in b.reads:  # a read that did not count, and why; a read the totals decided
            if r.failed:
                parts.append(plain(f"read {r.order} did not count: {r.error}", "red"))
            elif r.note:
                parts.append(plain(f"read {r.order}: {r.note}", "dim"))
        if b.reasons:
            parts.append(plain(b.reasons, "italic"))
        self.update(Group(*parts))


def _score(v: float | None, other: float | None) -> Text:
    if v is None:
        return Text("–", style="dim")
    return Text(f"{v:g}", style="bold" if other is not None and v > other else "")
