"""Benching judges that cannot be trusted: pure rules over a tournament's ballots.

A judge is benched, for the rest of the tournament, when either holds after a round:

- position-locked: in its ballots whose reads all counted, it named the same letter first in
  every presentation order (Side A both times, say) far more often than chance. Under the null
  of a judge that names letters at random, each such ballot is locked with probability
  1/L^(r-1) (L letters, r reads: 1/2 for two sides read twice); the judge is benched when at
  least LOCK_MIN_BALLOTS ballots are in and the binomial tail P(X >= locked) is below LOCK_ALPHA.
  A judge that reads the debate names different letters when the order swaps;
- failing: at least FAIL_MIN_READS reads, and FAIL_SHARE of them failed (malformed, or stopped
  by the ballot gate after their retries).

The panel decides without a benched judge. The rules are written over ballots of any number of
sides: a read's letter is the one its judge named (`stated`), or for a ranked read the letter
it placed first.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

from .models import Ballot, BallotRead

LOCK_MIN_BALLOTS = 5
LOCK_ALPHA = 0.05
FAIL_MIN_READS = 6
FAIL_SHARE = 0.5

POSITION_LOCKED = "position_locked"
FAILING = "failing"


@dataclass(frozen=True)
class Bench:
    judge: str
    kind: str  # POSITION_LOCKED or FAILING
    reason: str


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    return sum(comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k, n + 1))


def _first_letter(r: BallotRead) -> str | None:
    if r.stated:
        return r.stated
    if r.ranks:
        first = min(r.ranks, key=lambda side: r.ranks[side])
        return r.letters.get(first)
    return r.letters.get(r.winner) if r.winner else None


def lock_counts(ballots: list[Ballot]) -> tuple[int, int, float]:
    """(ballots locked, ballots with every read counted, the chance of a lock per ballot)."""
    locked = n = 0
    chance = 0.5
    for b in ballots:
        reads = [r for r in b.reads if not r.failed]
        if b.failed or len(reads) < 2 or len(reads) < len(b.reads):
            continue
        letters = [_first_letter(r) for r in reads]
        if None in letters:
            continue
        n += 1
        locked += len(set(letters)) == 1
        chance = 1 / len(reads[0].letters) ** (len(reads) - 1)
    return locked, n, chance


def fail_counts(ballots: list[Ballot]) -> tuple[int, int]:
    """(failed reads, reads)."""
    reads = [r for b in ballots for r in b.reads]
    if not reads:  # a ballot stored without its reads
        return sum(b.failed for b in ballots), len(ballots)
    return sum(r.failed for r in reads), len(reads)


def to_bench(ballots: dict[str, list[Ballot]], benched: set[str]) -> list[Bench]:
    """The judges to bench now, from each judge's ballots in this tournament so far."""
    out = []
    for judge, mine in sorted(ballots.items()):
        if judge in benched:
            continue
        failed, reads = fail_counts(mine)
        if reads >= FAIL_MIN_READS and failed >= FAIL_SHARE * reads:
            out.append(Bench(judge, FAILING, f"{failed} of its {reads} reads failed (malformed or "
                                             f"degenerate ballots): benched at {FAIL_SHARE:.0%} or more"))
            continue
        locked, n, chance = lock_counts(mine)
        if n >= LOCK_MIN_BALLOTS:
            p = binomial_tail(locked, n, chance)
            if p < LOCK_ALPHA:
                out.append(Bench(judge, POSITION_LOCKED,
                                 f"position-locked: it named the same letter in every order on {locked} of "
                                 f"{n} debates (a judge naming letters at random would do that "
                                 f"{chance:.0%} of the time; p = {p:.3g})"))
    return out
