"""The tournament loop: pair, debate concurrently, judge, rate; resumable from the store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from ..config import League
from ..domain import pairing as pairing_mod
from ..domain import rating as rating_mod
from ..domain.models import Draw, Pairing, Rating, Standing
from ..errors import RunStopped, UserError
from ..events import (DebateDecided, Event, RatingsUpdated, RoundCompleted, RoundPaired, RunNote,
                      TournamentFinished, TournamentStarted)
from ..gateway import CallAborted, Gateway
from ..replay import TournamentState, load_state
from ..store import Store
from .debate_run import DebateContext, run_speeches
from .judging import JudgeFatal, judge_panel

REJUDGE_PASSES = 2


def check_supersedes(league: League, state: TournamentState) -> None:
    """A `supersedes:` must name a debater of this league file or of the database's league."""
    known = {d.name for d in league.config.debaters}
    known |= {d["name"] for d in state.config.get("debaters", [])}
    known |= {x for r in state.rounds.values() for x in r.draw.byes}
    known |= {x for r in state.rounds.values() for p in r.draw.pairings for x in (p.pro, p.con)}
    for i, d in enumerate(league.config.debaters):
        if d.supersedes and d.supersedes not in known:
            raise UserError(f"debater {d.name!r} supersedes {d.supersedes!r}, which is neither in "
                            "this league file nor in its database", file=league.path,
                            field=f"debaters.{i}.supersedes")


def check_compatible(league: League, state: TournamentState) -> None:
    """Refuse to continue a database under a league file that changes what was run."""
    check_supersedes(league, state)
    if not state.config:
        return
    old, new = state.config, league.config.model_dump(mode="json")
    problems = []
    for key in ("seed", "format", "rubric", "motions", "case_notes", "mirror"):
        if old.get(key, False if key == "mirror" else None) != new.get(key):
            problems.append(f"{key} changed ({old.get(key)!r} -> {new.get(key)!r})")
    old_debaters = {d["name"]: d for d in old.get("debaters", [])}
    new_debaters = {d["name"]: d for d in new.get("debaters", [])}
    superseded = {d["supersedes"] for d in new.get("debaters", []) if d.get("supersedes")}
    for name, d in old_debaters.items():
        if name not in new_debaters:
            if name not in superseded:  # a superseded version may retire
                problems.append(f"debater {name!r} was removed")
        elif (new_debaters[name]["model"], new_debaters[name].get("params")) != (d["model"], d.get("params")):
            problems.append(f"debater {name!r} changed model or params (add it under a new name "
                            "to track a new version)")
    if state.packs and state.packs != league.pack_hashes():
        problems.append("a motion pack's content changed")
    played = max(state.rounds, default=0)
    if league.config.rounds < played:
        problems.append(f"rounds lowered to {league.config.rounds} but {played} were already paired")
    if problems:
        raise UserError("this database holds a different tournament: " + "; ".join(problems)
                        + ". Use another --db, or restore the original league file.",
                        file=league.path)


