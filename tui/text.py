"""Model text is untrusted: it reaches the screen only as plain `Text`, cleaned of control codes."""

from __future__ import annotations

from rich.text import Text

from debate.domain.text import clean_text


def plain(text: str, style: str = "") -> Text:
    """A Text that shows `text` literally: no markup, no escape codes."""
    return Text(clean_text(text), style=style)


def short(text: str, width: int) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
