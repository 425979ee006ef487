"""House debaters with graded strength.

A stronger level uses more of its case notes, backs claims with their evidence, answers the
opponent's latest points by quoting them, keeps within the word limit and does not pad. A weaker
level asserts, repeats itself, drifts and overruns. Output is deterministic for a prompt and seed.

`params: {pad: 0.5}` makes a *padder* (style control's test, benchmarks/style_house.py): the
same speech, then its own sentences (but the rebuttals, which quote the opponent) restated in
turn ("To restate: ...") until it is 50% longer, never past the word limit. Restated sentences
carry their evidence and signposts along, so the house judge scores them much as the plain
speech: what the padder gains is mostly length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.models import count_words, is_cjk
from .parse import DebaterView, debater_view, rng_for


@dataclass(frozen=True)
class Level:
    args: int          # case-note arguments used per speech
    evidence: float    # chance a claim is backed by its evidence
    rebut: int         # opponent points answered per speech
    overrun: float     # chance of running past the word limit
    filler: float      # chance of padding after each point
    drift: float       # chance of an off-motion tangent
    connect: float     # chance of signposting a point


LEVELS: dict[str, Level] = {
    "novice": Level(args=1, evidence=0.1, rebut=0, overrun=0.35, filler=0.7, drift=0.4, connect=0.1),
    "club": Level(args=2, evidence=0.4, rebut=1, overrun=0.15, filler=0.35, drift=0.15, connect=0.4),
    "expert": Level(args=3, evidence=0.8, rebut=2, overrun=0.05, filler=0.1, drift=0.0, connect=0.8),
    "champion": Level(args=3, evidence=1.0, rebut=3, overrun=0.0, filler=0.0, drift=0.0, connect=1.0),
}

EN = {
    "intro_pro": "We stand firmly for the motion: {motion}",
    "intro_con": "We stand firmly against the motion: {motion}",
    "signposts": ["First,", "Second,", "Third,", "Further,", "Finally,"],
    "because": "This matters because {claim_lc}",
    "evidence": "Consider the evidence: {ev}",
    "rebut": "Our opponents claimed that \"{quote}\". That does not hold: {answer}",
    "rebut_answer_noargs": "they assume what they need to prove, and the record points the other way.",
    "filler": ["This is a very important point and it really matters a lot.",
               "As we said, this is really very important.",
               "Everyone knows this is true, and it is obvious to everyone."],
    "drift": ["On a related note, the weather has been unusual lately and people talk about it a lot.",
              "Also, sports teams often succeed when they train hard, which is inspiring."],
    "generic_pro": ["the motion addresses a real and growing problem", "the benefits clearly outweigh the costs",
                    "the people most affected are better protected under this policy"],
    "generic_con": ["the motion creates more problems than it solves", "the costs are larger and fall on the vulnerable",
                    "better alternatives exist that avoid these harms"],
    "closing": "In this debate we have shown that {points}. For these reasons, we {verb} the motion.",
    "verb_pro": "support", "verb_con": "oppose", "and": " and that ",
    "question": "Can you explain how your case survives this: {claim_lc}?",
}
ZH = {
    "intro_pro": "我方坚定支持辩题：{motion}",
    "intro_con": "我方坚定反对辩题：{motion}",
    "signposts": ["第一，", "第二，", "第三，", "此外，", "最后，"],
    "because": "这一点之所以重要，是因为{claim_lc}",
    "evidence": "例如，{ev}",
    "rebut": "对方辩友认为“{quote}”。这一论点站不住脚：{answer}",
    "rebut_answer_noargs": "对方预设了需要证明的结论，而事实恰恰相反。",
    "filler": ["这一点非常非常重要，真的很重要。", "正如我们所说，这真的很重要。", "大家都知道这是对的，这是显而易见的。"],
    "drift": ["顺便说一句，最近的天气很不寻常，大家经常谈论。", "另外，运动队努力训练往往会成功，这很励志。"],
    "generic_pro": ["该辩题回应了一个真实且日益严重的问题", "其收益明显大于成本", "受影响最大的人群将因此得到更好的保护"],
    "generic_con": ["该辩题带来的问题比它解决的更多", "其代价更大，且落在弱势群体身上", "存在能避免这些危害的更好选择"],
    "closing": "在这场辩论中，我们已经证明{points}。因此，我方{verb}该辩题。",
    "verb_pro": "支持", "verb_con": "反对", "and": "，并且",
    "question": "请问对方如何回应这一点：{claim_lc}？",
}

# Sentences that are the house debaters' own scaffolding, not an opponent's claim worth quoting.
_TEMPLATE = re.compile(r"We stand firmly|does not hold|opponents claimed|Consider the evidence|"
                       r"In this debate we have|This matters because|very important|Everyone knows|"
                       r"我方坚定|站不住脚|对方辩友|例如|在这场辩论中|这一点之所以|非常非常|大家都知道|[“\"]")
# Padding and tangents are never worth quoting back.
_PADDING = {x.rstrip(".。!！") for t in (EN, ZH) for x in (*t["filler"], *t["drift"])}
_SIGNPOST = re.compile(r"^(First|Second|Third|Further|Finally),\s*|^(第一|第二|第三|此外|最后)，")
_SENT = re.compile(r"(?<=[.!?。！？])\s*")


def _lc(s: str) -> str:
    s = s.strip()
    return s[:1].lower() + s[1:] if s and s[:2] != s[:2].upper() else s


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if len(s.strip()) > 1]


def _theirs(view: DebaterView) -> list:
    """The opponents' speeches: the other side's; four sides, the other bench's."""
    if view.four_sides:
        return [b for b in view.speeches if ("(for)" in b.header) != view.pro]
    return [b for b in view.speeches if "(you)" not in b.header]


