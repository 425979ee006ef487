"""The ballot quality gate: a read that parses can still say nothing about the debate. Pure.

A read fails the gate, like a malformed reply (shown the reason, retried, then counted as a
failed read), when any check below finds it degenerate. The checks are written over whatever
sides the ballot scores (two, or four in British Parliamentary):

example_copy   the reasons copy the prompt: its example's reasons, or mostly (EXAMPLE_SHARE of
               their word runs) the judge's instructions and the rubric's descriptors, which are
               not in the debate;
placeholder    the reasons are (or contain) placeholder text: the example's "two to four
               sentences" / "两到四句话", "A or B", "<your reasons here>", "lorem ipsum";
same_bound     every dimension of every side at the same end of the scale (all minimum, or all
               maximum): no judge scores that way after reading a debate;
no_engagement  the reasons name no term of this debate (a word of its motion or speeches that is
               neither in the judge's instructions, its example included, nor a word any ballot
               uses: "persuasive", "structured", "rebuttal"), or they loop (a phrase three times);
cut_off        the reply stopped on its length limit (finish reason "length", or the completion
               tokens reached max_tokens).

Measured on the SmolLM2 judge replies and hand-written ballots of tests/data/corpus, with the
house judge's reads of the demo league as negatives: benchmarks/ballot_gate.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .flags import is_truncated
from .textmatch import covered, is_cjk_text, ngrams, words

EXAMPLE_COPY = "example_copy"
PLACEHOLDER = "placeholder"
SAME_BOUND = "same_bound"
NO_ENGAGEMENT = "no_engagement"
CUT_OFF = "cut_off"
CHECKS = (EXAMPLE_COPY, PLACEHOLDER, SAME_BOUND, NO_ENGAGEMENT, CUT_OFF)

# What a judge is told when its read fails a check (it is asked again).
EXPLAIN = {
    EXAMPLE_COPY: "the reasons copy the instructions or the example instead of judging this debate",
    PLACEHOLDER: "the reasons are the example's placeholder text",
    SAME_BOUND: "every score is at the same end of the scale for both sides",
    NO_ENGAGEMENT: "the reasons do not name anything either side argued in this debate",
    CUT_OFF: "the reply was cut off at its length limit",
}

EXAMPLE_SHARE = 0.5
ENGAGE_MIN = 1
_EXAMPLE_N = 4

_PLACEHOLDER = re.compile(r"\btwo to four sentences\b|两到四句话|\bA or B\b|<[^<>\n]{0,40}\b(?:reasons?|here|"
                          r"text|your|insert|explanation)\b[^<>\n]{0,40}>|\[(?:your |insert )?reasons?(?: here)?\]|"
                          r"\blorem ipsum\b|\breasons? here\b|\bTBD\b|在此填写|理由写在这里", re.I)

# Words any ballot may use about any debate: they show nothing of this one.
_BALLOT_WORDS = frozenset("""
side sides both each either neither proposition opposition prop opp team teams speaker speakers
debate debates debater debaters motion house argument arguments argued argue argues point points
case cases claim claims claimed evidence rebuttal rebuttals rebut rebutted norms style structure
structured clear clearer clearly unclear persuasive convincing compelling coherent logical strong
stronger strongest weak weaker weakest good better best poor poorer bad worse well overall more less
most least made make makes making some many much little better win wins won winner won't lose loses
lost loser score scores scored scoring judge judges judged judging rubric ballot evaluated evaluate
according above below given gave give stronger engagement engaged engage engages support supported
supporting supports backed sources source examples example quality reasoning reasons reason while
although though however because since therefore thus also than then that this these those with
without from into onto their they them there here what which when where who whom whose have has had
been being were was are is the and but for not nor yet all any its it's was very really quite rather
just only even still again directly direct responded response responses respond answered answer
answers answering addressed address addresses addressing opponent opponents opponent's
delivered delivery presented presentation present presents throughout entire whole round speech
speeches opening closing overall effectively effective ineffective substantive substance detail
detailed specific specifics generic vague relevant irrelevant edge edged edges close closer slightly
clearly simply fairly largely mostly entirely mainly especially particularly i i'm am an ai my me
""".split())
_BALLOT_ZH = frozenset("正方 反方 双方 一方 辩论 辩题 论点 论据 证据 反驳 风格 规范 结构 清晰 有力 更好 "
                       "较好 较弱 不足 回应 整体 总体 得分 评分 胜出 获胜 发言 对方 我方".split())


@dataclass(frozen=True)
class GateContext:
    """What a read is checked against."""

    debate: str          # the motion and the speeches, as the judge read them
    instructions: str    # the judge's instructions and rubric, without the motion
    scale: tuple[int, int]
    example_reasons: str = ""


_CJK_CHAR = re.compile(r"[\u3040-\u9fff\uf900-\ufaff]")
_POSSESSIVE = re.compile(r"['’]s$")


def _stem(t: str) -> str:
    """A word without its possessive or plural ending: "Cooper's" names Cooper, "gaps" gaps."""
    t = _POSSESSIVE.sub("", t)
    return t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t


@lru_cache(maxsize=512)  # a debate's text and the instructions are read once per read
def _terms(text: str) -> frozenset[str]:
    toks = [_stem(t) for t in words(text)]
    out = {t for t in toks if len(t) > 2 and not t.isdigit() and t not in _BALLOT_WORDS}
    cjk = [t for t in toks if _CJK_CHAR.fullmatch(t)]
    out |= {a + b for a, b in zip(cjk, cjk[1:]) if a + b not in _BALLOT_ZH}
    return frozenset(out)


def engaged_terms(reasons: str, ctx: GateContext) -> frozenset[str]:
    """The reasons' terms that come from this debate and not from the instructions."""
    return (_terms(reasons) & _terms(ctx.debate)) - _terms(ctx.instructions)


