"""Model text is untrusted: it reaches the screen only as plain `Text`, cleaned of control codes."""

from __future__ import annotations

import re

from rich.text import Text

# Escape sequences (CSI, OSC, two-byte) and every other C0/C1 control except newline and tab.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?"
                      r"|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def clean(text: str) -> str:
    return _CONTROL.sub("", text)


def plain(text: str, style: str = "") -> Text:
    """A Text that shows `text` literally: no markup, no escape codes."""
    return Text(clean(text), style=style)


def short(text: str, width: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