class Tournament:
    def __init__(self, league: League, store: Store, gateway: Gateway,
                 on_event: Callable[[Event], None] | None = None, *, stream: bool | None = None) -> None:
        self.league, self.store, self.gateway = league, store, gateway
        self.on_event = on_event
        # Speeches stream (TurnDelta events) only for a display that shows them live: one that
        # sets `wants_deltas = True`. A headless run asks for whole replies: far less CPU.
        self.stream = bool(getattr(on_event, "wants_deltas", False)) if stream is None else stream
        self.state = load_state(store)
        self.fatal: str | None = None
        self.stopped_debaters: dict[str, str] = {}  # fatal error -> forfeits for the rest of the run
        check_compatible(league, self.state)

    @property
    def stopping(self) -> asyncio.Event:
        """Set by Ctrl-C, the budget or a fatal judge: no new call starts after it."""
        return self.gateway.stopping

    def _stopped(self, where: str) -> RunStopped:
        if self.fatal:
            reason, code = self.fatal + "; fix it, then run the same command to resume", 1
        else:
            reason = self.gateway.stop_reason or "interrupted; run the same command to resume"
            code = 3 if self.gateway.stop_kind == "budget" else 130
            reason = f"{where}: {reason}"
        self.emit(RunNote(level="error" if code == 1 else "warning", message=f"run stopped: {reason}"))
        return RunStopped(reason, exit_code=code)

    def emit(self, ev: Event) -> None:
        if not ev.ts:
            ev.ts = time.time()
        self.store.append(ev)
        self.state.apply(ev)
        if self.on_event is not None:
            self.on_event(ev)

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.league.config.debaters]

    def _standings(self, ratings: dict[str, Rating]) -> list[Standing]:
        return rating_mod.standings(self.names, ratings,
                                    self.state.results(completed_rounds_only=True),
                                    byes=self.state.byes(completed_rounds_only=True),
                                    ballots=self.state.ballots(), rubric=self.league.rubric,
                                    models={d.name: d.model for d in self.league.config.debaters},
                                    categories={q: m.category for q, m in self.league.motion_schedule()},
                                    seed=self.league.config.seed)

    async def run(self) -> list[Standing]:
        lg = self.league
        resumed = bool(self.state.config)
        self.emit(TournamentStarted(league=lg.name, config=lg.config.model_dump(mode="json"),
                                    packs=lg.pack_hashes(), rubric=lg.rubric.model_dump(mode="json"),
                                    format=lg.format.model_dump(mode="json"), resumed=resumed))
        if self.gateway.budget_usd is not None:
            from ..gateway.pricing import price_per_token

            unpriced = [e.name for e in (*lg.config.debaters, *lg.config.judges)
                        if price_per_token(e) is None]
            if unpriced:
                self.emit(RunNote(level="warning", message="the budget cannot count calls to "
                                  f"{', '.join(unpriced)}: no price known (give each a `price:`)"))
        ratings = {n: rating_mod.initial_rating() for n in self.names}
        for n in range(1, lg.config.rounds + 1):
            ratings = rating_mod.inherit(ratings, self._successors(), self._seen_before(n))
            rnd = self.state.rounds.get(n)
            if rnd is not None and rnd.completed:
                ratings = self._apply_round(ratings, rnd.draw)
                continue
            if self.stopping.is_set():
                raise self._stopped(f"before round {n}")
            draw = rnd.draw if rnd is not None else self._pair(n, ratings)
            await self._play(n, draw)
            ratings = self._apply_round(ratings, draw)
            self.emit(RatingsUpdated(round=n, ratings={k: (v.mu, v.sigma) for k, v in ratings.items()}))
            self.emit(RoundCompleted(round=n, standings=self._standings(ratings)))
        final = self._standings(ratings)
        self.emit(TournamentFinished(standings=final))
        return final

    def _successors(self) -> dict[str, str]:
        return {d.name: d.supersedes for d in self.league.config.debaters if d.supersedes}

    def _seen_before(self, n: int) -> set[str]:
        draws = [r.draw for k, r in self.state.rounds.items() if k < n]
        return {x for d in draws for x in (*d.byes, *(y for p in d.pairings for y in (p.pro, p.con)))}

    def _apply_round(self, ratings: dict[str, Rating], draw: Draw) -> dict[str, Rating]:
        results = [self.state.debates[p.debate_id].result for p in draw.pairings]
        return rating_mod.rate(ratings, [r for r in results if r is not None])

    def _pair(self, n: int, ratings: dict[str, Rating]) -> Draw:
        results = self.state.results(completed_rounds_only=True)
        byes = self.state.byes(completed_rounds_only=True)
        mirror = self.league.config.mirror
        scores = rating_mod.scores(self.names, results, byes, bye_value=2.0 if mirror else 1.0)
        entrants = pairing_mod.entrants_from_history(self.names, ratings, results, byes, scores)
        draw = pairing_mod.pair(entrants, n, seed=self.league.config.seed, mirror=mirror)
        motion_id, motion = self.league.motion_for_round(n)
        self.emit(RoundPaired(round=n, motion_id=motion_id, motion_text=motion.text, draw=draw))
        return draw

    async def _play(self, n: int, draw: Draw) -> None:
        rnd = self.state.rounds[n]
        motion = self.league.motion(rnd.motion_id)
        ctx = DebateContext(self.league, self.gateway, self.emit, stream=self.stream,
                            stopped=self.stopped_debaters)
        sem = asyncio.Semaphore(self.league.config.concurrency)
        unjudged: list[tuple[Pairing, list]] = []

        async def one(p: Pairing) -> None:
            d = self.state.debates.get(p.debate_id)
            if d is not None and d.result is not None:
                return
            async with sem:
                if self.stopping.is_set():
                    return
                attempt = (d.attempt if d else 0) + 1
                try:
                    transcript, forfeit = await run_speeches(ctx, p, n, rnd.motion_id, motion, attempt)
                    if forfeit is not None:
                        self.emit(DebateDecided(result=forfeit))
                        return
                    _, result = await judge_panel(ctx, p, n, rnd.motion_id, motion, transcript)
                except CallAborted:
                    return  # left unfinished: the next run replays its stored calls for free
                except JudgeFatal as exc:
                    self._judge_fatal(str(exc))
                    return
                if result is None:
                    unjudged.append((p, transcript))
                else:
                    self.emit(DebateDecided(result=result))

        await asyncio.gather(*(one(p) for p in draw.pairings))
        for pass_no in range(1, REJUDGE_PASSES + 1):
            if not unjudged or self.stopping.is_set():
                break
            retry, unjudged[:] = list(unjudged), []
            self.emit(RunNote(level="warning", message=f"round {n}: re-judging {len(retry)} debate(s) "
                              f"with no valid ballot (pass {pass_no})"))
            for p, transcript in retry:
                try:
                    _, result = await judge_panel(ctx, p, n, rnd.motion_id, motion, transcript,
                                                  pass_no=pass_no)
                except CallAborted:
                    break
                except JudgeFatal as exc:
                    self._judge_fatal(str(exc))
                    break
                if result is None:
                    unjudged.append((p, transcript))
                else:
                    self.emit(DebateDecided(result=result))
        if self.stopping.is_set():
            raise self._stopped(f"during round {n}")
        if unjudged:
            ids = ", ".join(p.debate_id for p, _ in unjudged)
            raise RunStopped(f"no judge could score {ids}; check the judges, then run the same "
                             "command to resume (speeches are kept)", exit_code=1)


    def _judge_fatal(self, message: str) -> None:
        if self.fatal is None:
            self.fatal = message
            self.emit(RunNote(level="error", message=message + "; stopping the run"))
        self.gateway.request_stop(message, kind="fatal")


def make_gateway(league: League, store: Store, *, budget_usd: float | None = None) -> Gateway:
    """The gateway a league runs with: its retry policy, its secrets, its budget so far."""
    cfg = league.config
    secrets = [s for e in (*cfg.debaters, *cfg.judges) for s in e.secrets()]
    budget = budget_usd if budget_usd is not None else cfg.budget_usd
    return Gateway(store, max_retries=cfg.retries, backoff_s=cfg.retry_backoff_s,
                   max_backoff_s=cfg.max_backoff_s, seed=cfg.seed, secrets=secrets,
                   budget_usd=budget, spent_usd=store.call_totals()["cost_usd"])


async def run_tournament(league: League, store: Store, *, gateway: Gateway | None = None,
                         on_event: Callable[[Event], None] | None = None,
                         stream: bool | None = None) -> list[Standing]:
    """Run (or resume) a league to the end and return the final standings."""
    gw = gateway or make_gateway(league, store)
    try:
        return await Tournament(league, store, gw, on_event, stream=stream).run()
    finally:
        from ..gateway.llm import close_clients
        await close_clients()

