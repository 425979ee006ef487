"""When a tournament's results mean nothing: the rules behind exit status 4 and the standings
title that says so. Pure: results in, reasons out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import DebateResult


def meaningless(debaters: Sequence[str], rounds: Mapping[int, Sequence[DebateResult]]) -> list[str]:
    """Why these results (one tournament's, by round) rank nobody; empty when they do.

    - a debater whose every debate was forfeited for an outage: it never debated, and its place
      (and its opponents') says nothing;
    - a majority of the debates forfeited, for any cause;
    - a round in which no debate was judged.
    """
    reasons: list[str] = []
    results = [r for rs in rounds.values() for r in rs]
    # four sides: a forfeit voids (or decides without a debate) the room of all four
    unit, one = ("rooms", "room") if any(r.seats for r in results) else ("debates", "debate")
    for name in debaters:
        mine = [r for r in results if name in r.debaters]
        if mine and all(r.forfeit_cause == "outage" for r in mine):
            own = sum(1 for r in mine if name in r.forfeited_by)
            why = "its model could not be reached" if own == len(mine) else "a server outage"
            reasons.append(f"every {one} of {name} ({len(mine)}) was forfeited: {why}")
    forfeits = sum(1 for r in results if r.result == "forfeit")
    if results and forfeits * 2 > len(results):
        reasons.append(f"{forfeits} of {len(results)} {unit} were forfeited")
    for n in sorted(rounds):
        if rounds[n] and all(r.result == "forfeit" for r in rounds[n]):
            reasons.append(f"round {n}: no {one} was judged (all {len(rounds[n])} forfeited)")
    return reasons
