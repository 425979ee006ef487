"""The messages of a four-side (British Parliamentary) debate, and the parsing of its ballots.

Pure text functions, under the rules of `prompts`: speeches are untrusted and reach judges only
inside nonce-fenced blocks, neutralised. A judge sees the sides as Side A to D in the letter
order its read asks for (``bp_verdicts.presentation_orders``), the speeches in the order they
were spoken, and returns every side's rubric scores and a rank from 1 to 4 for each side.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .models import BENCH, SIDE_NAMES, Format, Motion, Rubric, Speech
from .prompts import (FOUR_SIDES_MARK, MOTION_LINE, REASONS_CHARS, SIDE_LINE, BallotError, _judge_text,
                      _validated_reply, build_debater_messages, build_judge_messages, scale_span, side_scores,
                      speech_scores_of)

LETTERS = "ABCD"
PARTNER = {"og": "cg", "cg": "og", "oo": "co", "co": "oo"}


def _stance(side: str) -> str:
    return "for" if BENCH[side] == "pro" else "against"


# --- debaters -----------------------------------------------------------------------------

def debater_messages(motion: Motion, fmt: Format, turn_index: int, side: str, transcript: list[Speech], *,
                     case_notes: bool = True, persona: str | None = None) -> list[dict[str, str]]:
    label, stance = SIDE_NAMES[side], _stance(side)
    mine = [t.role or t.kind for t in fmt.turns if t.side == side]
    closing = side in ("cg", "co")
    head = [
        f"You are a debater in a British Parliamentary debate judged by a panel: {FOUR_SIDES_MARK}, "
        "ranked 1st to 4th.",
        f"{MOTION_LINE}{motion.text}",
        f"{SIDE_LINE}{label} ({stance} the motion). {SIDE_NAMES[PARTNER[side]]} argues the same way; "
        f"the other two sides argue {'against' if stance == 'for' else 'for'} it.",
        f"Format: {fmt.title}; {len(fmt.turns)} speeches in all; yours are the {' and '.join(mine)}.",
        "You are ranked against all three other sides, your bench partner included: "
        + ("bring an extension, an argument or analysis the opening team on your bench did not make, "
           "and show why it matters most." if closing else
           "set up your bench's case so clearly that it stands through the closing half."),
    ]
    args = (motion.arguments.pro if BENCH[side] == "pro" else motion.arguments.con) if motion.arguments else []
    if closing:  # the closing team starts from the other end of the notes: material for an extension
        args = args[len(args) // 2:] + args[:len(args) // 2]

    def who(s: Speech) -> str:
        role = fmt.turns[s.index].role if s.index < len(fmt.turns) else ""
        return f"{SIDE_NAMES[s.side]}{', ' + role if role else ''} ({_stance(s.side)})" + \
            (" (you)" if s.side == side else "")

    return build_debater_messages(
        head, motion, fmt.turns[turn_index], label, args if case_notes else [],
        "Rules: argue only for your side; keep within the word limit; engage the other sides' "
        "arguments; be civil; do not say who or what you are; do not address the judges or give "
        "them instructions. Speak in the language of the motion. Output only the speech.",
        persona, transcript, who)


# --- judges -------------------------------------------------------------------------------

_TEXT = {
    "en": {
        "head": "You are an impartial adjudicator of a British Parliamentary debate. Four anonymous sides, "
                "Side A to Side D, debated the motion:\n\"{motion}\"\nTwo sides argued for the motion "
                "(the Government bench) and two against it (the Opposition bench); the transcript tells you "
                "which. The speeches appear in the order they were given: the opening half first, then the "
                "closing half, whose sides had to add something new to their bench's case.\n\n"
                "Score each side on every dimension from {scale_min} to {scale_max}:\n{dimensions}\n\n"
                "Then rank the four sides from 1 (best) to 4, each place once. A side competes with the other "
                "side of its own bench as much as with the other bench. Ranks should agree with your scores: "
                "do not rank a side above one you scored higher overall.\n"
                "Judge only what was said in the speeches. Do not reward length for its own sake, and do not "
                "let the letters or the order in which the sides appear influence you. Rank by who debated "
                "better, not by which side of the motion you agree with.",
        "order": "Sides in letter order: {sides}. Give each side's scores and rank in letter order.",
        "for": "for the motion", "against": "against the motion", "rank": "1 to 4",
    },
    "zh": {
        "head": "你是一名公正的英国议会制辩论裁判。匿名的四方，A方至D方，就以下辩题进行了辩论：\n“{motion}”\n"
                "两方支持辩题（政府方），两方反对辩题（反对方）；发言记录会标明各自立场。发言按实际顺序排列："
                "先是上半场，然后是下半场，下半场的两方须为本方阵营提出新的论点（延伸）。\n\n"
                "请按以下每个维度为四方分别打分，从 {scale_min} 到 {scale_max} 分：\n{dimensions}\n\n"
                "然后将四方从 1（最佳）到 4 排名，每个名次只用一次。每一方既与对方阵营竞争，也与本方阵营的另一方竞争。"
                "名次应与分数一致：不要把一方排在你总分打得更高的一方之前。\n"
                "只依据发言内容评判。不要因为篇幅长而加分，也不要让字母或出场顺序影响你的判断。"
                "排名取决于谁辩得更好，而不是你是否赞同哪一方的立场。请用中文写出理由。",
        "order": "各方按字母顺序：{sides}。请按字母顺序给出各方的分数和名次。",
        "for": "支持辩题", "against": "反对辩题", "rank": "1 到 4",
    },
}


def _text(rubric: Rubric) -> dict[str, str]:
    return _TEXT["zh" if rubric.language.lower().startswith("zh") else "en"]


def judge_messages(rubric: Rubric, motion: Motion, transcript: list[Speech], *, nonce: str,
                   order: tuple[str, ...], speech_scores: bool = False, notes: bool = False) -> list[dict[str, str]]:
    """The judge's prompt for one read: `order` lists the sides shown as Side A, B, C and D.
    With `notes`, the motion pack's arguments and evidence for each bench (prompts.judge_messages)."""
    t, shared = _text(rubric), _judge_text(rubric)
    letter = {side: LETTERS[i] for i, side in enumerate(order)}
    # Placeholders, as in 1v1: a copy of the example is not a ballot.
    example: dict[str, Any] = {
        "reasons": shared["reasons"],
        "scores": {x: {d: scale_span(rubric) for d in rubric.dimension_ids} for x in LETTERS},
        "ranks": {x: t["rank"] for x in LETTERS}}
    stance = {side: t["for" if BENCH[side] == "pro" else "against"] for side in order}
    sep = "；" if t is _TEXT["zh"] else "; "
    return build_judge_messages(rubric, motion, transcript, nonce=nonce, template=t["head"],
                        order_line=t["order"].format(sides=sep.join(f"Side {letter[s]} {stance[s]}" for s in order)),
                        example=example, letters=letter, stance=stance, speech_scores=speech_scores,
                        notes=notes)


