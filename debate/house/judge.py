"""The house judge: scores each rubric dimension by transparent, documented heuristics.

It reads the prompt every judge reads: the rubric, the reference notes (the motion pack's
arguments and evidence for both sides, when the league gives debaters case notes), and the
speeches with the engine's flags in their headers. Per speech:

norms     starts at 9: -2 over the word limit, -1 far under it (<30%); -4 prompt_injection,
          -3 identity_leak, -3 off_motion, -3 copied_opponent, -3 arguing the other side (a
          speech that declares the opposite stance: "we oppose the motion" from the side for it),
          -2 format_echo, -2 repetition, -1 truncated.
evidence  only support that is real: a distinct sentence counts when it matches an item of the
          reference notes' evidence (a run of 4 words, or 3 of the item's rarer words); a claim
          restated is not evidence. Then 2 + 12 x the share of distinct sentences that match. Without reference notes, a sentence
          with a support cue (a figure, "study", "report", 例如...) counts a third, and evidence
          stays at most 6: an invented citation ("the 1970 UN Convention (28 June 1560)") earns
          nothing with notes and little without.
rebuttal  for speeches after the debate's first, read without what they copy from the opponent
          (runs of 8 words taken verbatim, unquoted): +2 per rebuttal cue ("our opponents
          claimed", "does not hold", 对方...) up to 3, +5 x the share of the opponent's latest
          content words taken up; at most 3 for a speech flagged copied_opponent; 5 when a side
          only opened.
style     6 + 3 x signposting rate - 4 x repeated-sentence rate - 6 x padding-word rate
          + 2 x (lexical diversity - 0.5), -1 for format_echo.

A side's score is the mean over its speeches, each clamped to the rubric scale. With a `seed` param
the judge adds a small deterministic disagreement (+-1 on a quarter of the scores), so a panel of
house judges is not unanimous by construction; the noise is drawn from the prompt, so it differs
between the two presentation orders and a house judge is occasionally inconsistent, as real
judges are. The winner has the higher weighted total (ties: rebuttal, then evidence, then Side A:
a position bias the swap exposes). The reasons name what each side argued (its topic words), so
they engage with the debate. When the prompt asks for per-speech scores, each speech gets the
mean of its own norms, evidence, rebuttal and style scores.

Checked by benchmarks/house_judge_check.py: on the recorded SmolLM2 debates against house/club,
the club anchor wins at least 90%; in the demo league the house levels finish in order.

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

from ..domain import prompts as P
from ..domain.models import count_words, is_cjk
from ..domain.textmatch import blank, ngrams, quoted_spans, sentences, verbatim_spans, words
from .parse import blocks, rng_for

_WORDS = re.compile(r"[a-z\u00c0-\u024f]{4,}|[\u4e00-\u9fff]{2}")
_STOP = set("this that with from have they their there which would could should about these those "
            "into than then them what when where while your ours were been being also very really "
            "motion house believes speech side debate opponents claimed hold does first second third "
            "further finally because therefore consider evidence stand firmly against will must shall might "
            "today".split())
CUE = re.compile(r"for example|for instance|according to|stud(y|ies)|report|survey|data|research|"
                 r"found that|\d|例如|比如|据|研究|数据|报告|调查|表明|统计", re.I)
REBUT = re.compile(r"opponents? (claimed|argued|said|says|claim)|they (claim|argue)|does not hold|"
                   r"this ignores|that is wrong|their case|对方|站不住脚|反驳", re.I)
SIGNPOST = re.compile(r"\b(first|second|third|finally|further|therefore|because|thus)\b|第一|第二|第三|最后|因此|因为", re.I)
PADDING = re.compile(r"\b(very|really|obvious|everyone knows|a lot)\b|非常|真的|显而易见|大家都知道", re.I)
# A declared stance: the side for the motion saying it opposes it, or the other way round.
_AGAINST = re.compile(r"\bwe (?:firmly |strongly )?(?:oppose|reject|stand (?:firmly )?against)\b|"
                      r"我方(?:坚定)?反对", re.I)
_FOR = re.compile(r"\bwe (?:firmly |strongly )?(?:support|back|stand (?:firmly )?for)\b(?= (?:the|this) motion)|"
                  r"我方(?:坚定)?支持", re.I)
FLAG_NORMS = {"prompt_injection": 4, "identity_leak": 3, "off_motion": 3, "copied_opponent": 3,
              "format_echo": 2, "repetition": 2, "truncated": 1}
WRONG_SIDE_NORMS = 3
STYLE_FLAGS = {"format_echo": 1}
MATCH_N, MATCH_RARE = 4, 3
BORROWED_N = 8


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORDS.findall(text.lower()) if w not in _STOP)


def _clamp(v: float, lo: int, hi: int) -> int:
    return int(max(lo, min(hi, round(v))))


def _speech_info(header: str) -> dict:
    m = re.search(r"Side ([A-D]) \(([^)]*)\)", header)
    lim = re.search(r"(\d+) words, limit (\d+)", header)
    return {"side": m.group(1) if m else "A", "stance": m.group(2) if m else "",
            "kind": header.split("|")[1].strip() if "|" in header else "",
            "for": "(for the motion)" in header or "（支持辩题）" in header or "(支持辩题)" in header,
            "words": int(lim.group(1)) if lim else 0, "limit": int(lim.group(2)) if lim else 10**6,
            "flags": set(header.split("flags:")[1].split("|")[0].replace(",", " ").split())
            if "flags:" in header else set()}


def _notes(system: str) -> tuple[list[str], list[str]]:
    """The reference notes' (claims, evidence), one text each (none when the prompt has none)."""
    claims: list[str] = []
    evidence: list[str] = []
    if P.NOTES_SIDE_LINE not in system:
        return claims, evidence
    for line in system.split(P.NOTES_SIDE_LINE, 1)[1].splitlines():
        if line.startswith("- "):
            claim, _, ev = line[2:].partition(P.NOTES_EVIDENCE)
            claims.append(claim.strip())
            evidence += [e.strip() for e in ev.split(" | ") if e.strip()]
    return claims, evidence


