"""Speech flags: what a speech did wrong, each by a documented rule. Pure functions.

Each flag's meaning is fixed in the README ("Speech flags") and its threshold measured on a
labelled corpus of real SmolLM2 speeches and hand-written cases (tests/data/corpus,
benchmarks/flags_corpus.py prints precision and recall per flag):

overrun           the speech has more words than its turn allows (CJK characters count one each).
truncated         the model stopped on its length limit: the call's finish reason is "length",
                  or, for a provider that does not say, its completion tokens reached max_tokens.
prompt_injection  an act aimed at the judge or the protocol: addressing or instructing the judge,
                  steering the verdict or the scores, a fake ballot, a fence that carries an id
                  (as the judge's fences do) or the debate's nonce, chat-template tokens, a role
                  line speaking for the system or the judge (debate.domain.injection's rules, in
                  every decoded view). Words that reproduce an opponent's earlier speech, marked
                  as a quote or copied at length, are the opponent's act and are not read.
format_echo       the speech imitates the transcript: a speech header or footer (`<<<SPEECH 3 |
                  ...>>>`, `END SPEECH`, any run of two or more angle brackets or guillemets), the
                  engine's "[cut at the word limit]" marker, the prompt's own lines ("The debate
                  so far:", "Your turn:"), or another speaker's turn ("Opposition: ...", a chat
                  "User:"/"Assistant:" line). A norms fault, not an attack: the judges are shown it
                  neutralised. Quoted opponent words are not read.
repetition        a large share of the speech repeats itself or the speaker's own earlier speeches:
                  at least REPETITION_SHARE of its tokens lie in an n-gram (REPEAT_N words, or
                  REPEAT_N_CJK characters) seen earlier in the speech or in an own earlier speech;
                  the motion's own words do not count.
copied_opponent   a large share copied from the opponent: at least COPY_SHARE of the speech's
                  tokens lie in runs of COPY_N words (COPY_N_CJK characters) found verbatim in the
                  opponent's earlier speeches, or the speech reproduces at least COPY_LAST_SHARE of
                  the opponent's last speech; marked quotes and the motion's words do not count.
identity_leak     the speaker describes itself as a model or an assistant ("as an AI language
                  model", "I'm SmolLM, an AI assistant created by Hugging Face", "作为一个AI模型").
off_motion        the speech does not argue the motion's subject: fewer than OFF_MOTION_TERMS
                  distinct topic terms of the motion (its text, its id, its background and case
                  notes, less the words every debate uses) per OFF_MOTION_PER tokens, or under
                  OFF_MOTION_SENTENCES of its distinct sentences naming one. A sentence about the
                  debate itself ("The debate focuses solely on the issue of prison sentences")
                  names the subject without arguing it: it does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import injection
from .prompts import CUT_MARKER
from .textmatch import (GAP, blank, covered, ngram_size, ngrams, quoted_spans, repeated, sentences, share,
                        verbatim_spans, words, words_outside)

OVERRUN = "overrun"
TRUNCATED = "truncated"
PROMPT_INJECTION = injection.PROMPT_INJECTION
FORMAT_ECHO = "format_echo"
REPETITION = "repetition"
COPIED_OPPONENT = "copied_opponent"
IDENTITY_LEAK = injection.IDENTITY_LEAK
OFF_MOTION = "off_motion"
# The published flags, in the order a speech lists them.
SPEECH_FLAGS = (OVERRUN, TRUNCATED, PROMPT_INJECTION, FORMAT_ECHO, REPETITION, COPIED_OPPONENT,
                IDENTITY_LEAK, OFF_MOTION)

REPEAT_N, REPEAT_N_CJK = 5, 10
REPETITION_SHARE = 0.5
COPY_N, COPY_N_CJK = 8, 14
# A restatement of the speaker's own earlier speech counts three quarters of a repeat within the speech:
# a rebuttal restating its case is ordinary; a speech that is its opening again is not.
OWN_REPEAT_WEIGHT = 0.75
# ... or one phrase (an n-gram as above) said this many times in the speech, or a character
# repeated in runs of 8 or more over this share of the visible characters.
PHRASE_TIMES = 3
LOOP_SHARE = 0.3
COPY_SHARE = 0.3
COPY_LAST_SHARE = 0.6
# Words reproduced from an opponent this long (in tokens) are read as theirs, quoted or not.
BORROWED_N = 8
OFF_MOTION_TERMS = 1
OFF_MOTION_PER = 100
OFF_MOTION_SENTENCES = 0.25


@dataclass(frozen=True)
class MotionTerms:
    """What a speech on this motion would talk about."""

    text: str
    terms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SpeechContext:
    """A speech and what its flags are measured against."""

    text: str
    words: int
    word_limit: int
    motion: MotionTerms = field(default_factory=lambda: MotionTerms(""))
    # The earlier speeches in speaking order, as written: (the speaker's own?, text).
    earlier: tuple[tuple[bool, str], ...] = ()
    finish_reason: str | None = None
    completion_tokens: int | None = None
    max_tokens: int | None = None
    nonce: str | None = None

    @property
    def opponents(self) -> tuple[str, ...]:
        return tuple(t for mine, t in self.earlier if not mine)

    @property
    def own(self) -> tuple[str, ...]:
        return tuple(t for mine, t in self.earlier if mine)


# --- format_echo --------------------------------------------------------------------------

_FE = re.I | re.M
FORMAT_RULES: list[tuple[str, re.Pattern]] = [(name, re.compile(p, _FE)) for name, p in [
    ("fence", r"[<‹«＜〈《]{2,}|[>›»＞〉》]{2,}"),
    ("header", r"\bEND SPEECH\b|\bSPEECH\s*\d+\s*\||\|\s*(?:opening|rebuttal|closing|answer|"
               r"cross-examination|summary|extension)(?: speech)?\s*(?:[>›»]|$)"),
    ("marker", r"\[\s*(?:cut|end)\b[^\]\n]{0,30}\]"),
    ("prompt-line", r"^\s*(?:the debate so far\s*:|your turn\s*:|you speak first\b|case notes for your side\s*:)"),
    ("turn", r"^[\s>#*_\-\[(|]*(?:proposition|opposition|government|user|assistant|human|ai|moderator|"
             r"chair|speaker\s*\d*|正方|反方|主持人|用户|助手)[\s*_\])|]*[:：]"),
]]


def _unquoted(ctx: SpeechContext) -> str:
    """The speech without the words it reproduces from its opponents (marked quotes, long copies)."""
    mine, _ = first_authored(ctx, BORROWED_N)
    spans = _quotes(ctx) + verbatim_spans(ctx.text, list(ctx.opponents), BORROWED_N, exclude=mine)
    return blank(ctx.text, spans) if spans else ctx.text


_CJK_CHAR = re.compile(r"[\u3040-\u9fff\uf900-\ufaff]")
_CHAR_LOOP = re.compile(r"(\S)\1{7,}")
_SPACE = re.compile(r"\s")


def format_echo(text: str) -> str | None:
    """The first transcript imitation in `text` (the rule's name), or None."""
    for name, pat in FORMAT_RULES:
        if pat.search(text):
            return name
    return None


# --- shares -------------------------------------------------------------------------------

def repetition_share(ctx: SpeechContext, *, n: int | None = None, own_weight: float = OWN_REPEAT_WEIGHT) -> float:
    """Share of the speech's tokens in an n-gram it already used (earlier in the speech, or in
    one of its own earlier speeches). Marked quotes of the opponent and the motion's own words do
    not count."""
    toks = _own_words(ctx)
    n = n or ngram_size(ctx.text, REPEAT_N, REPEAT_N_CJK)
    inner = repeated(toks, n)
    own: set[tuple[str, ...]] = set()
    for s in ctx.own:
        own |= ngrams(words(s), n)
    earlier = covered(toks, own, n)
    motion = covered(toks, ngrams(words(ctx.motion.text), n), n)
    kept = [(i, e) for i, e, m, t in zip(inner, earlier, motion, toks) if not m and t != GAP]
    score = sum(1.0 if i else own_weight if e else 0.0 for i, e in kept)
    real = sum(1 for t in toks if t != GAP)
    return score / real if real else 0.0


def _own_words(ctx: SpeechContext) -> list[str]:
    """The speech's tokens, its marked quotes of the opponent left out (GAP in their place)."""
    return words_outside(ctx.text, _quotes(ctx))


def _quotes(ctx: SpeechContext) -> list[tuple[int, int]]:
    """The speech's marked quotes of words an opponent said first."""
    return quoted_spans(ctx.text, [t for _, t in ctx.earlier], drop=(CUT_MARKER,),
                        own=[mine for mine, _ in ctx.earlier])


def first_authored(ctx: SpeechContext, n: int) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """(n-grams the speaker wrote first, n-grams an opponent wrote first), over the earlier
    speeches in speaking order; the motion's own words count as the speaker's. A run of words
    belongs to whoever wrote it first in the debate: an injector whose order its opponent quoted
    does not borrow it back by repeating it."""
    mine = set(ngrams(words(ctx.motion.text), n))
    theirs: set[tuple[str, ...]] = set()
    for own, earlier in ctx.earlier:
        grams = ngrams(words(earlier), n)
        if own:
            mine |= grams - theirs
        else:
            theirs |= grams - mine
    return mine, theirs


def loop_share(text: str) -> float:
    """Share of the speech's visible characters in runs of one character (`<<<<<<<<`, `．．．．`)."""
    visible = _SPACE.sub("", text)
    loops = sum(len(m.group(0)) for m in _CHAR_LOOP.finditer(visible))
    return loops / len(visible) if visible else 0.0


def most_repeated_phrase(ctx: SpeechContext) -> int:
    """How many times the speech's most frequent n-gram (REPEAT_N words, REPEAT_N_CJK characters)
    occurs in it, marked quotes of the opponent and the motion's words left out."""
    toks = _own_words(ctx)
    n = ngram_size(ctx.text, REPEAT_N, REPEAT_N_CJK)
    motion = ngrams(words(ctx.motion.text), n)
    counts: dict[tuple[str, ...], int] = {}
    for g in (tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)):
        if GAP not in g and g not in motion:
            counts[g] = counts.get(g, 0) + 1
    return max(counts.values(), default=0)


