"""What the HTML report shows, as plain data: sections of tables and figures, and every debate.

`gather` (debate.reports.gather) fills it from the league's state and its store; the HTML
renderer (debate.reports.html) draws the figures and lays it out. Neither computes a figure of
its own: a new section, table or column is added in `gather` and shows up in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Link:
    """A cell or an item that points somewhere inside the report (an `#anchor`)."""

    text: str
    anchor: str


def num(v: float | None, digits: int = 1) -> str:
    """A number as the report prints it ("" for none)."""
    return "" if v is None else f"{v:.{digits}f}"


def pct(v: float | None) -> str:
    """A share as a whole percentage ("" for none)."""
    return "" if v is None else f"{100 * v:.0f}%"


Cell = str | Link  # tables hold display text (formatted once, in gather) or an internal link


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    numeric: frozenset[int] = frozenset()  # column indexes aligned right
    row_anchors: list[str] | None = None  # an id per row, for links into the table


@dataclass
class Figure:
    """A chart drawn at build time: `kind` names a function of debate.reports.charts, `data` is
    its argument (plain values)."""

    kind: str
    data: dict[str, Any]
    title: str
    caption: str = ""


@dataclass
class Section:
    key: str  # anchor and navigation id
    title: str
    intro: str = ""
    lead: Table | None = None  # the section's main table, shown before its figures
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # what the figures say, one line each
    notes: list[str] = field(default_factory=list)  # caveats and warnings, one line each
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (title, preformatted text)


@dataclass
class SpeechView:
    index: int
    side: str
    speaker: str
    kind: str
    words: int
    word_limit: int
    flags: list[str]
    judge_score: float | None
    text: str  # untrusted model text: escaped where it is shown
    role: str = ""  # the format's name for the speech ("Prime Minister"), where it gives one


@dataclass
class BallotView:
    judge: str
    verdict: str  # "winner NAME (side)", "split (inconsistent)", "failed: ..."
    failed: bool
    reasons: str  # untrusted model text
    flags: list[str]


@dataclass
class DebateView:
    anchor: str
    debate_id: str
    round: int
    sides: list[tuple[str, str]]  # (side, debater), in speaking order of the sides
    status: str  # decided / draw / forfeit / pending
    outcome: str  # one line: who won, or why not
    flags: list[str]  # the pairing's flags
    cost: str
    speeches: list[SpeechView]
    ballots: list[BallotView]
    scores: Table | None  # every judge's rubric scores, a row per judge and side


@dataclass
class RoundView:
    number: int
    anchor: str
    tournament: str  # "" in a league of one tournament
    motion: str  # motion text (or id)
    motion_id: str
    category: str
    byes: list[str]
    completed: bool
    debates: list[DebateView]


@dataclass
class Report:
    title: str
    status: str  # one line: finished, or how far it got
    facts: list[tuple[str, str]]  # headline facts (label, value)
    sections: list[Section]
    rounds: list[RoundView]
    warnings: list[str] = field(default_factory=list)  # the run's warnings and errors

    @property
    def debates(self) -> int:
        return sum(len(r.debates) for r in self.rounds)

    @property
    def unit(self) -> str:
        return debates_unit(self.rounds)


def debates_unit(rounds: list[RoundView]) -> str:
    """What a league's debates are called: "rooms" (four sides) or "debates"."""
    return "rooms" if any(len(d.sides) == 4 for r in rounds for d in r.debates) else "debates"
