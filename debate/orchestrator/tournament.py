"""The tournament loop: pair, debate concurrently, judge, rate; resumable from the store."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from ..domain import bp_draw
from ..domain import pairing as pairing_mod
from ..domain import rating as rating_mod
from ..domain.judge_bench import to_bench
from ..domain.models import Ballot, Draw, Pairing, Rating, RatingSummary, Standing
from ..domain.speech_style import SideStyle, debate_style
from ..errors import RunStopped, UserError
from ..gateway import CallAborted, CallError, Gateway
from ..league import resources
from ..league.config import League
from ..record.events import (DebateDecided, Event, HumanBallotCast, JudgeBenched, RatingsUpdated, RoundCompleted,
                             RoundPaired, RunNote, TournamentFinished, TournamentStarted)
from ..record.state import load_state
from ..record.store import Store
from .debate_run import DebateContext, RunFatal, SpeakerUnreachable, run_speeches
from .judging import judge_panel
from .plan import TournamentPlan, plan_tournament, tournament_spent

__all__ = ["TournamentRun", "make_gateway", "run_tournament"]

REJUDGE_PASSES = 2
# A debate whose speaker is unreachable (timeouts, 429s, 5xx after the retries) is tried again
# this many times after its round's other debates, each after max_backoff_s, before it is
# forfeited: a provider outage of a minute or two must not decide debates.
OUTAGE_PASSES = 2


class TournamentRun:
    """One tournament of a league, run (or resumed) to its last round."""

    def __init__(self, league: League, store: Store, gateway: Gateway,
                 on_event: Callable[[Event], None] | None = None, *, stream: bool | None = None) -> None:
        self.league, self.store, self.gateway = league, store, gateway
        self.on_event = on_event
        # Speeches stream (TurnDelta events) only for a display that shows them live: one that
        # sets `wants_deltas = True`. A headless run asks for whole replies: far less CPU.
        self.stream = bool(getattr(on_event, "wants_deltas", False)) if stream is None else stream
        self.state = load_state(store)
        self.fatal: str | None = None
        self.stopped_debaters: dict[str, CallError] = {}  # fatal error -> forfeits for the rest of the run
        self.plan: TournamentPlan = plan_tournament(league, self.state)
        self._categories = {**self._unrecorded_categories(), **self.state.categories()}
        # A league file's budget, like its `rounds`, is its tournament's: the league's earlier
        # tournaments (what they cost: earlier_usd) were paid for under their own files.
        spent, self.earlier_usd = tournament_spent(store, self.state, self.plan.first_round)
        gateway.start_tournament(spent)

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

    def _standings(self, ratings: dict[str, Rating]) -> tuple[list[Standing], RatingSummary]:
        """Standings after the round just played (every round paired so far is decided: the
        round being closed is not marked completed until its RoundCompleted is applied)."""
        return rating_mod.table(self.names, ratings, self.state.results(),
                                byes=self.state.byes(),
                                ballots=self.state.ballots(), rubric=self.league.rubric,
                                models={d.name: d.model for d in self.league.config.debaters},
                                categories={**{q: m.category for q, m in self.league.motion_schedule()},
                                            **self._categories},
                                mode=self.league.config.rating, styles=self._styles(),
                                seed=self.league.config.seed,
                                bye_points=bp_draw.BYE_POINTS if self.league.format.four_sides else None)

    def _styles(self) -> dict[str, dict[str, SideStyle]]:
        """Per debated debate, what style control reads of each side (words, markdown)."""
        return {d.debate_id: debate_style(d.speeches) for d in self.state.debates.values()
                if d.result is not None and d.result.result != "forfeit"
                and {s.side for s in d.speeches} == {"pro", "con"}}

    async def run(self) -> list[Standing]:
        lg, plan = self.league, self.plan
        ended_early = self._ended_early()
        exam_notes = []
        if lg.exam_pack is not None and lg.config.judging.exam is not None and not plan.resumed:
            exam_notes = await self._seat_judges()
        self.emit(TournamentStarted(league=lg.name, config=lg.config, packs=lg.pack_hashes(),
                                    rubric=lg.rubric, format=lg.format, resumed=plan.resumed,
                                    number=plan.number, first_round=plan.first_round))
        if ended_early:
            self.emit(RunNote(level="warning", message=ended_early))
        for note in exam_notes:
            self.emit(RunNote(message=note))
        if self.gateway.budget_usd is not None:
            from ..gateway.pricing import price_per_token

            unpriced = [e.name for e in (*lg.config.debaters, *lg.config.judges)
                        if price_per_token(e) is None]
            if plan.first_round > 1:
                self.emit(RunNote(level="info", message=(
                    f"the budget of ${self.gateway.budget_usd:g} counts this tournament's calls "
                    f"(${self.gateway.spent_usd:.4f} so far); the league's earlier tournaments "
                    f"cost ${self.earlier_usd:.4f}")))
            if unpriced:
                self.emit(RunNote(level="warning", message="the budget cannot count calls to "
                                  f"{', '.join(unpriced)}: no price known (give each a `price:`)"))
        # Ratings are folded over every completed round of the league, earlier tournaments
        # included: each tournament starts from the ratings the last one ended with.
        ratings = {n: rating_mod.initial_rating() for n in self.names}
        successors, seen = self._successors(), set()  # seen: everyone drawn before round n
        # as of `ratings`, when the last round was played here
        standings: tuple[list[Standing], RatingSummary] | None = None
        for n in range(1, plan.first_round + lg.config.rounds):
            ratings = rating_mod.inherit(ratings, successors, seen)
            standings = None
            rnd = self.state.rounds.get(n)
            if rnd is not None and rnd.completed:
                seen |= rnd.draw.names
                ratings = self._apply_round(ratings, rnd.draw)
                continue
            if n < plan.first_round:  # an earlier tournament's unfinished round (plan_tournament refuses it)
                seen |= rnd.draw.names if rnd is not None else set()
                continue
            if self.stopping.is_set():
                raise self._stopped(f"before round {n}")
            draw = rnd.draw if rnd is not None else self._pair(n, ratings)
            seen |= draw.names
            await self._play(n, draw)
            self._bench(n)
            ratings = self._apply_round(ratings, draw)
            self.emit(RatingsUpdated(round=n, ratings={k: (v.mu, v.sigma) for k, v in ratings.items()}))
            standings = self._standings(ratings)
            self.emit(RoundCompleted(round=n, standings=standings[0], summary=standings[1]))
        final, summary = standings or self._standings(ratings)
        self.emit(TournamentFinished(standings=final, summary=summary))
        return final

    def _unrecorded_categories(self) -> dict[str, str]:
        """Debate id -> category for rounds paired before categories were recorded, from the
        packs their tournament used when they can still be found unchanged (stock packs, absolute
        paths): this file's packs may lack those motions or, in a new version, recategorise them."""
        missing = [r for r in self.state.rounds.values() if not r.category]
        out: dict[str, str] = {}
        for tournament in self.state.tournaments if missing else []:
            for ref in tournament.config.motions:
                try:
                    pack = resources.load_pack(ref, Path(self.league.path).parent)
                except (UserError, OSError):
                    continue
                if tournament.packs.get(pack.id) != resources.canonical_hash(pack):
                    continue
                cats = {f"{pack.id}/{m.id}": m.category for m in pack.motions}
                out.update({p.debate_id: cats[r.motion_id] for r in missing
                            if self.state.tournament_of(r.number) is tournament and r.motion_id in cats
                            for p in r.draw.pairings})
        return out

    def _ended_early(self) -> str | None:
        """A note when this file starts a tournament before the last one played all its rounds."""
        if self.plan.resumed or not self.state.tournaments:
            return None
        last = self.state.tournaments[-1]
        played = len(self.state.tournament_rounds(last))
        planned = last.planned_rounds
        if played >= planned:
            return None
        return (f"tournament {last.number} ended after {played} of its {planned} rounds: "
                f"tournament {self.plan.number} starts at round {self.plan.first_round}")

    def _successors(self) -> dict[str, str]:
        # Every tournament's links: a later file that drops a `supersedes:` must not change
        # how the ratings of rounds already played are folded.
        out = {d.name: d.supersedes for t in self.state.tournaments
               for d in t.config.debaters if d.supersedes}
        out.update({d.name: d.supersedes for d in self.league.config.debaters if d.supersedes})
        return out

    def _apply_round(self, ratings: dict[str, Rating], draw: Draw) -> dict[str, Rating]:
        results = [self.state.debates[p.debate_id].result for p in draw.pairings]
        return rating_mod.rate(ratings, [r for r in results if r is not None])

    def _pair(self, n: int, ratings: dict[str, Rating]) -> Draw:
        # The draw restarts with each tournament (scores, opponents, sides, byes); ratings do not.
        first = self.plan.first_round
        results = self.state.results(completed_rounds_only=True, since=first)
        if self.league.format.four_sides:
            draws = [r.draw for k, r in sorted(self.state.rounds.items()) if k >= first and r.completed]
            draw = bp_draw.bp_draw(bp_draw.entrants_from_history(self.names, ratings, results, draws), n,
                                   seed=self.league.config.seed, past_rooms=bp_draw.past_lineups(results))
        else:
            byes = self.state.byes(completed_rounds_only=True, since=first)
            mirror = self.league.config.mirror
            scores = rating_mod.scores(self.names, results, byes, bye_value=2.0 if mirror else 1.0)
            entrants = pairing_mod.entrants_from_history(self.names, ratings, results, byes, scores)
            draw = pairing_mod.pair(entrants, n, seed=self.league.config.seed, mirror=mirror)
        motion_id, motion = self.league.motion_for_round(n, first)
        self.emit(RoundPaired(round=n, motion_id=motion_id, motion_text=motion.text,
                              category=motion.category, draw=draw))
        return draw

    async def _seat_judges(self) -> list[str]:
        """`judging: exam:`: every judge sits the exam before round 1; one below the minimums
        stops the run before anything is recorded (its calls are stored: a rerun is free)."""
        from .exam import run_exam

        req, lg = self.league.config.judging.exam, self.league
        assert req is not None and lg.exam_pack is not None
        try:
            results = await run_exam(lg, lg.exam_pack, self.gateway)
        except CallAborted:
            raise self._stopped("during the judges' exam") from None
        failed = [r for r in results if not r.passes(req.min_accuracy, req.min_consistency)]
        if failed:
            raise UserError("not seated: " + "; ".join(
                f"judge {r.judge} scored accuracy {r.accuracy:.0%}, consistency {r.consistency:.0%} on "
                f"exam {lg.exam_pack.id} (the league asks for {req.min_accuracy:.0%} and "
                f"{req.min_consistency:.0%})" for r in failed) + ". Remove the judge or change judging.exam",
                file=lg.path, field="judging.exam")
        return [f"judge {r.judge} seated after the exam {lg.exam_pack.id}: accuracy {r.accuracy:.0%}, "
                f"consistency {r.consistency:.0%} over {len(r.items)} items" for r in results]

    def _human_ballots(self, debate_id: str) -> list[Ballot]:
        """People's ballots on this debate's current attempt, read from the store (another
        process, the viewer or an import, may have written them since this run started)."""
        out: dict[str, Ballot] = {}
        for _, ev in self.store.debate_events(debate_id, types=("debate_started", "human_ballot_cast")):
            if isinstance(ev, HumanBallotCast):
                out[ev.ballot.judge] = ev.ballot
            else:
                out = {}
        return list(out.values())

    async def _play(self, n: int, draw: Draw) -> None:
        rnd = self.state.rounds[n]
        motion = self.league.motion(rnd.motion_id)
        ctx = DebateContext(self.league, self.gateway, self.emit, stream=self.stream,
                            stopped=self.stopped_debaters, human_ballots=self._human_ballots,
                            benched=self.state.benched)
        sem = asyncio.Semaphore(self.league.config.concurrency)
        unjudged: list[tuple[Pairing, list]] = []

        deferred: list[Pairing] = []

        async def one(p: Pairing, last_chance: bool = False) -> None:
            d = self.state.debates.get(p.debate_id)
            if d is not None and d.result is not None:
                return
            async with sem:
                if self.stopping.is_set():
                    return
                attempt = (d.attempt if d else 0) + 1
                try:
                    transcript, forfeit = await run_speeches(ctx, p, n, rnd.motion_id, motion, attempt,
                                                             defer_outage=OUTAGE_PASSES > 0 and not last_chance)
                    if forfeit is not None:
                        self.emit(DebateDecided(result=forfeit))
                        return
                    _, result = await judge_panel(ctx, p, n, rnd.motion_id, motion, transcript)
                except CallAborted:
                    return  # left unfinished: the next run replays its stored calls for free
                except RunFatal as exc:
                    self._fatal_stop(str(exc))
                    return
                except SpeakerUnreachable as exc:
                    deferred.append(p)
                    self.emit(RunNote(level="warning", debate_id=p.debate_id, detail=exc.detail,
                                      message=f"{p.debate_id}: {exc}; trying it again after the "
                                              "round's other debates"))
                    return
                if result is None:
                    unjudged.append((p, transcript))
                else:
                    self.emit(DebateDecided(result=result))

        await asyncio.gather(*(one(p) for p in draw.pairings))
        for pass_no in range(1, OUTAGE_PASSES + 1):
            if not deferred or self.stopping.is_set():
                break
            retry, deferred[:] = list(deferred), []
            wait = self.league.config.max_backoff_s
            self.emit(RunNote(level="warning", message=f"round {n}: {len(retry)} debate(s) could not "
                              f"reach a debater; trying again in {wait:g} s (pass {pass_no} of "
                              f"{OUTAGE_PASSES}{', then a forfeit' if pass_no == OUTAGE_PASSES else ''})"))
            try:
                await self.gateway.pause(wait)
            except CallAborted:
                break
            await asyncio.gather(*(one(p, last_chance=pass_no == OUTAGE_PASSES) for p in retry))
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
                except RunFatal as exc:
                    self._fatal_stop(str(exc))
                    break
                if result is None:
                    unjudged.append((p, transcript))
                else:
                    self.emit(DebateDecided(result=result))
        if self.stopping.is_set():
            raise self._stopped(f"during round {n}")
        if unjudged:
            ids = ", ".join(p.debate_id for p, _ in unjudged)
            benched = sorted(self.state.benched)
            raise RunStopped(f"no judge could score {ids}; check the judges, then run the same "
                             "command to resume (speeches are kept)"
                             + (f"; benched in this tournament: {', '.join(benched)} (a league file "
                                "with new judges and `tournament: NAME` starts a tournament that seats "
                                "them)" if benched else ""), exit_code=1)


    def _bench(self, n: int) -> None:
        """After round n: bench the judges this tournament's ballots show cannot be trusted
        (debate.domain.judge_bench). Rounds already played keep their ballots and results."""
        if not self.state.tournaments:
            return
        tournament = self.state.tournaments[-1]
        rounds = set(self.state.tournament_rounds(tournament))
        by_judge: dict[str, list] = {}
        for d in self.state.debates.values():
            if d.round in rounds:
                for b in d.ballots:
                    by_judge.setdefault(b.judge, []).append(b)
        for b in to_bench(by_judge, set(tournament.benched)):
            self.emit(JudgeBenched(judge=b.judge, round=n, kind=b.kind, reason=b.reason))
            self.emit(RunNote(level="warning", message=f"judge {b.judge} is benched for the rest of "
                              f"this tournament after round {n}: {b.reason}; the panel decides without it"))

    def _fatal_stop(self, message: str) -> None:
        if self.fatal is None:
            self.fatal = message
            self.emit(RunNote(level="error", message=message + "; stopping the run"))
        self.gateway.request_stop(message, kind="fatal")


