"""A small, fully deterministic tournament as stored events, for the viewer's tests.

Built by hand (not by running the engine) so snapshots do not move when the engine changes,
and so it can hold what a hostile model might say: markup and terminal escape codes.
"""

from __future__ import annotations

from pathlib import Path

from debate.domain.models import Ballot, DebateResult, Draw, Pairing, RatingSummary, Speech, Standing
from debate.record.events import (BallotCast, DebateDecided, DebateStarted, RatingsUpdated, RoundCompleted,
                                  RoundPaired, RunNote, SpeechDone, TournamentFinished, TournamentStarted)
from debate.record.store import Store

SIZE = (120, 40)  # the terminal the viewer's tests and snapshots run in
DEBATERS = ["alpha", "bravo", "charlie", "delta", "echo"]
JUDGES = ["j1", "j2"]
TURNS = [{"side": "pro", "kind": "opening", "word_limit": 40}, {"side": "con", "kind": "opening", "word_limit": 40},
         {"side": "pro", "kind": "closing", "word_limit": 30}, {"side": "con", "kind": "closing", "word_limit": 30}]
HOSTILE = "We open. [bold red]not markup[/] and \x1b[31mred\x1b[0m codes\x07 stay literal."
ROUNDS = [  # (motion id, motion text, [(debate, pro, con, flags, winner side)], byes)
    ("mini/four-day-week", "This House would adopt a four-day working week.",
     [("r1-d1", "alpha", "bravo", [], "pro"), ("r1-d2", "charlie", "delta", [], "con")], ["echo"]),
    ("mini/tax-sugary-drinks", "This House supports taxes on sugary drinks.",
     [("r2-d1", "alpha", "delta", [], "pro"), ("r2-d2", "echo", "bravo", ["pull-up:bravo"], "con")], ["charlie"]),
]
RATINGS = {1: {"alpha": (29.0, 7.1), "bravo": (21.0, 7.1), "charlie": (21.5, 7.2), "delta": (28.5, 7.2),
               "echo": (25.0, 8.3)},
           2: {"alpha": (32.5, 6.2), "bravo": (24.0, 6.5), "charlie": (21.5, 7.2), "delta": (25.0, 6.4),
               "echo": (21.8, 7.0)}}


def _speech(debate: str, i: int, pro: str, con: str) -> Speech:
    turn = TURNS[i]
    speaker = pro if turn["side"] == "pro" else con
    text = HOSTILE if (debate, i) == ("r1-d1", 0) else \
        f"{speaker} speaks in {debate}, turn {i + 1}: a short {turn['kind']} with one reason and one example."
    words = len(text.split())
    flags = ["overrun"] if (debate, i) == ("r2-d2", 1) else []
    return Speech(index=i, side=turn["side"], speaker=speaker, kind=turn["kind"], text=text,
                  words=words + (40 if flags else 0), word_limit=turn["word_limit"], flags=flags)


def _standings(after: int) -> list[Standing]:
    table = RATINGS[after]
    order = sorted(table, key=lambda n: -(table[n][0] - 3 * table[n][1]))
    wins = {1: {"alpha": 1, "delta": 1}, 2: {"alpha": 2, "delta": 1, "bravo": 1}}[after]
    played = {1: {"echo": 0}, 2: {"charlie": 1, "echo": 1}}[after]
    return [Standing(rank=i + 1, name=n, model=f"house/{n}", mu=table[n][0], sigma=table[n][1],
                     conservative=table[n][0] - 3 * table[n][1], wins=wins.get(n, 0),
                     losses=played.get(n, after) - wins.get(n, 0), byes=1 if n in ("echo", "charlie")[:after] else 0,
                     buchholz=float(i % 3), points=30.0 + 5 * i, dimensions={"norms": 7.0 + i / 2, "evidence": 6.0},
                     bt=1200.0 - 100 * i, bt_lo=900.0 - 100 * i, bt_hi=1500.0 - 100 * i,
                     rank_lo=max(1, i), rank_hi=min(5, i + 3), p_best=round(0.5 / (i + 1), 3))
            for i, n in enumerate(order)]