class _Support:
    """Which sentences are backed by the reference notes."""

    def __init__(self, notes: list[str], motion: str) -> None:
        self.grams: set[tuple[str, ...]] = set()
        self.rare: list[set[str]] = []
        common = set(words(motion))
        for n in notes:
            toks = words(n)
            self.grams |= ngrams(toks, MATCH_N)
            self.rare.append({t for t in toks if len(t) > 3 and t not in common and t not in _STOP})

    def backs(self, sentence: str) -> bool:
        toks = words(sentence)
        if ngrams(toks, MATCH_N) & self.grams:
            return True
        have = set(toks)
        return any(len(r & have) >= MATCH_RARE for r in self.rare if len(r) >= MATCH_RARE)


def _sentences(text: str) -> list[str]:
    return sentences(text) or [text]


def house_ballot(messages: list[dict], seed: object = 0, length_bias: float = 0.0) -> str:
    system = next((m["content"] for m in messages if m.get("role") == "system"), "")
    user = "\n".join(m["content"] for m in messages if m.get("role") == "user")
    dims_line = next((ln for ln in system.splitlines() if ln.startswith(P.DIMENSIONS_LINE)), "")
    dims = [d.strip() for d in dims_line[len(P.DIMENSIONS_LINE):].split(",") if d.strip()] or \
        ["norms", "evidence", "rebuttal", "style"]
    weights = {d: float(w) for d, w in re.findall(r"^- ([a-z0-9-]+) \(.*?(?:weight|权重) ([\d.]+)\)",
                                                  system, re.M)}
    lo, hi = 1, 10
    m = re.search(r"\{\"A\": \{\"[a-z0-9-]+\": \"(-?\d+)-(-?\d+)\"", system)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
    m = re.search(r"(?:from|从) ?(-?\d+) ?(?:to|到|至) ?(-?\d+)", system)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
    motion = next((ln[len(P.MOTION_LINE):] for ln in user.splitlines() if ln.startswith(P.MOTION_LINE)), "")
    speeches = [(b, _speech_info(b.header)) for b in blocks(user)]
    claims, evidence = _notes(system)
    notes = claims + evidence
    support = _Support(evidence, motion) if evidence else None

    per = [_score_speech(b, info, speeches, motion, support) for b, info in speeches]  # each once
    if P.RANKS_KEY in system:
        return _ranked_ballot(per, speeches, dims, weights, lo, hi, seed, user, motion, system, notes)
    raw: dict[str, dict[str, float]] = {}
    for letter in ("A", "B"):
        mine = [p for p, (_, i) in zip(per, speeches) if i["side"] == letter]
        raw[letter] = _score_side(mine, lo, hi) if mine else \
            {"norms": lo, "evidence": lo, "rebuttal": lo, "style": lo}
    rng = rng_for("house-judge", seed, user)
    side_words = {letter: sum(min(i["words"] or count_words(b.text), i["limit"]) for b, i in speeches
                         if i["side"] == letter) for letter in ("A", "B")}  # a cut speech: to its limit
    scores: dict[str, dict[str, int]] = {}
    for letter in ("A", "B"):
        row = {}
        other = "B" if letter == "A" else "A"
        lean = length_bias * (side_words[letter] - side_words[other]) / max(1, sum(side_words.values()))
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
    ballot: dict = {"winner": winner, "scores": scores,
                    "reasons": _reasons(winner, scores, dims, lo, speeches, motion, notes)}
    if '"speeches": {' in system:
        ballot["speeches"] = _speech_scores(speeches, per, lo, hi)
    return json.dumps(ballot, ensure_ascii=False)


