"""A debate's transcript turn by turn; the turn being spoken streams in place."""

from __future__ import annotations

from textual.containers import VerticalScroll

from debate.domain.models import Turn
from debate.record.state import DebateState

from .speech_card import SpeechCard


class Transcript(VerticalScroll):
    def show(self, d: DebateState, turns: list[Turn]) -> None:
        at_end = self.scroll_y >= self.max_scroll_y - 1
        cards = {c.index: c for c in self.query(SpeechCard)}
        done = {s.index: s for s in d.speeches}
        count = max([len(turns), *[i + 1 for i in done], *[i + 1 for i in d.live]])
        new = []
        for i in range(count):
            card = cards.get(i)
            if card is None:
                card = SpeechCard(i, classes="speech")
                new.append(card)
            if i < len(turns):
                side, kind, limit, role = turns[i].side, turns[i].kind, turns[i].word_limit, turns[i].role
            else:  # a speech past the format's turns (the format is unknown)
                side, kind, limit, role = (done[i].side if i in done else "pro"), "", 0, ""
            speaker = d.sides.get(side, "")
            if i in done:
                card.show_speech(done[i], role)
            elif i in d.live:
                card.show_live(i, side, speaker, kind, d.live[i], limit, role)
            else:
                card.show_waiting(i, side, speaker, kind, role)
        if new:
            self.mount(*new)
        if at_end and d.live and d.result is None:
            self.scroll_end(animate=False)