def _summary(after: int) -> RatingSummary:
    return RatingSummary(mode="win-loss", debaters=5, debates=2 * after, separability=0.1, leader="alpha",
                         p_best=0.5, top_set=["alpha", "delta", "bravo"], flips=1, challenger="delta",
                         flip_debates=["r1-d1"])


def round_events(n: int) -> list:
    motion_id, motion_text, debates, byes = ROUNDS[n - 1]
    draw = Draw(round=n, pairings=[Pairing(debate_id=d, pro=p, con=c, flags=f) for d, p, c, f, _ in debates],
                byes=byes)
    out: list = [RoundPaired(round=n, motion_id=motion_id, motion_text=motion_text, draw=draw, ts=1.0)]
    for d, p, c, _, side in debates:
        out.append(DebateStarted(debate_id=d, round=n, pro=p, con=c, motion_id=motion_id, ts=1.0))
        out += [SpeechDone(debate_id=d, speech=_speech(d, i, p, c), ts=1.0) for i in range(len(TURNS))]
        for k, judge in enumerate(JUDGES):
            vote = side if k == 0 or d != "r2-d1" else ("con" if side == "pro" else "pro")
            win, lose = {"norms": 8, "evidence": 7}, {"norms": 6, "evidence": 5}
            flags = ["injection:pro"] if (d, judge) == ("r1-d1", "j2") else []
            reasons = f"{judge}: the {vote} side [i]answered[/i] the other's case."
            out.append(BallotCast(debate_id=d, ts=1.0, ballot=Ballot(
                judge=judge, winner=vote, scores={vote: win, ("con" if vote == "pro" else "pro"): lose},
                reasons=reasons, flags=flags)))
        out.append(DebateDecided(ts=1.0, result=DebateResult(
            debate_id=d, round=n, motion_id=motion_id, pro=p, con=c, winner=p if side == "pro" else c,
            result="decided", reason="" if d != "r2-d1" else "split panel: chair's ballot decides")))
    out.append(RatingsUpdated(round=n, ratings=RATINGS[n], ts=1.0))
    out.append(RoundCompleted(round=n, standings=_standings(n), summary=_summary(n), ts=1.0))
    return out


def start_event() -> TournamentStarted:
    return TournamentStarted(
        league="sample-league", ts=1.0,
        config={"name": "sample-league", "rounds": 2, "format": "mini",
                "debaters": [{"name": n, "model": f"house/{n}"} for n in DEBATERS],
                "judges": [{"name": j, "model": "house/judge"} for j in JUDGES]},
        rubric={"id": "mini", "title": "Two dimensions", "judge_prompt": "Judge the debate.",
                "dimensions": [{"id": "norms", "name": "Norms", "description": "Rules kept."},
                               {"id": "evidence", "name": "Evidence", "description": "Claims backed."}]},
        format={"id": "mini", "title": "Four short speeches", "turns": TURNS})


def all_events() -> list:
    return [start_event(), *round_events(1),
            RunNote(level="warning", message="bravo [blink]overran[/] in r2-d2", debate_id="r2-d2", ts=1.0),
            *round_events(2), TournamentFinished(standings=_standings(2), summary=_summary(2), ts=1.0)]


def write_db(path: Path, events: list | None = None) -> Path:
    with Store(path) as store:
        for ev in all_events() if events is None else events:
            store.append(ev)
    return path


async def until(pilot, cond, what: str, ticks: int = 400) -> None:
    """Let the app run until `cond()` holds (the pump ticks every 0.1 s); fail if it never does."""
    for _ in range(ticks):
        if cond():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def until_loaded(pilot) -> None:
    """Let the viewer run until it has read the whole (finished) database."""
    await until(pilot, lambda: pilot.app.vs.state.finished, "the database to load")