def _ranked_ballot(per, speeches, dims, weights, lo, hi, seed, user, motion, system, notes) -> str:
    """A four-side ballot: every side scored as in 1v1, ranked by weighted total."""
    letters = "ABCD"
    rng = rng_for("house-judge", seed, user)
    scores: dict[str, dict[str, int]] = {}
    for letter in letters:
        mine = [q for q, (_, i) in zip(per, speeches) if i["side"] == letter]
        raw = _score_side(mine, lo, hi) if mine else {d: lo for d in dims}
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
    # What the first and the last side argued (or that they did not), so the reasons engage with
    # this debate as the 1v1 reasons do.
    said = {x: _topic_words([b.text for b, i in speeches if i["side"] == x], motion, notes) for x in (first, last)}
    if is_cjk(motion):
        reasons += "".join(f"{x}方围绕“{'”“'.join(w)}”展开论证。" if w else f"{x}方没有讨论辩题本身。"
                           for x, w in said.items())
    else:
        reasons += "".join(f" Side {x} argued {' and '.join(w)}." if w else f" Side {x} did not argue the motion's subject."
                           for x, w in said.items())
    if len({w for ws in said.values() for w in ws}) < 2:
        subject = _topic_words([motion], motion, [], k=3)
        if subject:
            reasons += (f"各方对“{'”“'.join(subject)}”都谈得很少。" if is_cjk(motion)
                        else f" Little was said about {' and '.join(subject)}.")
    ballot: dict = {"reasons": reasons, "scores": scores, "ranks": {x: order.index(x) + 1 for x in letters}}
    if '"speeches": {' in system:
        ballot["speeches"] = _speech_scores(speeches, per, lo, hi)
    return json.dumps(ballot, ensure_ascii=False)


def _wrong_side(text: str, for_motion: bool) -> bool:
    """The speech declares the other side's stance in its own words (quotes left out)."""
    own = re.sub(r"\"[^\"]*\"|“[^”]*”|「[^」]*」", " ", text)
    return bool((_AGAINST if for_motion else _FOR).search(own))


def _score_speech(b, info, everything, motion: str, support: _Support | None) -> dict[str, float | None]:
    """One speech's contribution to each dimension (rebuttal None for the debate's first speech)."""
    sents = _sentences(b.text)
    distinct = list(dict.fromkeys(sents))
    flags = info["flags"]
    n = 9.0
    words_ = info["words"] or count_words(b.text)
    if words_ > info["limit"] or "overrun" in flags:
        n -= 2
    if words_ < 0.3 * info["limit"]:
        n -= 1
    n -= sum(points for f, points in FLAG_NORMS.items() if f in flags)
    if _wrong_side(b.text, info["for"]):
        n -= WRONG_SIDE_NORMS
    if support is not None:
        evidence = 2 + 12 * sum(1 for x in distinct if support.backs(x)) / len(distinct)
    else:
        evidence = min(6.0, 2 + 16 * sum(1 for x in distinct if CUE.search(x)) / len(distinct) / 3)
    reb = None
    if b.n != everything[0][0].n:
        prev = [x for x, i in everything if i["stance"] != info["stance"] and x.n < b.n]
        own = b.text
        if prev:  # what it copies from the opponent is not engagement
            theirs = [x.text for x in prev]
            copied = [s for s in verbatim_spans(b.text, theirs, BORROWED_N)
                      if not any(a <= s[0] < z for a, z in quoted_spans(b.text, theirs))]
            own = blank(b.text, copied)
        cues = min(3, len(REBUT.findall(own)))
        uptake = 0.0
        if prev:
            latest = _content(prev[-1].text) - _content(motion)
            uptake = len(latest & _content(own)) / max(1, len(latest))
        reb = 2 + 2 * cues + 5 * uptake
        if "copied_opponent" in flags:
            reb = min(reb, 3.0)
    signs = len(SIGNPOST.findall(b.text)) / len(sents)
    dup = 1 - len(distinct) / len(sents)
    pad = len(PADDING.findall(b.text)) / max(1, len(sents))
    toks = _WORDS.findall(b.text.lower())
    ttr = len(set(toks)) / len(toks) if toks else 0.5
    style = (6 + 3 * min(1.0, signs) - 4 * dup - 6 * min(1.0, pad) + 2 * (ttr - 0.5)
             - STYLE_FLAGS.get("format_echo", 0) * ("format_echo" in flags)
             - STYLE_FLAGS.get("repetition", 0) * ("repetition" in flags))
    return {"norms": n, "evidence": evidence, "rebuttal": reb, "style": style}


