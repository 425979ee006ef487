"""How the viewer copes with many debates streaming at once, and whether its memory stays flat.

A synthetic source plays R rounds of N debates: every debate streams six speeches word by
word (TurnDelta, as a model's tokens arrive), interleaved across debates, then
ballots and a decision. The app runs headless at 120x40 with the bracket showing and one
debate open (so one transcript streams on screen). Prints the time spent folding and
repainting per tick; then, without the UI, the heap the viewer's state holds after each round
against the engine's plain fold (which keeps every transcript in memory).

    PYTHONPATH=$PWD python benchmarks/tui_stream.py --debates 100 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import tui.app as app_mod
from debate.domain.models import Ballot, DebateResult, Draw, Pairing, Speech, Standing
from debate.record.events import (BallotCast, DebateDecided, DebateStarted, RoundCompleted, RoundPaired,
                                  SpeechDone, TournamentStarted, TurnDelta)
from tui import DebateApp
from tui.sources import Source

TURNS = [{"side": s, "kind": k, "word_limit": 400} for k in ("opening", "rebuttal", "closing")
         for s in ("pro", "con")]
WORDS = ("evidence shows the policy reduces harm while costs stay modest and the other side "
         "ignores who pays ").split()


class SyntheticSource(Source):
    kind = "engine"
    mode = "live"

    def __init__(self, db: Path, debates: int, rounds: int, words: int, rate: float) -> None:
        super().__init__(db)
        self.debates, self.rounds, self.words, self.rate = debates, rounds, words, rate
        self.round_done: list[int] = []

    def run(self) -> None:
        names = [f"m{i:03d}" for i in range(2 * self.debates)]
        put = self.queue.append
        put((0, TournamentStarted(league="stream-bench", config={
            "name": "stream-bench", "rounds": self.rounds,
            "debaters": [{"name": n, "model": "x/y"} for n in names],
            "judges": [{"name": "j1", "model": "house/judge"}]},
            format={"id": "bench", "title": "Six speeches", "turns": TURNS},
            rubric={"id": "bench", "title": "One dimension", "judge_prompt": "Judge.",
                    "dimensions": [{"id": "norms", "name": "Norms", "description": "Rules kept."}]})))
        for r in range(1, self.rounds + 1):
            pairs = [Pairing(debate_id=f"r{r}-d{i}", pro=names[2 * i], con=names[2 * i + 1])
                     for i in range(self.debates)]
            put((0, RoundPaired(round=r, motion_id="bench/m", motion_text="A motion.",
                                draw=Draw(round=r, pairings=pairs))))
            for p in pairs:
                put((0, DebateStarted(debate_id=p.debate_id, round=r, pro=p.pro, con=p.con, motion_id="bench/m")))
            for t, turn in enumerate(TURNS):
                start = time.perf_counter()
                for w in range(self.words):
                    if self._stop.is_set():
                        return
                    for p in pairs:
                        put((0, TurnDelta(debate_id=p.debate_id, index=t, side=turn["side"],
                                          speaker=p.pro, text=WORDS[w % len(WORDS)] + " ")))
                    if self.rate:  # each debate speaks `rate` words a second, as a model streams
                        time.sleep(max(0.0, start + (w + 1) / self.rate - time.perf_counter()))
                text = " ".join(WORDS[w % len(WORDS)] for w in range(self.words))
                for p in pairs:
                    put((0, SpeechDone(debate_id=p.debate_id, speech=Speech(
                        index=t, side=turn["side"], speaker=p.pro, kind=turn["kind"], text=text,
                        words=self.words, word_limit=400))))
            for p in pairs:
                put((0, BallotCast(debate_id=p.debate_id, ballot=Ballot(
                    judge="j1", winner="pro", scores={"pro": {"norms": 8}, "con": {"norms": 6}},
                    reasons="pro answered con"))))
                put((0, DebateDecided(result=DebateResult(debate_id=p.debate_id, round=r, motion_id="bench/m",
                                                          pro=p.pro, con=p.con, winner=p.pro,
                                                          result="decided"))))
            put((0, RoundCompleted(round=r, standings=[
                Standing(rank=i + 1, name=n, mu=25, sigma=8, conservative=1) for i, n in enumerate(names)])))
            self.round_done.append(r)


async def main(args: argparse.Namespace) -> None:
    ticks: list[float] = []
    orig = app_mod.DebateApp.flush

    def timed(self) -> None:
        t0 = time.perf_counter()
        orig(self)
        ticks.append(time.perf_counter() - t0)

    app_mod.DebateApp.flush = timed  # type: ignore[method-assign]
    src = SyntheticSource(Path(tempfile.mkdtemp()) / "none.db", args.debates, args.rounds, args.words,
                          args.rate)
    app = DebateApp(src)
    t0 = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        opened = False
        while not (src.done and not src.queue):
            await asyncio.sleep(0.1)  # not pilot.pause: under load it times out waiting on the screen
            if not opened and "r1-d0" in app.vs.state.debates:
                app.call_later(app.open_debate, "r1-d0")
                opened = True
    elapsed = time.perf_counter() - t0
    events = app.vs.events_seen
    ticks_ms = sorted(x * 1000 for x in ticks)
    print(f"{args.debates} debates x {args.rounds} rounds, 6 speeches of {args.words} words each, "
          f"streamed word by word at {args.rate or 'max'} words/s per debate")
    print(f"events folded: {events:,} in {elapsed:.1f} s ({events / elapsed:,.0f}/s); "
          f"ticks: {len(ticks)} ({len(ticks) / elapsed:.1f}/s)")
    print(f"fold+repaint per tick: median {statistics.median(ticks_ms):.1f} ms, "
          f"p95 {ticks_ms[int(len(ticks_ms) * 0.95)]:.1f} ms, max {ticks_ms[-1]:.1f} ms")
    memory(args)


def memory(args: argparse.Namespace) -> None:
    """Fold rounds without the UI, under tracemalloc: the viewer's state against the engine's
    plain fold (which keeps every transcript). Each round's events are made fresh and dropped
    after folding, with a distinct text per speech, as a store read would give them."""
    from debate.record.state import LeagueState
    from tui.viewstate import ViewState

    words = args.words * 5
    names = [f"m{i:03d}" for i in range(2 * args.debates)]

    def round_events(r: int) -> list:
        pairs = [Pairing(debate_id=f"r{r}-d{i}", pro=names[2 * i], con=names[2 * i + 1])
                 for i in range(args.debates)]
        out: list = [RoundPaired(round=r, motion_id="bench/m", draw=Draw(round=r, pairings=pairs))]
        for p in pairs:
            out.append(DebateStarted(debate_id=p.debate_id, round=r, pro=p.pro, con=p.con, motion_id="bench/m"))
            for t, turn in enumerate(TURNS):
                text = f"{p.debate_id} turn {t}: " + " ".join(WORDS[(w + t) % len(WORDS)] for w in range(words))
                out.append(SpeechDone(debate_id=p.debate_id, speech=Speech(
                    index=t, side=turn["side"], speaker=p.pro, kind=turn["kind"], text=text, words=words,
                    word_limit=400)))
            out.append(DebateDecided(result=DebateResult(debate_id=p.debate_id, round=r, motion_id="bench/m",
                                                         pro=p.pro, con=p.con, winner=p.pro, result="decided")))
        out.append(RoundCompleted(round=r, standings=[]))
        return out

    for label, viewer in (("viewer (ViewState)", True), ("plain fold (LeagueState)", False)):
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        vs, st = ViewState(), LeagueState()
        sizes = []
        for r in range(1, args.rounds + 1):
            batch = [(0, ev) for ev in round_events(r)]
            if viewer:
                vs.fold(batch)
            else:
                for _, ev in batch:
                    st.apply(ev)
            del batch
            sizes.append((tracemalloc.get_traced_memory()[0] - base) / 1e6)
        tracemalloc.stop()
        print(f"heap held after each round, {label}, {words}-word speeches (MB): "
              + ", ".join(f"{mb:.1f}" for mb in sizes))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--debates", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--words", type=int, default=60)
    ap.add_argument("--rate", type=float, default=30.0, help="words a second per debate; 0 = flat out")
    asyncio.run(main(ap.parse_args()))
