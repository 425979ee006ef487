"""One judge's ballot: the winner (four sides: the ranking), per-dimension scores for every side,
flags and reasons."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from debate.domain.models import BP_SIDES, Ballot

from ..text import plain
from .speech_card import SIDE_STYLE


class BallotCard(Static):
    def show(self, b: Ballot, sides: dict[str, str], dims: list[str]) -> None:
        head = plain(b.judge, "bold")
        if b.failed:
            head.append("  failed ballot", style="bold red")
            self.update(Group(head, plain(b.error or "no reason given", "red")))
            return
        if b.ranks:
            self._ranked(head, b, sides, dims)
            return
        pro, con = sides.get("pro", ""), sides.get("con", "")
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


    def _ranked(self, head: Text, b: Ballot, sides: dict[str, str], dims: list[str]) -> None:
        """Four sides: the judge's order, then scores, totals and (mean) ranks by position."""
        order = sorted(b.ranks, key=lambda side: (b.ranks[side], BP_SIDES.index(side)))
        head.append("  → ")
        head.append_text(plain(sides.get(order[0], ""), "bold green"))
        head.append(f" ({order[0].upper()}) first", style="dim")
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
        table.add_column("", style="dim")
        for side in BP_SIDES:
            table.add_column(Text(side.upper(), style=SIDE_STYLE[side]), justify="right")
        keys = dims or sorted({k for row in b.scores.values() for k in row})
        best = {k: max((b.scores.get(s, {}).get(k, 0) for s in BP_SIDES), default=0) for k in keys}
        for k in keys:
            table.add_row(plain(k), *[_score(b.scores.get(s, {}).get(k), best[k] - 1e-9 if best[k] else None)
                                      for s in BP_SIDES])
        totals = {s: sum(b.scores.get(s, {}).get(k, 0) for k in keys) for s in BP_SIDES}
        table.add_row(Text("total", style="bold"), *[Text(f"{totals[s]:g}", style="bold") for s in BP_SIDES])
        table.add_row(Text("rank", style="bold"), *[Text(f"{b.ranks.get(s, 0):g}", style="bold green"
                                                         if s == order[0] else "bold") for s in BP_SIDES])
        parts = [head, table, plain(" > ".join(sides.get(s, s) for s in order), "dim")]
        if b.flags:
            parts.append(Text("  ".join(f"⚑ {f}" for f in b.flags), style="bold magenta"))
        if b.reasons:
            parts.append(plain(b.reasons, "italic"))
        self.update(Group(*parts))


def _score(v: float | None, other: float | None) -> Text:
    if v is None:
        return Text("–", style="dim")
    return Text(f"{v:g}", style="bold" if other is not None and v > other else "")
