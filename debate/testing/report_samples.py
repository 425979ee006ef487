"""Leagues written as stored events, of any size, for the report's tests and benchmarks.

No model is called: draws come from the real Swiss pairing (debate.domain.simulate.play_swiss),
ratings and standings from the real rating code, speeches are filler text of a chosen length
(or hostile text, to prove the report keeps model output inert). A league can be left stopped
halfway through a round, as an interrupted run leaves its database.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..domain.models import Ballot, BallotRead, DebateResult, Draw, Speech
from ..domain.rating import initial_rating, rate, table
from ..domain.speech_style import SideStyle, debate_style
from ..domain.simulate import play_swiss
from ..league.config import LeagueConfig
from ..league.resources import load_format, load_rubric
from ..record.events import (BallotCast, DebateDecided, DebateStarted, RatingsUpdated, RoundCompleted,
                             RoundPaired, RunNote, SpeechDone, TournamentFinished, TournamentStarted)
from ..record.store import Store

# Model output a report must show as text and never run, load or let reorder the page.
HOSTILE = [
    '<script>window.__pwned = 1; alert("speech")</script>',
    '<img src=x onerror="window.__pwned = 2">',
    "</pre></div></details></section><script>window.__pwned = 3</script>",
    '</textarea><svg onload="window.__pwned = 4"></svg>',
    '<a href="javascript:window.__pwned = 5">click me</a> javascript:alert(1)',
    "]]><script>window.__pwned = 6</script><![CDATA[",
    "Trojan \u202egnp.exe\u202c source, \u2066isolated\u2069 and \u200fmarked",
    '<style>body { display: none }</style><link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    '<iframe src="http://127.0.0.1:9/"></iframe><img src="https://example.com/t.png">',
    '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/"><base href="http://127.0.0.1:9/">',
    "<!-- an unclosed comment",
    "{{ 7*7 }} {% if true %}template{% endif %} ${7*7} &lt;already escaped&gt; & < >",
    "\x1b[31mred\x1b[0m and a bell\x07",
    "x" * 12000,
]
WORDS = ("the motion evidence because therefore however policy people cost benefit study shows "
         "we argue our opponents claim rebuttal first second finally risk trade-off data").split()
DIMS = ("norms", "evidence", "rebuttal", "style")


def filler(rng: random.Random, words: int) -> str:
    """Text of about `words` words in sentences, with a paragraph break now and then."""
    out, n = [], 0
    while n < words:
        k = rng.randint(8, 18)
        out.append(" ".join(rng.choice(WORDS) for _ in range(k)).capitalize() + ".")
        n += k
        if rng.random() < 0.2:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def write_league(path: Path, *, debaters: int = 8, rounds: int = 3, words: int = 200, judges: int = 3,
                 seed: int = 1, hostile: bool = False, stop_in_round: int | None = None) -> Path:
    """A finished league of `debaters` house-model entries over `rounds` rounds of Oxford
    debates (six speeches of about `words` words) before `judges` judges, stored at `path`.

    `hostile`: every speech, reason and note is taken from HOSTILE. `stop_in_round`: the run
    stops in that round after half its debates are decided, one more debate halfway through
    its speeches, as a killed run leaves it.
    """
    rng = random.Random(seed)
    names = [f"deb-{i:03d}" for i in range(1, debaters + 1)]
    skill = {n: rng.gauss(0, 1) for n in names}
    config = LeagueConfig(name="sample-league", seed=seed, rounds=rounds, motions=["general-en"],
                          debaters=[{"name": n, "model": "house/club", "params": {"seed": i}}
                                    for i, n in enumerate(names)],
                          judges=[{"name": f"judge-{k + 1}", "model": "house/judge",
                                   "params": {"seed": k + 1}} for k in range(judges)])
    fmt, rubric = load_format("oxford"), load_rubric("standard")
    league = play_swiss(names, rounds, seed, lambda p: p.pro if skill[p.pro] + rng.gauss(0, 1) >
                        skill[p.con] + rng.gauss(0, 1) else p.con)
    motions = [("general-en/m%d" % k, f"This House would try motion {k}.", ("culture", "economy", "justice")[k % 3])
               for k in range(rounds)]
    hostile_texts = iter(HOSTILE * (1 + 12 * debaters * rounds // len(HOSTILE)))

    def text(n_words: int) -> str:
        return next(hostile_texts) if hostile else filler(rng, n_words)

    events: list = [TournamentStarted(league=config.name, config=config, packs={"general-en": "0" * 64},
                                      rubric=rubric, format=fmt, ts=1.0)]
    ratings = {n: initial_rating() for n in names}
    results: list[DebateResult] = []
    ballots: dict[str, list[Ballot]] = {}
    styles: dict[str, dict[str, SideStyle]] = {}
    stopped = False
    for r, draw in enumerate(league.draws, start=1):
        motion_id, motion_text, category = motions[r - 1]
        events.append(RoundPaired(round=r, motion_id=motion_id, motion_text=motion_text, category=category,
                                  draw=draw, ts=float(r)))
        new = []
        for k, p in enumerate(draw.pairings):
            half = stop_in_round == r and k >= len(draw.pairings) // 2
            events.append(DebateStarted(debate_id=p.debate_id, round=r, pro=p.pro, con=p.con,
                                        motion_id=motion_id, ts=float(r)))
            turns = fmt.turns[:len(fmt.turns) // 2] if half else fmt.turns
            for i, t in enumerate(turns):
                body = text(words)
                events.append(SpeechDone(debate_id=p.debate_id, ts=float(r), speech=Speech(
                    index=i, side=t.side, speaker=p.pro if t.side == "pro" else p.con, kind=t.kind,
                    text=body, words=len(body.split()), word_limit=t.word_limit,
                    flags=["overrun"] if len(body.split()) > t.word_limit else [])))
            if half:
                stopped = True
                break
            styles[p.debate_id] = debate_style([e.speech for e in events[-len(turns):]])
            res = next(x for x in league.results if x.debate_id == p.debate_id)
            res = res.model_copy(update={"round": r, "motion_id": motion_id})
            side = "pro" if res.winner == p.pro else "con"
            bs = [_ballot(f"judge-{j + 1}", side, rng, text(40)) for j in range(judges)]
            for b in bs:
                events.append(BallotCast(debate_id=p.debate_id, ballot=b, ts=float(r)))
            events.append(DebateDecided(result=res, ts=float(r)))
            ballots[p.debate_id] = bs
            new.append(res)
        if stopped:
            events.append(RunNote(level="error", message="run stopped: " + (HOSTILE[0] if hostile else
                                  "interrupted; run the same command to resume"), ts=float(r)))
            break
        results += new
        ratings = rate(ratings, new)
        events.append(RatingsUpdated(round=r, ratings={n: (x.mu, x.sigma) for n, x in ratings.items()},
                                     ts=float(r)))
        rows, summary = table(names, ratings, results, byes=_byes(league.draws[:r]), ballots=ballots,
                              rubric=rubric, models={n: "house/club" for n in names},
                              categories={m: c for m, _, c in motions}, styles=styles,
                              estimates=debaters <= 64, seed=seed)
        events.append(RoundCompleted(round=r, standings=rows, summary=summary, ts=float(r)))
        if r == rounds:
            events.append(TournamentFinished(standings=rows, summary=summary, ts=float(r)))
    with Store(path) as store:
        for ev in events:
            store.append(ev)
    return path


def _byes(draws: list[Draw]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in draws:
        for b in d.byes:
            out[b] = out.get(b, 0) + 1
    return out


def _ballot(judge: str, side: str, rng: random.Random, reasons: str) -> Ballot:
    other = "con" if side == "pro" else "pro"
    win = {d: float(rng.randint(6, 9)) for d in DIMS}
    lose = {d: float(rng.randint(3, 7)) for d in DIMS}
    scores = {side: win, other: lose}
    reads = [BallotRead(order=o, winner=side, scores=scores, reasons=reasons) for o in ("AB", "BA")]
    return Ballot(judge=judge, winner=side, scores=scores, reasons=reasons, reads=reads)


__all__ = ["HOSTILE", "write_league"]