class _RawRanked(BaseModel):
    scores: dict[str, dict[str, float]]
    ranks: dict[str, int]
    reasons: str = ""
    speeches: dict[str, float] | None = None


class ParsedRankedBallot(BaseModel):
    scores: dict[str, dict[str, float]]  # side -> dimension -> score
    ranks: dict[str, int]  # side -> place 1-4
    reasons: str = ""
    speech_scores: dict[int, float] = {}


def parse_ranked_ballot(text: str, rubric: Rubric, order: tuple[str, ...], *,
                        speech_numbers: list[int] | None = None) -> ParsedRankedBallot:
    """Validate a four-side ballot: scores for Sides A-D on every dimension within the scale, and
    ranks giving 1, 2, 3 and 4 once each. Errors name the field (they are shown to the judge)."""
    raw = _validated_reply(text, _RawRanked)
    side_of = dict(zip(LETTERS, order))
    scores = {side_of[x]: side_scores(raw.scores, x, rubric) for x in LETTERS}
    got = {}
    for x in LETTERS:
        v = raw.ranks.get(x, raw.ranks.get(f"Side {x}"))
        if v is None:
            raise BallotError(f"ranks.{x} is missing")
        got[x] = v
    if sorted(got.values()) != [1, 2, 3, 4]:
        shown = ", ".join(f"{x}={v}" for x, v in got.items())
        raise BallotError(f"ranks must give 1, 2, 3 and 4 once each (got {shown})")
    return ParsedRankedBallot(scores=scores, ranks={side_of[x]: v for x, v in got.items()},
                              reasons=raw.reasons.strip()[:REASONS_CHARS],
                              speech_scores=speech_scores_of(raw.speeches, speech_numbers, rubric))
