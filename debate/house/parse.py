"""Read what a house model needs back out of the prompts it is sent."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

from ..domain import prompts as P

_BLOCK = re.compile(re.escape(P.SPEECH_OPEN) + r" (\d+) \| ([^\n]*?)>>>\n(.*?)\n"
                    + re.escape(P.SPEECH_CLOSE) + r" \1[^\n]*>>>", re.S)


@dataclass
class Block:
    n: int
    header: str
    text: str


@dataclass
class DebaterView:
    motion: str = ""
    pro: bool = True
    notes: list[tuple[str, list[str]]] = field(default_factory=list)
    speeches: list[Block] = field(default_factory=list)
    own_label: str = ""
    kind: str = "opening"
    limit: int = 300
    four_sides: bool = False  # a British Parliamentary debate: the other bench are the opponents


def rng_for(*parts: object) -> random.Random:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def blocks(text: str) -> list[Block]:
    return [Block(int(m.group(1)), m.group(2), m.group(3)) for m in _BLOCK.finditer(text)]


def debater_view(messages: list[dict]) -> DebaterView:
    system = next((m["content"] for m in messages if m.get("role") == "system"), "")
    user = "\n".join(m["content"] for m in messages if m.get("role") == "user")
    v = DebaterView(four_sides=P.FOUR_SIDES_MARK in system)
    for line in system.splitlines():
        if line.startswith(P.MOTION_LINE):
            v.motion = line[len(P.MOTION_LINE):].strip()
        elif line.startswith(P.SIDE_LINE):
            rest = line[len(P.SIDE_LINE):]
            v.own_label = rest.split(" (")[0]
            v.pro = "(for the motion)" in rest
    if P.CASE_NOTES in system:
        for line in system.split(P.CASE_NOTES, 1)[1].splitlines():
            if not line.startswith("- "):
                if line.strip():
                    break
                continue
            claim, _, ev = line[2:].partition(" Evidence: ")
            v.notes.append((claim.strip(), [e.strip() for e in ev.split(" | ") if e.strip()]))
    v.speeches = blocks(user)
    m = re.search(r"Your turn: the ([\w-]+) speech for the .*?, at most (\d+) words", user)
    if m:
        v.kind, v.limit = m.group(1), int(m.group(2))
    return v