def copied_shares(ctx: SpeechContext) -> tuple[float, float]:
    """(share of the speech copied from the opponents, share of the opponent's last speech copied).

    A run of words belongs to whoever wrote it first in the debate: words the speaker wrote
    before its opponent did (who may have quoted or copied them) are its own. Marked quotes and
    the motion's words do not count."""
    if not ctx.opponents:
        return 0.0, 0.0
    toks = _own_words(ctx)
    n = ngram_size(ctx.text, COPY_N, COPY_N_CJK)
    _, theirs = first_authored(ctx, n)
    last = words(ctx.opponents[-1])
    return share(covered(toks, theirs, n), toks), share(covered(last, ngrams(toks, n) & theirs, n))


def _cjk_grams(toks: list[str]) -> set[str]:
    """Character triples of the CJK runs: pairs are too common to mark a topic by chance."""
    return {a + b + c for a, b, c in zip(toks, toks[1:], toks[2:])
            if all(_CJK_CHAR.fullmatch(x) for x in (a, b, c))}


def _topic_terms(text: str, terms: frozenset[str]) -> set[str]:
    toks = words(text)
    return {t for t in toks if t in terms} | (_cjk_grams(toks) & terms)


# A sentence whose subject is the debate itself: meta-talk, not an argument on the motion.
_META = re.compile(r"^\W*(?:the|this|our|a)\s+(?:current\s+)?debate\b", re.I)


