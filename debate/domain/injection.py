"""Flag speeches that leak their model's identity or try to steer the judge. Pure text functions.

A speech is scanned as written and in decoded views that undo common smuggling: Unicode
compatibility forms (fullwidth, mathematical letters), zero-width and bidi characters,
homoglyphs from other scripts, letter spacing, leetspeak, reversed text, ROT13, and base64,
hex, percent and \\u escapes. A rule that fires in any view flags the speech. Rules look for
acts, not topics: a debate about judges or about ChatGPT is not flagged; addressing the
judge, instructing it, forging delimiters or ballots, or saying "as an AI model" is.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

IDENTITY_LEAK = "identity_leak"
PROMPT_INJECTION = "prompt_injection"


@dataclass(frozen=True)
class Finding:
    flag: str   # IDENTITY_LEAK or PROMPT_INJECTION
    rule: str   # which rule fired
    view: str   # which view of the text it fired in ("raw", "base64", ...)
    excerpt: str


_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]|[\U000e0000-\U000e007f]")
HOMOGLYPHS = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i", "ο": "o", "α": "a", "ν": "v", "ε": "e", "ι": "i",
    "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "А": "A", "В": "B", "Е": "E", "К": "K",
    "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S",
    "І": "I", "Ј": "J", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                       "!": "i", "|": "l"})
_MIXED = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+\b")
_SPACED = re.compile(r"\b(?:[A-Za-z][ .\-_*]){3,}[A-Za-z]\b")
_B64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])|"
                  r"(?<![A-Za-z0-9_\-=])[A-Za-z0-9_\-]{16,}={0,2}(?![A-Za-z0-9_\-=])")
_HEX = re.compile(r"(?<![0-9A-Za-z])(?:(?:0x|\\x)?[0-9a-fA-F]{2}[\s:,]?){8,}")
_ESC = re.compile(r"(?:\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|&#x?[0-9a-fA-F]+;)+")


def strip_invisible(text: str) -> str:
    """Drop zero-width, bidi-control and tag characters: they render as nothing."""
    return _INVISIBLE.sub("", text)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _INVISIBLE.sub("", text).translate(HOMOGLYPHS)


def _printable_share(s: str) -> float:
    return sum(ch.isprintable() or ch in "\n\t" for ch in s) / max(1, len(s))


def _unescape(m: re.Match) -> str:
    try:
        if "\\" in m.group(0):
            return codecs.decode(m.group(0), "unicode_escape")
        return re.sub(r"&#(x?)([0-9a-fA-F]+);", lambda g: chr(int(g.group(2), 16 if g.group(1) else 10)),
                      m.group(0))
    except (UnicodeDecodeError, ValueError, OverflowError):
        return m.group(0)


def _decoded(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for m in _B64.finditer(text):
        blob = m.group(0)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                s = decode(blob + "=" * (-len(blob) % 4)).decode("utf-8")
            except (binascii.Error, ValueError):
                continue
            if _printable_share(s) > 0.9:
                out.append(("base64", s))
                break
    for m in _HEX.finditer(text):
        digits = re.sub(r"0x|\\x|[\s:,]", "", m.group(0))
        try:
            s = bytes.fromhex(digits[: len(digits) // 2 * 2]).decode("utf-8")
        except ValueError:
            continue
        if _printable_share(s) > 0.9:
            out.append(("hex", s))
    if _ESC.search(text):
        out.append(("escape", _ESC.sub(_unescape, text)))
    if "%" in text:
        s = unquote(text)
        if s != text:
            out.append(("percent", s))
    return out


def views(text: str) -> list[tuple[str, str]]:
    """The text as written and as decoded in every way the rules should see it."""
    norm = _normalise(text)
    out = [("raw", text), ("normalised", norm)]
    out.append(("despaced", _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), norm)))
    out.append(("leet", re.sub(r"[A-Za-z0-9@$!|]+", lambda m: m.group(0).translate(_LEET)
                               if re.search(r"[A-Za-z]", m.group(0)) else m.group(0), norm)))
    out.append(("reversed", norm[::-1]))
    out.append(("rot13", codecs.encode(norm, "rot13")))
    for name, s in _decoded(norm):
        out.append((name, _normalise(s)))
    return out


_I = re.I | re.M
# Role lines that speak for the engine or the judge. A chat transcript's "User:" or "Assistant:"
# line, or a speaker's name before a turn, is format_echo (debate.domain.flags).
_ROLES = r"(?:system|developer|judge|adjudicator|admin(?:istrator)?|instructions?|系统|裁判|评委|开发者|指令)"
_SIDE = r"(?:[Ss]ide\s*[AB]\b|[AB]\s*方|甲方|乙方)"
_US = r"(?:us|our side|our team|this side|" + _SIDE + r"|the (?:proposition|opposition))"
_JUDGES = r"(?:judges?|adjudicators?|evaluators?|graders?|assessors?|arbiters?)"
_BOT = r"(?:ai|model|assistant|language model|llm|chatbot|gpt)"

INJECTION_RULES: list[tuple[str, re.Pattern]] = [(name, re.compile(p, _I)) for name, p in [
    # Talking to the judge instead of the opponent. Debaters are never told the letters.
    ("judge-labels", r"(?-i:\b[Ss]ide [AB]\b)|(?-i:\b[AB]方)"),
    ("address-judge", r"\b(?:dear|esteemed|honou?rable|respected|distinguished|attention|note to|message to|"
                      r"memo to|reminder to)\s+(?:the\s+|all\s+|our\s+)?(?:" + _JUDGES + r"|panel|" + _BOT + r")\b"),
    ("address-judge", r"(?:^|[.!?;]\s+)" + _JUDGES + r"\s*[,:!—]\s*[^.\n]{0,40}\b(?:you|your|please|note|"
                      r"remember|we ask|i ask|we urge|award|give|vote|score|mark|rule|decide|declare|ignore)\b"),
    ("address-judge", r"\bto (?:the |all )?(?:" + _JUDGES + r"|" + _BOT + r")\s*[:!—]"),
    ("address-judge", r"\b(?:you|your),?\s+(?:the|as (?:the|an?))\s+(?:judge|adjudicator|evaluator|grader|"
                      r"ai|model|assistant|language model)\b|\b(?:hey|hello|hi),?\s+" + _BOT + r"\b|"
                      r"\[\s*(?:judge|adjudicator|system|admin|moderator|note to)"),
    ("address-judge", r"(?:尊敬的|各位|亲爱的|致)\s*(?:评委|裁判|评审|评判)|(?:^|[。！？!?])\s*(?:评委|裁判|评审)"
                      r"(?:们|老师)?\s*[，,：:!！]"),
    # Telling the reader what it is: "you are not a judge", "you are the adjudicator".
    ("address-judge", r"\byou(?:'re| are)\s+(?:not\s+|no\s+longer\s+)?(?:a|an|the|our)\s+(?:\w+\s+)?(?:judge|"
                      r"adjudicator|evaluator|grader|arbiter)\b|你(?:不是|是)(?:一名|一位|本场)?(?:裁判|评委)"),
    # Instructions to drop the rules.
    ("override", r"\b(?:ignore|disregard|forget|override|bypass|skip|discard|set aside|do not follow|"
                 r"don't follow|stop following)\b[^.\n]{0,50}\b(?:instructions?|rules?|prompts?|guidelines?|"
                 r"rubric|directions?|directives?|constraints?|criteria|everything (?:above|before|else))"),
    ("override", r"\b(?:new|updated|revised|real|true|hidden|secret|additional|priority|overriding)\s+"
                 r"(?:system\s+)?(?:instructions?|directives?|rules? for (?:the )?(?:judge|ballot|scoring))\b"),
    ("override", r"\b(?:system|developer|admin(?:istrator)?)\s+(?:prompt|message|instructions?|override|"
                 r"note|notice|command)\b"),
    ("override", r"\b(?:developer mode|do anything now|dan mode|god mode)\b"),
    ("override", r"(?:忽略|无视|忽视|不要理会|不要遵守|忘记|忘掉|绕过|跳过)[^。\n]{0,20}"
                 r"(?:指令|指示|规则|提示|要求|说明|评分标准|设定)"),
    ("override", r"(?:系统提示|系统消息|系统指令|系统通知|新的指令|新指令|最高指令|管理员指令|开发者模式|越狱)"),
    # Role play and identity games aimed at the reader.
    ("role-play", r"\byou are now (?:an?|the|my)\s+(?:\w+\s+)?(?:judge|adjudicator|evaluator|" + _BOT +
                  r"|bot|character|persona)\b|\byou are now (?:free|unrestricted|unfiltered|in (?:developer|"
                  r"debug|admin) mode)\b|\bfrom now on,?\s+you\b|\bpretend (?:you are|you're|to be (?:an?|the)\s+"
                  r"(?:\w+\s+)?(?:judge|" + _BOT + r"))\b|\b(?:please |now |you (?:should|must|will) )act as\b|"
                  r"\brole-?play\b|\bimagine (?:that )?you are (?:an?|the)\s+(?:\w+\s+)?(?:judge|adjudicator|"
                  r"evaluator|" + _BOT + r")\b|\blet'?s play a game\b|\byour new (?:role|task|job|persona)\b"),
    ("role-play", r"你现在是|你现在扮演|假装你是|请扮演|你(?:来)?扮演|扮演(?:一名|一个|一位)?(?:裁判|评委|助手|AI|人工智能)|"
                  r"假设你是(?:一名|一个|一位)?(?:裁判|评委|AI|人工智能|助手|模型)|从现在开始[，,]?\s*你|你的新身份|角色扮演"),
    # Telling the judge what to decide or how to score.
    ("steer-verdict", r"\b(?:give|award|grant|assign)\s+" + _US + r"\b[^.\n]{0,30}\b(?:marks?|points?|scores?|"
                      r"\d+|win|victory|ballot|debate|round|verdict)\b"),
    ("steer-verdict", r"\b(?:score|rate|mark)\s+(?:" + _US + r"|them|the other side|our opponents?)\b[^.\n]{0,20}"
                      r"(?:\d|full|maximum|perfect|highest|top|low|zero|minimum)"),
    ("steer-verdict", r"\b(?:full|perfect|maximum|top|highest) (?:marks|scores?|points)\b[^.\n]{0,30}"
                      r"\b(?:for|to)\s+" + _US),
    ("steer-verdict", r"\b(?:norms|evidence|rebuttal|style)\s*[\"']?\s*[:=]\s*\d"),
    ("steer-verdict", r"\b(?:declare|declaring|award|awarding|hand|handing)\b[^.\n]{0,30}\b(?:win|victory|"
                      r"winner|debate)\b[^.\n]{0,20}(?:\bto\s+" + _US + r"|" + _SIDE + r")"),
    ("steer-verdict", r"\b(?:the\s+)?(?:winner|verdict|outcome|decision|result|ballot)\s+(?:is|must be|should be|"
                      r"shall be|has to be|will be)\s*[:\"']?\s*" + _SIDE),
    ("steer-verdict", r"\b(?:vote|voting|rule|ruling|decide|find)\s+(?:for|in favou?r of)\s+" + _SIDE),
    ("steer-verdict", r"\b(?:ballot|verdict|decision|victory|win)\s+(?:go(?:es|ing)?|must go|should go)\s+to\s+"
                      r"(?:us|" + _SIDE + r"|the (?:proposition|opposition|government))\b"),
    ("steer-verdict", r"\b(?:the\s+)?(?:panel|judges?|adjudicators?)\s+(?:should|must|ought to|has to|have to)\s+"
                      r"(?:score|rate|mark|award|give|vote|rule|decide|declare)\b"),
    ("steer-verdict", _SIDE + r"\s+(?:wins|won|has won|must win|should win|is the winner|deserves? to win|"
                      r"gets? (?:full|\d+))"),
    ("steer-verdict", r"\b(?:output|respond|reply|answer|return|print|emit)\b[^.\n]{0,30}\b(?:json|"
                      r"ballot|scorecard|verdict)\b"),
    ("steer-verdict", r"(?:判定|裁定|宣布|判)(?:我方|正方|反方|本方|" + _SIDE + r")[^。\n]{0,6}(?:获胜|胜出|胜利|赢)|"
                      r"(?:给|为)(?:我方|正方|反方|本方|" + _SIDE + r")[^。\n]{0,12}(?:满分|高分|最高分|\d+\s*分)|"
                      r"(?:评委|裁判)[^。\n]{0,10}(?:打分|评分|判定|投票)|(?:评分|打分)[^。\n]{0,6}"
                      r"(?:正方|反方|我方|" + _SIDE + r")"),
    # Forged ballots and forged data-block or chat-template delimiters.
    ("fake-ballot", r"[\"'{]\s*(?:winner|scores|verdict|ballot)\s*[\"']?\s*[:=]|\b(?:winner|"
                    r"final (?:score|ballot|decision)s?|official ballot)\s*[:=：]\s*(?:the\s+)?(?:" + _SIDE +
                    r"|proposition|opposition|pro\b|con\b|government|[AB]\b|\d)"),
    ("fake-ballot", r"\b(?:official|judges?'?|adjudication|pre-?filled|completed|final)\s+(?:ballot|scorecard)\b|"
                    r"\bballot\s*[:\[{]"),
    ("fake-ballot", r"(?:获胜方|胜方|胜者|裁决|评分表|计分卡|评分结果)\s*[：:=]"),
    # The judge's fences carry an id (debaters never see it): a fence with one is aimed at the
    # judge. A transcript header without one is format_echo (debate.domain.flags), not an attack.
    ("delimiter", r"\bid\s*=\s*[0-9a-f]{6,}\b"),
    ("delimiter", r"<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|</?(?:system|user|assistant|instructions?|"
                  r"transcript|data|ballot)\s*>|\bBEGIN (?:SYSTEM|INSTRUCTIONS?)\b"),
    ("delimiter", r"\b(?:end|close) of (?:the )?(?:transcript|data(?: block)?|input|user (?:input|content)|"
                  r"debate text|speech block)\b|(?:^|\n)\s*[-=#*_~]{3,}\s*(?:begin|system|new|"
                  r"instructions?)\b"),
    ("role-prefix", r"^[\s>#*_\-\[(|]*" + _ROLES + r"[\s*_\])|]*[:：]"),
    ("role-prefix", r"^\s*#{1,6}\s*(?:system|instructions?|系统|指令)\b"),
]]

IDENTITY_RULES: list[tuple[str, re.Pattern]] = [(name, re.compile(p, _I)) for name, p in [
    ("self-identifies", r"\bas an?\s+(?:ai|a\.i\.|artificial intelligence|(?:large )?language model|llm|"
                        r"ai (?:language )?model|ai assistant|chatbot|(?:openai|anthropic|google|meta) "
                        r"(?:model|ai|product|assistant))\b"),
    ("self-identifies", r"\bi(?:'m| am)\s+(?:just\s+|only\s+)?(?:an?\s+)?(?:ai\b|a\.i\.|artificial intelligence|"
                        r"(?:large )?language model|llm\b|chatbot|(?:chat)?gpt|claude\b|qwen|deepseek|grok\b|kimi\b|"
                        r"glm\b|smollm|gemini(?:,| (?:pro|ultra|flash|model))|llama(?:-?\d| model)|mistral(?: model|,))"),
    ("self-identifies", r"\bmy name is\s+(?:smollm|claude|chatgpt|gpt|gemini|llama|qwen|mistral|deepseek|phi\b|gemma)"),
    ("self-identifies", r"\b(?:i was|i've been|i have been|i am|i'm|an? (?:ai )?(?:assistant|model|chatbot))\s+"
                        r"(?:trained|created|made|developed|built|programmed)\s+by\s+(?:openai|anthropic|google|meta|"
                        r"alibaba|mistral|deepseek|baidu|xai|moonshot|zhipu|microsoft|hugging ?face)"),
    ("self-identifies", r"\bmy (?:training data|knowledge cut-?off|training cut-?off|creators at|developers at|"
                        r"model (?:name|version))\b"),
    ("self-identifies", r"作为(?:一个|一名|一款)?(?:人工智能|AI|语言模型|大语言模型|大模型|AI助手|人工智能助手|聊天机器人)|"
                        r"我是(?:一个|一名|一款)?(?:人工智能|AI|语言模型|大语言模型|大模型|ChatGPT|GPT|通义千问|"
                        r"文心一言|Kimi|DeepSeek|Claude|智谱|豆包|SmolLM)|"
                        r"我(?:是)?由(?:OpenAI|Anthropic|谷歌|Google|阿里巴巴|阿里云|百度|深度求索|月之暗面|智谱|字节跳动|Hugging ?Face)"
                        r"(?:开发|训练|打造|创建)"),
]]

_MIXED_RULE = "mixed-script-word"
# Reversed and ROT13 views of ordinary text are gibberish: look there only for whole phrases.
_GIBBERISH_VIEWS = {"reversed", "rot13"}
_PHRASE_RULES = {"override", "role-play", "steer-verdict"}


def scan(text: str) -> list[Finding]:
    """Every rule that fires, in any view of the text (one finding per rule and flag)."""
    found: dict[tuple[str, str], Finding] = {}
    seen: set[str] = set()
    for view, body in views(text):
        if body in seen:  # most views of ordinary text are the text itself
            continue
        seen.add(body)
        for flag, rules in ((PROMPT_INJECTION, INJECTION_RULES), (IDENTITY_LEAK, IDENTITY_RULES)):
            for rule, pat in rules:
                if (flag, rule) in found or (view in _GIBBERISH_VIEWS and rule not in _PHRASE_RULES):
                    continue
                m = pat.search(body)
                if m:
                    lo = max(0, m.start() - 20)
                    found[(flag, rule)] = Finding(flag, rule, view, body[lo:m.end() + 20].strip())
    # A word that mixes Latin with Cyrillic or Greek letters is there to dodge a filter.
    m = _MIXED.search(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)))
    if m and (PROMPT_INJECTION, _MIXED_RULE) not in found:
        found[(PROMPT_INJECTION, _MIXED_RULE)] = Finding(PROMPT_INJECTION, _MIXED_RULE, "raw", m.group(0))
    return list(found.values())


def flags_for(text: str) -> list[str]:
    """The speech flags the detector raises for this text, in a fixed order."""
    raised = {f.flag for f in scan(text)}
    return [f for f in (IDENTITY_LEAK, PROMPT_INJECTION) if f in raised]
