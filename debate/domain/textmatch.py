"""Tokens, n-grams and verbatim spans of model text: the measuring tools of the speech flags and
the ballot gate. Pure functions.

A token is a run of Latin letters and digits (lower-cased, after Unicode compatibility folding)
or one CJK character; punctuation, fences and spacing are not tokens, so a quote of the
neutralised transcript a debater was shown (`‹‹‹` for `<<<`, `[System]:` for `System:`) matches
the words its opponent wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9\u00c0-\u024f]+(?:['’][a-z]+)?|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Marked quotes: straight and curly double quotes, CJK corner brackets, curly single quotes.
_QUOTES = re.compile(r"\"([^\"]{1,4000})\"|“([^”]{1,4000})”|「([^」]{1,4000})」|『([^』]{1,4000})』|‘([^’]{1,4000})’")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # character offsets in the original text
    end: int


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    f = unicodedata.normalize("NFKC", ch).lower()
    return f if len(f) == 1 else ch.lower()


def fold(text: str) -> str:
    """Compatibility-folded, lower-cased text of the same length (one character for one)."""
    if text.isascii():  # the common case: lower() keeps ASCII one character for one
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(fold(text)))


def tokens(text: str) -> list[Token]:
    """The tokens of `text` (memoised: the flags and the ballot gate measure each speech many
    times, once per read and per rule)."""
    return list(_tokens(text))


def words(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


def is_cjk_text(text: str) -> bool:
    """Mostly CJK characters (their n-grams are counted in characters, so longer)."""
    return len(_CJK.findall(text)) > len(text) // 4


def ngram_size(text: str, latin: int, cjk: int) -> int:
    return cjk if is_cjk_text(text) else latin


# A token list may hold GAP where words were left out (a blanked quote): no n-gram spans a gap.
GAP = ""


def words_outside(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The tokens of `text` outside the spans, with GAP where a span was."""
    out: list[str] = []
    spans = sorted(spans)
    k = 0
    for t in tokens(text):
        inside = False
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
            if out and out[-1] != GAP:
                out.append(GAP)
        if k < len(spans) and spans[k][0] <= t.start < spans[k][1]:
            inside = True
        if inside:
            if out and out[-1] != GAP:
                out.append(GAP)
            continue
        out.append(t.text)
    return out


def _grams(toks: list[str], n: int):
    for i in range(len(toks) - n + 1):
        g = tuple(toks[i:i + n])
        if GAP not in g:
            yield i, g


def ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {g for _, g in _grams(toks, n)}


def covered(toks: list[str], grams: set[tuple[str, ...]], n: int) -> list[bool]:
    """Which tokens lie inside an n-gram that is in `grams`."""
    mark = [False] * len(toks)
    for i, g in _grams(toks, n):
        if g in grams:
            for j in range(i, i + n):
                mark[j] = True
    return mark


def repeated(toks: list[str], n: int) -> list[bool]:
    """Which tokens lie inside an n-gram that already occurred earlier in the same tokens."""
    mark = [False] * len(toks)
    seen: set[tuple[str, ...]] = set()
    for i, g in _grams(toks, n):
        if g in seen:
            for j in range(i, i + n):
                mark[j] = True
        seen.add(g)
    return mark


def share(mark: list[bool], toks: list[str] | None = None) -> float:
    """Share of marked tokens (GAP markers, when `toks` is given, not counted)."""
    if toks is not None:
        mark = [m for m, t in zip(mark, toks) if t != GAP]
    return sum(mark) / len(mark) if mark else 0.0


def _contains(hay: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(hay):
        return False
    joined = " " + " ".join(hay) + " "
    return f" {' '.join(needle)} " in joined


def quoted_spans(text: str, sources: list[str], *, min_tokens: int = 2,
                 drop: tuple[str, ...] = (), own: list[bool] | None = None) -> list[tuple[int, int]]:
    """Character spans of marked quotes (in quotation marks) whose words appear, in order and
    together, in one of `sources`: words the speaker attributes to someone who said them.
    `drop`: phrases the speaker saw added to a source (a cut marker), left out of a quote.
    `own`, parallel to `sources` (in speaking order): True for the speaker's own speeches; a
    quote then counts only when the first source that has its words is not the speaker's (words
    the speaker wrote first stay its own, however often others repeat them)."""
    mine = [bool(own and own[i]) for i, s in enumerate(sources) if s]
    src = [words(s) for s in sources if s]
    out = []
    folded = fold(text)
    for m in _QUOTES.finditer(folded):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        inner_text = m.group(g)
        need = min_tokens
        for phrase in drop:
            if fold(phrase) in inner_text:
                # the speaker quotes what it was shown, the marker included: "As [cut at ...]"
                inner_text, need = inner_text.replace(fold(phrase), " "), 1
        inner = words(inner_text)
        first = next((i for i, s in enumerate(src) if _contains(s, inner)), None) if len(inner) >= need else None
        if first is not None and not mine[first]:
            out.append((m.start(), m.end()))
    return out


def verbatim_spans(text: str, sources: list[str], n: int, *,
                   exclude: set[tuple[str, ...]] | frozenset = frozenset()) -> list[tuple[int, int]]:
    """Character spans of the runs of at least `n` tokens that appear verbatim in a source
    (n-grams in `exclude` left out)."""
    toks = tokens(text)
    grams: set[tuple[str, ...]] = set()
    for s in sources:
        grams |= ngrams(words(s), n)
    grams -= exclude
    mark = covered([t.text for t in toks], grams, n)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not mark[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and mark[j + 1]:
            j += 1
        spans.append((toks[i].start, toks[j].end))
        i = j + 1
    return spans


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans replaced by spaces (offsets of the rest unchanged)."""
    chars = list(text)
    for a, b in spans:
        for k in range(a, min(b, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")


def sentences(text: str) -> list[str]:
    parts = _SENTENCE_END.split(text)
    return [p.strip() for p in parts if p and p.strip()]