def topic_rate(ctx: SpeechContext) -> float:
    """Distinct topic terms of the motion per OFF_MOTION_PER tokens of the speech (terms named
    only in sentences about the debate itself left out)."""
    n = len(words(ctx.text))
    if not n:
        return 0.0
    arguing = " ".join(s for s in sentences(ctx.text) if not _META.search(s))
    return len(_topic_terms(arguing, ctx.motion.terms)) * OFF_MOTION_PER / max(n, OFF_MOTION_PER)


def topic_sentence_share(ctx: SpeechContext) -> float:
    """Share of the speech's distinct sentences that name a topic term of the motion and are not
    about the debate itself."""
    sents = list(dict.fromkeys(sentences(ctx.text)))
    if not sents:
        return 0.0
    return sum(bool(_topic_terms(s, ctx.motion.terms)) and not _META.search(s) for s in sents) / len(sents)


# --- all flags ----------------------------------------------------------------------------

def is_truncated(finish_reason: str | None, completion_tokens: int | None, max_tokens: int | None) -> bool:
    if finish_reason == "length":
        return True
    return bool(max_tokens and completion_tokens is not None and completion_tokens >= max_tokens)


def speech_flags(ctx: SpeechContext) -> list[str]:
    """The published flags this speech raises, in SPEECH_FLAGS order."""
    raised: set[str] = set()
    if ctx.words > ctx.word_limit:
        raised.add(OVERRUN)
    if is_truncated(ctx.finish_reason, ctx.completion_tokens, ctx.max_tokens):
        raised.add(TRUNCATED)
    own_words = _unquoted(ctx)
    scanned = injection.scan(own_words)
    if any(f.flag == PROMPT_INJECTION for f in scanned) or (ctx.nonce and ctx.nonce.lower() in own_words.lower()):
        raised.add(PROMPT_INJECTION)
    if any(f.flag == IDENTITY_LEAK for f in scanned):
        raised.add(IDENTITY_LEAK)
    if format_echo(own_words):
        raised.add(FORMAT_ECHO)
    if (repetition_share(ctx) >= REPETITION_SHARE or most_repeated_phrase(ctx) >= PHRASE_TIMES
            or loop_share(ctx.text) >= LOOP_SHARE):
        raised.add(REPETITION)
    copied, last = copied_shares(ctx)
    if copied >= COPY_SHARE or last >= COPY_LAST_SHARE:
        raised.add(COPIED_OPPONENT)
    if ctx.motion.terms and (topic_rate(ctx) < OFF_MOTION_TERMS
                             or topic_sentence_share(ctx) < OFF_MOTION_SENTENCES):
        raised.add(OFF_MOTION)
    return [f for f in SPEECH_FLAGS if f in raised]


