"""One turn of a debate: who spoke, for which side, how many words; the text as plain Text."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from debate.domain.models import BENCH, Speech, count_words

from ..text import plain

# Four sides take their bench's colour: Government as pro, Opposition as con.
SIDE_STYLE = {"pro": "bold cyan", "con": "bold magenta", "og": "bold cyan", "cg": "cyan",
              "oo": "bold magenta", "co": "magenta"}
SIDE_LABEL = {"pro": "PRO", "con": "CON", "og": "OG", "oo": "OO", "cg": "CG", "co": "CO"}


class SpeechCard(Static):
    def __init__(self, index: int, **kw) -> None:
        super().__init__(**kw)
        self.index = index
        self._sig: tuple | None = None

    def _bench(self, side: str) -> None:
        self.set_class(BENCH.get(side) == "pro", "pro")
        self.set_class(BENCH.get(side) == "con", "con")

    def show_speech(self, s: Speech, role: str = "") -> None:
        sig = ("done", s.index, len(s.text), s.words, tuple(s.flags))
        if sig == self._sig:
            return
        self._sig = sig
        self.remove_class("live")
        self._bench(s.side)
        head = self._head(s.index, s.side, s.speaker, s.kind, role)
        over = s.words > s.word_limit
        head.append(f"  {s.words}/{s.word_limit} words", style="bold red" if over else "dim")
        for f in s.flags:
            head.append(f"  ⚑ {f}", style="bold magenta")
        body = plain(s.text) if s.text else Text("(no text stored)", style="dim italic")
        self.update(Group(head, body))

    def show_live(self, index: int, side: str, speaker: str, kind: str, text: str, limit: int,
                  role: str = "") -> None:
        sig = ("live", index, len(text))
        if sig == self._sig:
            return
        self._sig = sig
        self.add_class("live")
        self._bench(side)
        head = self._head(index, side, speaker, kind, role)
        head.append(f"  {count_words(text)}/{limit} words", style="dim")
        head.append("  ● live", style="bold yellow")
        self.update(Group(head, plain(text)))

    def show_waiting(self, index: int, side: str, speaker: str, kind: str, role: str = "") -> None:
        sig = ("wait", index)
        if sig == self._sig:
            return
        self._sig = sig
        head = self._head(index, side, speaker, kind, role)
        head.append("  waiting", style="dim")
        self.set_class(True, "waiting")
        self.update(head)

    @staticmethod
    def _head(index: int, side: str, speaker: str, kind: str, role: str = "") -> Text:
        head = Text(f"{index + 1}. ", style="bold")
        head.append(SIDE_LABEL.get(side, side), style=SIDE_STYLE.get(side, "bold"))
        head.append(" · ")
        head.append_text(plain(speaker, "bold"))
        head.append(f" · {role} ({kind})" if role else f" · {kind}", style="italic")
        return head