def _score_side(per: list[dict[str, float | None]], lo: int, hi: int) -> dict[str, float]:
    """A side's dimension scores: the mean over its speeches' (`_score_speech`), each speech's
    score first clamped to the scale."""
    mean = lambda xs: sum(max(lo, min(hi, x)) for x in xs) / len(xs)  # noqa: E731
    reb = [p["rebuttal"] for p in per if p["rebuttal"] is not None]
    return {"norms": mean([p["norms"] for p in per]), "evidence": mean([p["evidence"] for p in per]),
            "rebuttal": mean(reb) if reb else 5.0, "style": mean([p["style"] for p in per])}


def _topic_words(texts: list[str], motion: str, notes: list[str], k: int = 2) -> list[str]:
    """Up to k words a side used that belong to the motion's subject (its notes, its text)."""
    topic = set().union(*(_content(n) for n in notes), _content(motion))
    counts: dict[str, int] = {}
    for t in texts:
        for w in _WORDS.findall(t.lower()):
            if w in topic and w not in _STOP:
                counts[w] = counts.get(w, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:k]


def _reasons(winner: str, scores: dict, dims: list[str], lo: int, speeches, motion: str,
             notes: list[str]) -> str:
    loser = "B" if winner == "A" else "A"
    diffs = sorted(dims, key=lambda d: scores[loser][d] - scores[winner][d])
    best = [d for d in diffs if scores[winner][d] > scores[loser][d]][:2]
    weak = [d for d in dims if scores[loser][d] <= lo + 2]
    said = {x: [b.text for b, i in speeches if i["side"] == x] for x in ("A", "B")}
    flagged = {x: sorted({f for _, i in speeches if i["side"] == x for f in i["flags"]}) for x in ("A", "B")}
    topic = {x: _topic_words(said[x], motion, notes) for x in ("A", "B")}
    # Too little said on the subject to name: say so in the motion's own words.
    thin = len(set(topic["A"]) | set(topic["B"])) < 2
    subject = _topic_words([motion], motion, [], k=3) if thin else []
    if is_cjk(motion):
        parts = [f"{d}（{scores[winner][d]} 比 {scores[loser][d]}）" for d in best]
        out = (f"{winner}方在" + "和".join(parts) + f"上胜过{loser}方。") if best else \
            f"双方势均力敌，{winner}方以加权总分略胜。"
        out += (f"{winner}方围绕“{'”“'.join(topic[winner])}”展开论证。" if topic[winner]
                else f"{winner}方也没有真正讨论“{motion[:12]}”。")
        out += (f"{loser}方谈到“{'”“'.join(topic[loser])}”，" if topic[loser] else f"{loser}方没有讨论辩题本身，")
        if flagged[loser]:
            out += f"其发言被标记为{'、'.join(flagged[loser])}。"
        else:
            out += ("但在" + "、".join(weak) + "上较弱。") if weak else "但整体稍逊。"
        if subject:
            out += f"双方对“{'”“'.join(subject)}”都谈得很少。"
        return out + "（内置裁判：启发式评分）"
    parts = [f"{d} ({scores[winner][d]} vs {scores[loser][d]})" for d in best]
    out = (f"Side {winner} outscored Side {loser} on " + " and ".join(parts) + ".") if best else \
        f"The sides were level; Side {winner} edged it on the weighted total."
    out += (f" Side {winner} argued {' and '.join(topic[winner])}." if topic[winner]
            else f" Side {winner} never argued the motion itself ({motion[:60]}) either.")
    out += (f" Side {loser} argued {' and '.join(topic[loser])}" if topic[loser]
            else f" Side {loser} did not argue the motion's subject")
    if flagged[loser]:
        out += f", and its speeches were flagged {', '.join(flagged[loser])}."
    else:
        out += (f" but was weak on {', '.join(weak)}." if weak else " less well.")
    if subject:
        out += f" Neither side said much about {' and '.join(subject)}."
    return out


def _speech_scores(speeches, per, lo, hi) -> dict[str, int]:
    out = {}
    for (b, _), scores in zip(speeches, per):
        vals = [v for v in scores.values() if v is not None]
        out[str(b.n)] = _clamp(sum(vals) / len(vals), lo, hi)
    return out
