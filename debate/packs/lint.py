"""Lint motion packs: the things that make a motion a poor test even when the file is valid.

Pure: takes validated packs (with their line index) and returns warnings. The checks follow
what human debating asks of a motion: one claim, a clear side for each team, wording that is
neither a question nor a topic heading, and a pack whose items do not repeat each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from ..domain.models import MotionPack, count_words
from ..league.yamlfile import line_of

MIN_WORDS, MAX_WORDS = 5, 40          # Latin-script motions
MIN_CHARS_CJK, MAX_CHARS_CJK = 6, 60  # CJK motions count each character as a word
NEAR_DUPLICATE = 0.6                  # Jaccard similarity of content tokens
CJK_LANGUAGES = {"zh", "ja", "ko", "yue", "wuu"}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9\u00c0-\u024f]+")
_HOUSE = re.compile(r"^\s*(this house|th|thbt|thw|thr|thp|ths|tho)\b\s*"
                    r"(would|believes that|believes|supports|opposes|regrets|prefers|should)?\s*", re.I)
_HOUSE_ZH = re.compile(r"^\s*本院(认为|会|将|应当|应该|支持|反对|主张|相信)?")
_STOP = set("""a an the of to in on for and or but by with at from as that this these those be is
are was were been being it its their there than into over under about not no would should will
can could must may might do does did has have had we our they them our all any every more most
such so very its which who whom whose house""".split())
_QUESTION_START = set("""should is are does do can will would could must has have was were did
may shall what why how which who whether""".split())
_NO_SIDE_EN = re.compile(r"\b(pros and cons|advantages and disadvantages|benefits and (drawbacks|"
                         r"costs|harms)|versus|vs\.?|discuss|the debate (on|over|about)|"
                         r"whether or not|it depends|in some cases|to some extent|may or may not)\b",
                         re.I)
_NO_SIDE_ZH = re.compile(r"还是|谈谈|浅谈|论述|如何|怎样|怎么|之争|与否|(?<!大于)(?<!小于)利弊(?!大于|小于)")
_QUESTION_ZH = re.compile(r"是否|能否|可否|应否|要不要|是不是|会不会|能不能|该不该|有没有|[吗么呢][。.！!]?$")


@dataclass(frozen=True)
class LintWarning:
    file: str
    line: int | None
    field: str
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class LintInput:
    file: str
    pack: MotionPack
    lines: dict



def expects_cjk(language: str) -> bool:
    return language.lower().replace("_", "-").split("-")[0] in CJK_LANGUAGES


def script_of(text: str) -> str:
    """'cjk' when CJK characters carry the text, 'latin' when Latin words do, else ''."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_WORD.findall(text.lower()))
    if not cjk and not latin:
        return ""
    # One CJK character carries about as much as one Latin word.
    return "cjk" if cjk >= latin else "latin"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def content_tokens(text: str) -> frozenset[str]:
    """Words without the motion frame and stop words; CJK text gives character bigrams."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if script_of(text) == "cjk":
        chars = "".join(_CJK.findall(_HOUSE_ZH.sub("", text)))
        # Characters and bigrams: bigrams alone miss a motion with its sides swapped
        # ("利大于弊" / "弊大于利"), characters alone match unrelated motions.
        return frozenset(chars) | frozenset(chars[i:i + 2] for i in range(len(chars) - 1))
    text = _HOUSE.sub("", text)
    words = []
    for w in _LATIN_WORD.findall(text):
        if w in _STOP:
            continue
        words.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(words)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_question(text: str) -> bool:
    t = text.strip()
    if t.endswith(("?", "？")):
        return True
    if script_of(t) == "cjk":
        return bool(_QUESTION_ZH.search(t))
    first = _LATIN_WORD.findall(t.lower()[:40])
    return bool(first) and first[0] in _QUESTION_START


def lacks_side(text: str) -> str | None:
    """Why a motion gives no clear side to affirm, or None when it reads as one claim."""
    if script_of(text) == "cjk":
        m = _NO_SIDE_ZH.search(text)
    else:
        m = _NO_SIDE_EN.search(text)
        if m is None and re.search(r"\bwhether\b.*\bor\b", text, re.I):
            return "offers alternatives ('whether ... or ...')"
    return f"reads as a topic, not a claim ({m.group(0)!r})" if m else None


def _motion_checks(item: LintInput) -> list[LintWarning]:
    pack, f, lines = item.pack, item.file, item.lines
    out: list[LintWarning] = []
    want_cjk = expects_cjk(pack.language)

    def warn(i: int, fld: str, code: str, msg: str) -> None:
        out.append(LintWarning(f, line_of(lines, "motions", i, fld), f"motions.{i}.{fld}", code, msg))

    for i, m in enumerate(pack.motions):
        if is_question(m.text):
            warn(i, "text", "question", f"motion {m.id!r} is phrased as a question; state one "
                 "claim the proposition affirms (e.g. 'This House would ...')")
        reason = lacks_side(m.text)
        if reason:
            warn(i, "text", "no-side", f"motion {m.id!r} has no clear side: {reason}")
        n = count_words(m.text)
        cjk = script_of(m.text) == "cjk"
        lo, hi, unit = (MIN_CHARS_CJK, MAX_CHARS_CJK, "characters") if cjk else (MIN_WORDS, MAX_WORDS, "words")
        if n < lo or n > hi:
            warn(i, "text", "length", f"motion {m.id!r} has {n} {unit}; aim for {lo} to {hi}")
        for fld, text in (("text", m.text), ("background", m.background)):
            script = script_of(text)
            if script and (script == "cjk") != want_cjk:
                warn(i, fld, "language", f"motion {m.id!r}: {fld} looks {script.upper()}-script "
                     f"but the pack's language is {pack.language!r}")
        if not m.background.strip():
            warn(i, "id", "no-background", f"motion {m.id!r} has no background; debaters get no "
                 "shared facts to argue from")
        if m.arguments and bool(m.arguments.pro) != bool(m.arguments.con):
            side = "pro" if m.arguments.pro else "con"
            warn(i, "arguments", "one-sided", f"motion {m.id!r} gives arguments for {side} only; "
                 "case notes then favour one side")
    by_cat: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(pack.motions):
        by_cat[m.category].append(i)
    if len(pack.motions) > 1:
        for cat, idx in by_cat.items():
            if len(idx) == 1:
                warn(idx[0], "category", "lonely-category", f"category {cat!r} has only motion "
                     f"{pack.motions[idx[0]].id!r}; merge it into another or add motions")
    return out


def _duplicate_checks(items: list[LintInput]) -> list[LintWarning]:
    entries = []
    for item in items:
        for i, m in enumerate(item.pack.motions):
            entries.append((item, i, m, normalise(m.text), content_tokens(m.text)))
    out = []
    for (ia, i, ma, na, ta), (ib, j, mb, nb, tb) in combinations(entries, 2):
        where_a = f"{ia.pack.id}/{ma.id} ({ia.file}:{line_of(ia.lines, 'motions', i, 'text')})"
        if na == nb:
            code, what = "duplicate", "repeats"
        elif min(len(ta), len(tb)) >= 3 and similarity(ta, tb) >= NEAR_DUPLICATE:
            code, what = "near-duplicate", f"is {similarity(ta, tb):.0%} similar to"
        else:
            continue
        out.append(LintWarning(ib.file, line_of(ib.lines, "motions", j, "text"), f"motions.{j}.text",
                               code, f"motion {mb.id!r} {what} {where_a}"))
    return out


def lint_packs(items: list[LintInput]) -> list[LintWarning]:
    """All warnings for packs linted together (duplicates are looked for across them too)."""
    out = [w for item in items for w in _motion_checks(item)]
    out += _duplicate_checks(items)
    order = {item.file: k for k, item in enumerate(items)}
    return sorted(out, key=lambda w: (order.get(w.file, 0), w.line or 0, w.code))
