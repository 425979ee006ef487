"""The labelled corpus of real SmolLM2 output (tests/data/corpus): loading, the tuning and
held-out halves, and precision/recall of a detector against the hand labels.

How it was recorded and labelled: benchmarks/corpus/README.md. The halves are fixed by a hash
of each item's debate (a hand-written item is its own debate), so a debate's speeches are never
split between tuning and checking.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from debate.domain.flags import MotionTerms, SpeechContext, motion_terms
from tests import DATA

CORPUS = DATA / "corpus"
HALVES = ("tuning", "held-out")


def _read(name: str) -> list[dict]:
    with open(CORPUS / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@lru_cache(maxsize=1)
def speeches() -> tuple[dict, ...]:
    return tuple(_read("speeches.jsonl"))


@lru_cache(maxsize=1)
def ballots() -> tuple[dict, ...]:
    return tuple(_read("ballots.jsonl"))


@lru_cache(maxsize=1)
def debates() -> dict[str, dict]:
    return {d["id"]: d for d in _read("debates.jsonl")}


def group(item: dict) -> str:
    """The debate an item belongs to (hand-written items stand alone)."""
    if item.get("source") == "handwritten":
        return item["id"]
    return f"{item['league']}:{item['debate_id']}"


def half(item: dict) -> str:
    return HALVES[hashlib.sha256(group(item).encode()).digest()[0] % 2]


@lru_cache(maxsize=None)
def terms_of(motion_id: str | None, text: str) -> MotionTerms:
    from debate.league.resources import load_pack

    notes: list[str] = []
    if motion_id:
        pack_id, mid = motion_id.split("/", 1)
        m = load_pack(pack_id).motion(mid)
        notes = [m.background] + [x for a in (m.arguments.pro + m.arguments.con if m.arguments else [])
                                  for x in (a.claim, *a.evidence)]
    return motion_terms(text, motion_id or "", notes)


def context(item: dict) -> SpeechContext:
    return SpeechContext(
        text=item["text"], words=item["words"], word_limit=item["word_limit"],
        motion=terms_of(item.get("motion_id"), item["motion"]),
        earlier=tuple((s["side"] == item["side"], s["text"]) for s in sorted(
            item["opponent_previous_speeches"] + item["own_previous_speeches"], key=lambda s: s["index"])),
        finish_reason=item.get("finish_reason"), completion_tokens=item.get("completion_tokens"),
        max_tokens=item.get("max_tokens"))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def score(items: Iterable[dict], predicted: Callable[[dict], bool], label: Callable[[dict], bool]) -> Score:
    s = Score()
    for it in items:
        p, t = predicted(it), label(it)
        if p and t:
            s.tp += 1
        elif p:
            s.fp += 1
        elif t:
            s.fn += 1
        else:
            s.tn += 1
    return s


def transcript_of(debate: dict):
    """A recorded debate's speeches as today's engine would record them: the text as written,
    cut at the word limit for the judges, with today's flags."""
    from debate.domain.flags import SpeechContext, speech_flags
    from debate.domain.models import Speech
    from debate.domain.prompts import nonce_for
    from debate.orchestrator.debate_run import enforce_limit

    motion = motion_of(debate["motion_id"])
    terms = terms_of(debate["motion_id"], motion.text)
    # The calls' token counts (for `truncated`) are on the corpus's speech items.
    calls = {it["id"]: it for it in speeches() if it["source"] == "recorded"}
    out: list[Speech] = []
    for s in debate["speeches"]:
        shown, words, _ = enforce_limit(s["text"], s["word_limit"])
        call = calls.get(f"{debate['id']}:s{s['index'] + 1}", {})
        flags = speech_flags(SpeechContext(
            text=s["text"], words=words, word_limit=s["word_limit"], motion=terms,
            earlier=tuple((x.side == s["side"], x.text) for x in out),
            completion_tokens=call.get("completion_tokens"), max_tokens=call.get("max_tokens"),
            nonce=nonce_for(0, debate["debate_id"])))
        out.append(Speech(index=s["index"], side=s["side"], speaker=s["speaker"], kind=s["kind"],
                          text=shown, words=words, word_limit=s["word_limit"], flags=flags))
    return out


@lru_cache(maxsize=None)
def motion_of(motion_id: str):
    from debate.league.resources import load_pack

    pack_id, mid = motion_id.split("/", 1)
    return load_pack(pack_id).motion(mid)


def rejudge(debate: dict, *, seeds: tuple[int, ...] = (0,)):
    """Today's house judge (one per seed) on a recorded debate, both orders, through the
    engine's own parse, ballot gate, penalties, ballot and panel rules. Returns the result."""
    from debate.domain import prompts
    from debate.domain.ballot_gate import GateContext, check_ballot
    from debate.domain.models import BallotRead, Pairing
    from debate.domain.verdicts import combine, decide, settle_read
    from debate.house import house_ballot
    from debate.league.resources import load_rubric

    rubric = load_rubric(debate["rubric"])
    motion = motion_of(debate["motion_id"])
    transcript = transcript_of(debate)
    ballots = []
    for seed in seeds:
        reads = []
        for name, order in (("AB", ("pro", "con")), ("BA", ("con", "pro"))):
            msgs = prompts.judge_messages(rubric, motion, transcript, nonce="0123456789ab", order=order,
                                          notes=debate["case_notes"])
            got = prompts.parse_ballot(house_ballot(msgs, seed), rubric, order)
            plain = prompts.judge_messages(rubric, motion, transcript, nonce="")[0]["content"]
            gate = GateContext(debate="\n".join([motion.text, *(s.text for s in transcript)]),
                               instructions=plain.replace(motion.text, " "),
                               scale=(rubric.scale.min, rubric.scale.max),
                               example_reasons=prompts.example_reasons(rubric))
            checks = check_ballot(got.reasons, got.scores, gate)
            if checks:
                reads.append(BallotRead(order=name, failed=True, checks=checks, error=", ".join(checks)))
                continue
            read = BallotRead(order=name, winner=got.winner, scores=got.scores, reasons=got.reasons,
                              stated=prompts.side_letters(order)[got.winner])
            reads.append(settle_read(read, transcript, rubric))
        ballots.append(combine(f"house-judge-{seed}", reads, transcript, rubric))
    pairing = Pairing(debate_id=debate["debate_id"], pro=debate["pro"], con=debate["con"])
    return decide(pairing, debate["round"], debate["motion_id"], ballots, rubric), ballots
