"""What style control reads of a debate's speeches: the words the judges read and the markdown
elements, per side (debate.domain.style_control fits them). No numpy: the orchestrator reads
this every round."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Speech

_MARKDOWN = re.compile(r"(?m)^\s{0,3}#{1,6}\s|^\s*(?:[-*+]|\d+[.)])\s|\*\*[^*\n]+\*\*|__[^_\n]+__")


def markdown_elements(text: str) -> int:
    """Headers, list items and bold spans (Arena counts the same three)."""
    return len(_MARKDOWN.findall(text))


@dataclass(frozen=True)
class SideStyle:
    """What style control reads of one side of one debate."""

    words: float = 0.0     # words the judges read
    markdown: float = 0.0  # markdown elements


def debate_style(speeches: Sequence[Speech]) -> dict[str, SideStyle]:
    """Per side ("pro", "con"): the words the judges read and the markdown elements."""
    out: dict[str, SideStyle] = {}
    for side in ("pro", "con"):
        mine = [s for s in speeches if s.side == side]
        out[side] = SideStyle(words=float(sum(min(s.words, s.word_limit) for s in mine)),
                              markdown=float(sum(markdown_elements(s.text) for s in mine)))
    return out
