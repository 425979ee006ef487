"""One line at the top: the league, the round, what is running, any filter or error."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..text import plain
from ..viewstate import ViewState


class StatusBar(Static):
    _last = ""

    def show(self, vs: ViewState, *, mode: str, error: str | None, filter_text: str) -> None:
        st = vs.state
        line = Text()
        line.append(st.league or "(no tournament yet)", style="bold")
        rnd, total = vs.current_round(), vs.total_rounds
        if rnd:
            r = st.rounds[rnd]
            decided = sum(1 for p in r.draw.pairings
                          if (d := st.debates.get(p.debate_id)) is not None and d.result is not None)
            line.append(f"  round {rnd}/{total or '?'}  ")
            line.append(f"{decided}/{len(r.draw.pairings)} decided", style="dim")
        if st.finished:
            line.append("  ✓ finished", style="bold green")
        elif mode:
            line.append(f"  ● {mode}", style="bold yellow")
        warnings = sum(1 for n in st.notes if n.level != "info")
        if warnings:
            line.append(f"  ⚠ {warnings} note{'s' if warnings > 1 else ''}", style="yellow")
        if filter_text:
            line.append("  filter: ", style="dim")
            line.append_text(plain(filter_text, "bold cyan"))
        if error:
            line.append("  ")
            line.append_text(plain(error, "bold red"))
        if line.markup != self._last:  # the pump calls this ten times a second
            self._last = line.markup
            self.update(line)