def make_gateway(league: League, store: Store, *, budget_usd: float | None = None) -> Gateway:
    """The gateway a league runs with: its retry policy, its secrets, its budget (what the
    tournament already spent is set by TournamentRun, which knows which tournament it runs)."""
    cfg = league.config
    secrets = [s for e in (*cfg.debaters, *cfg.judges) for s in e.secrets()]
    budget = budget_usd if budget_usd is not None else cfg.budget_usd
    return Gateway(store, max_retries=cfg.retries, backoff_s=cfg.retry_backoff_s,
                   max_backoff_s=cfg.max_backoff_s, seed=cfg.seed, secrets=secrets,
                   budget_usd=budget)


async def run_tournament(league: League, store: Store, *, gateway: Gateway | None = None,
                         on_event: Callable[[Event], None] | None = None,
                         stream: bool | None = None,
                         preflight: Callable[[list], None] | bool = False) -> list[Standing]:
    """Run (or resume) a league to the end and return the final standings.

    `preflight`: check every model first (orchestrator.preflight; raises PreflightFailed before
    any debate); a callable also receives the checked targets, to report them."""
    gw = gateway or make_gateway(league, store)
    try:
        run = TournamentRun(league, store, gw, on_event, stream=stream)
        if preflight:
            from .preflight import preflight as check

            checked = await check(league, gw, tag=f"r{run.plan.first_round}-{uuid.uuid4().hex[:8]}")
            if callable(preflight):
                preflight(checked)
        return await run.run()
    finally:
        from ..gateway.llm import close_clients
        await close_clients()

