"""The house judge: scores each rubric dimension by transparent, documented heuristics.

norms     starts at 9; per speech: -2 over the word limit, -1 far under it (<30%), -1 per
          off-motion sentence (no content word shared with the motion or the other speeches),
          -3 for an identity leak, -4 for addressing or instructing the judge (both found by
          debate.domain.injection, or read from the speech's flags); averaged.
evidence  2 + 16 x the share of sentences carrying support (examples, figures, attributed
          findings: "for example", "according to", "study", a digit, 例如, 研究 ...).
rebuttal  for speeches after the debate's first: +2 per rebuttal cue ("our opponents claimed",
          "does not hold", 对方 ...) up to 3, +5 x the share of the opponent's latest content
          words taken up; 5 when a side only opened.
style     6 + 3 x signposting rate - 4 x repeated-sentence rate - 6 x padding-word rate
          + 2 x (lexical diversity - 0.5).
Every score is clamped to the rubric scale. With a `seed` param the judge adds a small
deterministic disagreement (+-1 on a quarter of the scores), so a panel of house judges is not
unanimous by construction; the noise is drawn from the prompt, so it differs between the two
presentation orders and a house judge is occasionally inconsistent, as real judges are. The
winner has the higher weighted total (ties: rebuttal, then evidence, then Side A: a position
bias the swap exposes). When the prompt asks for per-speech scores, each speech gets the mean of
its own norms, evidence, rebuttal and style scores.

Four sides (British Parliamentary): the same scores for Sides A-D ("the opponent" of a speech is
the other bench, so a closing side rebuts the opening half of the other bench too), ranked by
the weighted total (ties: rebuttal, then evidence, then the earlier letter).

`params: {length_bias: L}` makes a judge that prefers length, as LLM judges are known to (style
control's test, benchmarks/style_house.py): every dimension of a side gains L x (its words -
the other side's) / (both sides' words), before the clamp. Off by default; two sides only.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..domain import injection
from ..domain import prompts as P
from ..domain.models import count_words, is_cjk
from .parse import blocks, rng_for

_WORDS = re.compile(r"[a-z\u00c0-\u024f]{4,}|[\u4e00-\u9fff]{2}")
_STOP = set("this that with from have they their there which would could should about these those "
            "into than then them what when where while your ours were been being also very really "
            "motion house believes speech side".split())
EVIDENCE = re.compile(r"for example|for instance|according to|stud(y|ies)|report|survey|data|research|"
                      r"evidence|found that|\d|例如|比如|据|研究|数据|报告|调查|表明|统计", re.I)
REBUT = re.compile(r"opponents? (claimed|argued|said|says|claim)|they (claim|argue)|does not hold|"
                   r"this ignores|that is wrong|their case|对方|站不住脚|反驳", re.I)
SIGNPOST = re.compile(r"\b(first|second|third|finally|further|therefore|because|thus)\b|第一|第二|第三|最后|因此|因为", re.I)
PADDING = re.compile(r"\b(very|really|obvious|everyone knows|a lot)\b|非常|真的|显而易见|大家都知道", re.I)
_SENT = re.compile(r"(?<=[.!?。！？])\s*")


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORDS.findall(text.lower()) if w not in _STOP)


def _clamp(v: float, lo: int, hi: int) -> int:
    return int(max(lo, min(hi, round(v))))


def _speech_info(header: str) -> dict:
    m = re.search(r"Side ([A-D]) \(([^)]*)\)", header)
    lim = re.search(r"(\d+) words, limit (\d+)", header)
    return {"side": m.group(1) if m else "A", "stance": m.group(2) if m else "", "kind": header.split("|")[1].strip() if "|" in header else "",
            "words": int(lim.group(1)) if lim else 0, "limit": int(lim.group(2)) if lim else 10**6,
            "flags": header.split("flags:")[1].split("|")[0] if "flags:" in header else ""}


def house_ballot(messages: list[dict], seed: object = 0, length_bias: float = 0.0) -> str:
    system = next((m["content"] for m in messages if m.get("role") == "system"), "")
    user = "\n".join(m["content"] for m in messages if m.get("role") == "user")
    dims_line = next((ln for ln in system.splitlines() if ln.startswith(P.DIMENSIONS_LINE)), "")
    dims = [d.strip() for d in dims_line[len(P.DIMENSIONS_LINE):].split(",") if d.strip()] or \
        ["norms", "evidence", "rebuttal", "style"]
    weights = {d: float(w) for d, w in re.findall(r"^- ([a-z0-9-]+) \(.*?(?:weight|权重) ([\d.]+)\)",
                                                  system, re.M)}
    lo, hi = 1, 10
    m = re.search(r"\{\"A\": \{\"[a-z0-9-]+\": (-?\d+)", system)
    if m:
        lo = int(m.group(1))
    m = re.search(r"(?:from|从) ?(-?\d+) ?(?:to|到|至) ?(-?\d+)", system)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
    motion = next((ln[len("Motion: "):] for ln in user.splitlines() if ln.startswith("Motion: ")), "")
    speeches = [(b, _speech_info(b.header)) for b in blocks(user)]
    motion_words = _content(motion)

    per = [_score_speech(b, info, speeches, motion_words) for b, info in speeches]  # each once
    if P.RANKS_KEY in system:
        return _ranked_ballot(per, speeches, dims, weights, lo, hi, seed, user, motion, system)
    raw: dict[str, dict[str, float]] = {}
    for letter in ("A", "B"):
        mine = [p for p, (_, i) in zip(per, speeches) if i["side"] == letter]
        raw[letter] = _score_side(mine) if mine else \
            {"norms": lo, "evidence": lo, "rebuttal": lo, "style": lo}
    rng = rng_for("house-judge", seed, user)
    words = {letter: sum(min(i["words"] or count_words(b.text), i["limit"]) for b, i in speeches
                         if i["side"] == letter) for letter in ("A", "B")}  # a cut speech: to its limit
    scores: dict[str, dict[str, int]] = {}
    for letter in ("A", "B"):
        row = {}
        lean = length_bias * (words[letter] - words["B" if letter == "A" else "A"]) / max(1, sum(words.values()))
        for d in dims:
            base = raw[letter].get(d, (lo + hi) / 2) + lean
            if seed not in (0, None, "0") and rng.random() < 0.25:
                base += rng.choice((-1, 1))
            row[d] = _clamp(base, lo, hi)
        scores[letter] = row

    def total(letter: str) -> tuple:
        s = scores[letter]
        return (sum(weights.get(d, 1.0) * v for d, v in s.items()), s.get("rebuttal", 0), s.get("evidence", 0))

    winner = "A" if total("A") >= total("B") else "B"
    loser = "B" if winner == "A" else "A"
    diffs = sorted(dims, key=lambda d: scores[loser][d] - scores[winner][d])
    best = [d for d in diffs if scores[winner][d] > scores[loser][d]][:2]
    weak = [d for d in dims if scores[loser][d] <= lo + 2]
    if is_cjk(motion):
        parts = [f"{d}（{scores[winner][d]} 比 {scores[loser][d]}）" for d in best]
        reasons = (f"{winner}方在" + "和".join(parts) + f"上胜过{loser}方。") if best else \
            f"双方势均力敌，{winner}方以加权总分略胜。"
        if weak:
            reasons += f"{loser}方在{'、'.join(weak)}上较弱。"
        reasons += "（内置裁判：启发式评分）"
    else:
        parts = [f"{d} ({scores[winner][d]} vs {scores[loser][d]})" for d in best]
        reasons = (f"Side {winner} outscored Side {loser} on " + " and ".join(parts) + ".") if best else \
            f"The sides were level; Side {winner} edged it on the weighted total."
        if weak:
            reasons += f" Side {loser} was weak on {', '.join(weak)}."
    ballot: dict = {"winner": winner, "scores": scores, "reasons": reasons}
    if '"speeches": {' in system:
        ballot["speeches"] = _speech_scores(speeches, per, lo, hi)
    return json.dumps(ballot, ensure_ascii=False)


def _ranked_ballot(per, speeches, dims, weights, lo, hi, seed, user, motion, system) -> str:
    """A four-side ballot: every side scored as in 1v1, ranked by weighted total."""
    letters = "ABCD"
    rng = rng_for("house-judge", seed, user)
    scores: dict[str, dict[str, int]] = {}
    for letter in letters:
        mine = [q for q, (_, i) in zip(per, speeches) if i["side"] == letter]
        raw = _score_side(mine) if mine else {d: lo for d in dims}
        row = {}
        for d in dims:
            base = raw.get(d, (lo + hi) / 2)
            if seed not in (0, None, "0") and rng.random() < 0.25:
                base += rng.choice((-1, 1))
            row[d] = _clamp(base, lo, hi)
        scores[letter] = row
    total = {x: sum(weights.get(d, 1.0) * v for d, v in scores[x].items()) for x in letters}
    order = sorted(letters, key=lambda x: (-total[x], -scores[x].get("rebuttal", 0),
                                           -scores[x].get("evidence", 0), x))
    first, last = order[0], order[-1]
    edge = [d for d in dims if scores[first][d] > scores[order[1]][d]][:2]
    weak = [d for d in dims if scores[last][d] <= lo + 2]
    if is_cjk(motion):
        reasons = (f"{first}方排名第一，" + ("在" + "和".join(edge) + f"上胜过{order[1]}方。" if edge
                                          else "以加权总分略胜。") + f"{last}方排名最后"
                   + (f"，在{'、'.join(weak)}上较弱。" if weak else "。") + "（内置裁判：启发式评分）")
    else:
        reasons = (f"Side {first} ranked first, " + (f"ahead of Side {order[1]} on {' and '.join(edge)}."
                                                     if edge else "edging it on the weighted total.")
                   + f" Side {last} ranked last" + (f", weak on {', '.join(weak)}." if weak else "."))
    ballot: dict = {"reasons": reasons, "scores": scores, "ranks": {x: order.index(x) + 1 for x in letters}}
    if '"speeches": {' in system:
        ballot["speeches"] = _speech_scores(speeches, per, lo, hi)
    return json.dumps(ballot, ensure_ascii=False)


def _score_speech(b, info, everything, motion_words) -> dict[str, float | None]:
    """One speech's contribution to each dimension (rebuttal None for the debate's first speech)."""
    sents = [x for x in _SENT.split(b.text) if x.strip()] or [b.text]
    n = 9.0
    words = info["words"] or count_words(b.text)
    if words > info["limit"] or "overrun" in info["flags"]:
        n -= 2
    if words < 0.3 * info["limit"]:
        n -= 1
    others = set().union(*(_content(x.text) for x, _ in everything if x is not b)) | motion_words
    n -= sum(1 for x in sents if _content(x) and not (_content(x) & others))
    # The engine scanned the speech when it was given and put its flags in the header.
    found = set(info["flags"].replace(",", " ").split())
    if injection.IDENTITY_LEAK in found:
        n -= 3
    if injection.PROMPT_INJECTION in found:
        n -= 4
    reb = None
    if b.n != everything[0][0].n:
        prev = [x for x, i in everything if i["stance"] != info["stance"] and x.n < b.n]
        cues = min(3, len(REBUT.findall(b.text)))
        uptake = 0.0
        if prev:
            theirs = _content(prev[-1].text) - motion_words
            uptake = len(theirs & _content(b.text)) / max(1, len(theirs))
        reb = 2 + 2 * cues + 5 * uptake
    signs = len(SIGNPOST.findall(b.text)) / len(sents)
    dup = 1 - len({x.strip() for x in sents}) / len(sents)
    pad = len(PADDING.findall(b.text)) / max(1, len(sents))
    toks = _WORDS.findall(b.text.lower())
    ttr = len(set(toks)) / len(toks) if toks else 0.5
    return {"norms": n, "evidence": 2 + 16 * sum(1 for x in sents if EVIDENCE.search(x)) / len(sents),
            "rebuttal": reb, "style": 6 + 3 * min(1.0, signs) - 4 * dup - 6 * min(1.0, pad) + 2 * (ttr - 0.5)}


def _score_side(per: list[dict[str, float | None]]) -> dict[str, float]:
    """A side's dimension scores: the mean over its speeches' (`_score_speech`)."""
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    reb = [p["rebuttal"] for p in per if p["rebuttal"] is not None]
    return {"norms": mean([p["norms"] for p in per]), "evidence": mean([p["evidence"] for p in per]),
            "rebuttal": mean(reb) if reb else 5.0, "style": mean([p["style"] for p in per])}


def _speech_scores(speeches, per, lo, hi) -> dict[str, int]:
    out = {}
    for (b, _), scores in zip(speeches, per):
        vals = [v for v in scores.values() if v is not None]
        out[str(b.n)] = _clamp(sum(vals) / len(vals), lo, hi)
    return out
