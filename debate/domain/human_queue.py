"""Which debates a person judges next, and in which order the sides are shown. Pure.

The queue covers every debater first: it takes, in order of priority, a debate with a debater
the person has not yet seen (in a debate judged or already queued), until every debater is
covered; then the rest. Priority: split panels first (the model judges disagreed, or a judge's
verdict flipped with the order), then close debates (the smallest gap between the sides' mean
weighted rubric totals), then the debate id, so the queue is the same every time it is built.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    debate_id: str
    debaters: tuple[str, ...]
    split: bool  # the panel did not agree (votes split, or a verdict flipped with the order)
    margin: float  # the gap between the sides' mean weighted rubric totals (0: closest)


def order_queue(candidates: list[Candidate], covered: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Debate ids in judging order (see the module's docstring); `covered`: debaters the person
    has already judged."""
    ranked = sorted(candidates, key=lambda c: (not c.split, c.margin, c.debate_id))
    seen, out, rest = set(covered), [], []
    everyone = {x for c in candidates for x in c.debaters} | seen
    for _ in range(len(ranked)):
        if seen >= everyone:
            break
        pick = next((c for c in ranked if c.debate_id not in out and not set(c.debaters) <= seen), None)
        if pick is None:
            break
        out.append(pick.debate_id)
        seen |= set(pick.debaters)
    rest = [c.debate_id for c in ranked if c.debate_id not in out]
    return out + rest


def blind_order(person: str, debate_id: str, sides: tuple[str, ...] = ("pro", "con")) -> list[str]:
    """The sides in the order this person is shown them (Side A first): drawn at random, but the
    same draw for the same person and debate, so a judging session resumes as it was."""
    seed = int(hashlib.sha256(f"blind:{person}:{debate_id}".encode()).hexdigest()[:16], 16)
    order = list(sides)
    random.Random(seed).shuffle(order)
    return order


def side_letter(i: int) -> str:
    return chr(ord("A") + i)