# --- the motion's topic -------------------------------------------------------------------

# Words every debate uses, whatever its motion: they say nothing about the subject.
_GENERIC = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our ours out over own same she should so some such than that
the their theirs them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yes let lets make made
many much may might must need needs one two three first second third finally also however therefore
thus because since while yet still even ever every well really very just like get got go going
debate debates debated motion motions house houses proposition opposition propose oppose opposes
opposed support supports supported side sides argument arguments argue argues argued speech speeches
point points case cases evidence opponent opponents judge judges panel rebuttal closing opening
believe believes believed think thinks claim claims claimed say says said show shows shown showed
important matter matters true false fact facts good bad better best worse worst way ways thing
things people person time times year years new old great big small many lot lots chance today
world everyone everything something nothing anything someone right wrong clear clearly already
use used using uses suggest suggests suggested include includes including across act acts actual
human humans cannot can't don't doesn't isn't won't help helps helped helping give gives given take
takes taken come comes came find finds found know knows known want wants see seen look looks part
kind sure fact way need instead within without another others other often always never less
""".split())
_GENERIC_ZH = frozenset("本院 认为 我们 我方 对方 辩题 辩论 正方 反方 因为 所以 但是 如果 这个 那个 就是 "
                        "一个 没有 可以 不是 他们 自己 问题 观点 论点 证据 认为 应该 能够 需要".split())


def motion_terms(text: str, slug: str = "", notes: list[str] | None = None) -> MotionTerms:
    """The topic terms of a motion: its text, its id's words, its background and case notes,
    less the words any debate uses (CJK text by character pairs)."""
    terms: set[str] = set()
    for chunk in [text, slug.replace("-", " ").replace("/", " "), *(notes or [])]:
        toks = words(chunk)
        terms |= {t for t in toks if len(t) > 2 and not t.isdigit() and t not in _GENERIC
                  and not _CJK_CHAR.fullmatch(t)}
        terms |= {g for g in _cjk_grams(toks) if not any(g[i:i + 2] in _GENERIC_ZH for i in range(2))}
    return MotionTerms(text=text, terms=frozenset(terms))