def _opponent_points(view: DebaterView, zh: bool) -> list[str]:
    """The opponent's substantive sentences, newest speech first."""
    theirs = _theirs(view)
    out: list[str] = []
    for b in reversed(theirs):
        for s in _sentences(b.text):
            s = _SIGNPOST.sub("", s).rstrip(".。!！")
            n = count_words(s)
            if (n >= 6 if not zh else n >= 10) and not _TEMPLATE.search(s) and s not in out \
                    and s not in _PADDING:
                out.append(s)
    return out


def house_speech(level_name: str, messages: list[dict], seed: object = 0, pad: float = 0.0) -> str:
    level = LEVELS[level_name]
    view = debater_view(messages)
    zh = is_cjk(view.motion)
    t = ZH if zh else EN
    rng = rng_for("house", level_name, seed, messages)
    side = "pro" if view.pro else "con"
    notes = view.notes or [(c, []) for c in t[f"generic_{side}"]]
    # Rotate through the notes so later speeches bring fresh material.
    own_count = sum(1 for b in view.speeches if "(you)" in b.header)
    k = min(level.args, len(notes))
    start = (own_count * k) % len(notes)
    chosen = [notes[(start + i) % len(notes)] for i in range(k)]

    body: list[str] = []
    if view.kind in ("opening",) or not view.speeches:
        body.append(t[f"intro_{side}"].format(motion=view.motion))
    if view.kind == "cross-examination":
        for claim, _ in chosen[: max(1, level.rebut)]:
            body.append(t["question"].format(claim_lc=_lc(claim).rstrip(".。")))
    elif view.kind != "opening" and level.rebut:
        answered = 0
        for j, quote in enumerate(_opponent_points(view, zh)[: level.rebut]):
            answer = _lc(chosen[j % len(chosen)][0]) if chosen else t["rebut_answer_noargs"]
            body.append(t["rebut"].format(quote=quote[:160], answer=answer))
            answered = min(len(chosen), j + 1)
        if level.connect >= 0.8 and answered:
            # A strong debater does not make a point twice: the claims it answered with are
            # developed below only where notes are left over, else backed by evidence alone.
            rest = [notes[(start + k + i) % len(notes)] for i in range(len(notes) - k)][:answered]
            chosen = rest + chosen[answered:] if rest else [("", ev) for _, ev in chosen]
    said = " ".join(b.text for b in view.speeches if "(you)" in b.header)
    if level.connect >= 0.8:
        # A strong debater brings evidence it has not cited yet, and does not cite it twice.
        chosen = [(c, [e for e in ev if e not in said]) for c, ev in chosen]
    for i, (claim, evidence) in enumerate(chosen):
        if not claim:
            if evidence and rng.random() < level.evidence:
                body.append(t["evidence"].format(ev=evidence[rng.randrange(len(evidence))]))
            continue
        lead = t["signposts"][i % len(t["signposts"])] + ("" if zh else " ") if rng.random() < level.connect else ""
        body.append(lead + (_lc(claim) if lead and not zh else claim))
        if evidence and rng.random() < level.evidence:
            body.append(t["evidence"].format(ev=evidence[rng.randrange(len(evidence))]))
        elif rng.random() < level.connect:
            body.append(t["because"].format(claim_lc=_lc(t[f"generic_{side}"][i % 3])) + ("。" if zh else "."))
        if rng.random() < level.filler:
            body.append(rng.choice(t["filler"]))
    if rng.random() < level.drift:
        body.append(rng.choice(t["drift"]))
    if view.kind == "closing":
        pts = t["and"].join(_lc(c).rstrip(".。") for c, _ in chosen if c) or t[f"generic_{side}"][0]
        body.append(t["closing"].format(points=pts, verb=t[f"verb_{side}"]))

    overrun = rng.random() < level.overrun
    text = _fit(body, view.limit, overrun, t, rng, zh)
    return _padded(text, pad, view.limit, zh) if pad > 0 else text


RESTATE = {False: "To restate: {s}", True: "重申一遍：{s}"}


def _padded(text: str, pad: float, limit: int, zh: bool) -> str:
    """The speech, then its own sentences restated in turn until it is `pad` longer (at most the
    word limit, so the judges read all of it)."""
    sents = [x for x in _sentences(text) if not re.search(r"[\"“”]", x)]  # not its rebuttals' quotes
    want = min(int(count_words(text) * (1 + pad)), limit)
    out, i = text, 0
    while sents and i < 4 * len(sents):
        extra = RESTATE[zh].format(s=_lc(sents[i % len(sents)]) if not zh else sents[i % len(sents)])
        if count_words(out) + count_words(extra) > want:
            break
        out += ("" if zh else " ") + extra
        i += 1
    return out


def _fit(body: list[str], limit: int, overrun: bool, t: dict, rng, zh: bool) -> str:
    join = "" if zh else " "
    if overrun:
        while count_words(join.join(body)) <= int(limit * 1.25):
            body.append(rng.choice(t["filler"]))
        return join.join(body)
    while len(body) > 1 and count_words(join.join(body)) > limit:
        # Drop padding first, then the last point before the conclusion.
        pads = [i for i, s in enumerate(body) if s in t["filler"] or s in t["drift"]]
        body.pop(pads[-1] if pads else max(1, len(body) - 2))
    return join.join(body)
