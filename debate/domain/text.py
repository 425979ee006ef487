"""Model text is untrusted and is shown in terminals: one cleaner of control codes for every
place that records or shows it (the orchestrator, the CLI, the viewer)."""

from __future__ import annotations

import re

# Escape sequences (CSI, OSC, two-byte) and every other C0/C1 control except newline and tab.
# A lone ESC (at the end, or before a newline) goes too.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?"
                      r"|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def clean_text(text: str, *, strip: bool = False) -> str:
    """`text` without terminal control sequences and control characters (newlines and tabs
    stay); with `strip`, without surrounding whitespace too (as a speech or reason is recorded)."""
    text = _CONTROL.sub("", text)
    return text.strip() if strip else text
