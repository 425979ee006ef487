"""Prices and worst-case cost estimates: what a call may cost before it is made.

Used by the budget check (before each call) and by `debate run --dry-run`. A model's
`price` in the league file wins; house and local models are free; anything else is looked up
in litellm's bundled price table (the one reason this module may import litellm, lazily).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from ..league.entries import ModelEntry

FREE_PROVIDERS = ("house", "local")
DEFAULT_MAX_OUTPUT_TOKENS = 1024
TOKENS_PER_WORD = 2.0  # generous: words -> tokens in most languages, plus an overrun margin


def price_per_token(entry: ModelEntry) -> tuple[float, float] | None:
    """(input, output) USD per token, or None when no price is known."""
    if entry.price is not None:
        return entry.price.input_per_mtok / 1e6, entry.price.output_per_mtok / 1e6
    if entry.provider in FREE_PROVIDERS:
        return 0.0, 0.0
    return table_price(entry.model)


@lru_cache(maxsize=256)
def table_price(model: str) -> tuple[float, float] | None:
    """(input, output) USD per token from litellm's bundled table, or None if it lacks the model."""
    from .litellm_import import import_litellm

    lm = import_litellm()
    for name in (model, model.split("/", 1)[-1]):
        info = lm.model_cost.get(name)
        if info and ("input_cost_per_token" in info or "output_cost_per_token" in info):
            return float(info.get("input_cost_per_token") or 0.0), float(info.get("output_cost_per_token") or 0.0)
    return None


OUTPUT_CAP_PARAMS = ("max_tokens", "max_completion_tokens", "max_output_tokens")


def max_output_tokens(entry: ModelEntry, hint: int | None = None) -> int:
    """The most output tokens a call can bill: the model's own cap, else the caller's hint
    (which the gateway sends as max_tokens when a budget is set)."""
    for key in OUTPUT_CAP_PARAMS:
        value = entry.params.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return hint or DEFAULT_MAX_OUTPUT_TOKENS


# The one token estimate (the budget's, the dry run's, and a stream's that reports no usage):
# upper-side, as a budget needs. Chinese runs at 0.8 to 1.2 tokens a character, not a third of one.
ASCII_CHARS_PER_TOKEN = 3
TOKENS_PER_WIDE_CHAR = 1.5
TOKENS_PER_MESSAGE = 4  # role and framing


def text_tokens_estimate(text: str) -> int:
    wide = sum(1 for c in text if c > "\x7f")
    return math.ceil((len(text) - wide) / ASCII_CHARS_PER_TOKEN + wide * TOKENS_PER_WIDE_CHAR)


def prompt_tokens_estimate(messages: list[dict]) -> int:
    """The messages as sent (JSON), plus a few tokens per message."""
    blob = json.dumps(messages, ensure_ascii=False)
    return text_tokens_estimate(blob) + TOKENS_PER_MESSAGE * len(messages)


def words_to_tokens(words: int) -> int:
    return math.ceil(words * TOKENS_PER_WORD) + 16


def max_call_cost(entry: ModelEntry, prompt_tokens: int, output_tokens: int) -> float | None:
    price = price_per_token(entry)
    if price is None:
        return None
    return prompt_tokens * price[0] + output_tokens * price[1]