def _loops(text: str) -> bool:
    toks = words(text)
    n = 10 if is_cjk_text(text) else 4
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(toks) - n + 1):
        g = tuple(toks[i:i + n])
        counts[g] = counts.get(g, 0) + 1
    return max(counts.values(), default=0) >= 3


def check_ballot(reasons: str, scores: dict[str, dict[str, float]], ctx: GateContext, *,
                 finish_reason: str | None = None, completion_tokens: int | None = None,
                 max_tokens: int | None = None) -> list[str]:
    """The checks a parsed read fails, in CHECKS order (none: the read counts)."""
    found: set[str] = set()
    text = reasons.strip()
    example = ctx.example_reasons.strip().lower()
    if example and (text.lower() == example or example in text.lower()):
        found |= {EXAMPLE_COPY, PLACEHOLDER}
    if _PLACEHOLDER.search(text):
        found.add(PLACEHOLDER)
    toks = words(text)
    if toks:
        prompt_only = ngrams(words(ctx.instructions), _EXAMPLE_N) - ngrams(words(ctx.debate), _EXAMPLE_N)
        copied = covered(toks, prompt_only, _EXAMPLE_N)
        if sum(copied) >= EXAMPLE_SHARE * len(toks):
            found.add(EXAMPLE_COPY)
    values = [v for row in scores.values() for v in row.values()]
    lo, hi = ctx.scale
    if values and (all(v == lo for v in values) or all(v == hi for v in values)):
        found.add(SAME_BOUND)
    if len(engaged_terms(text, ctx)) < ENGAGE_MIN or _loops(text):
        found.add(NO_ENGAGEMENT)
    if is_truncated(finish_reason, completion_tokens, max_tokens):
        found.add(CUT_OFF)
    return [c for c in CHECKS if c in found]


def explain(checks: list[str]) -> str:
    return "; ".join(EXPLAIN[c] for c in checks)
