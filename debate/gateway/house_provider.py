"""The house models as a litellm custom provider: they travel the same path as remote models."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from typing import Any

from litellm import CustomLLM, ModelResponse
from litellm.llms.custom_llm import CustomLLMError

from ..domain.models import count_words
from ..house import LEVELS, house_ballot, house_speech

# Words per second at which house speeches stream (0: as fast as the loop allows). Only a live
# display streams; `debate tui`'s demo sets a readable pace, since a house model answers at once.
PACE_WPS = 0.0


def _respond(model: str, messages: list[dict], optional_params: dict) -> str:
    name = model.split("/", 1)[-1]
    seed = optional_params.get("seed", 0)
    if name == "judge":
        return house_ballot(messages, seed)
    if name in LEVELS:
        return house_speech(name, messages, seed)
    raise CustomLLMError(status_code=404, message=f"unknown house model 'house/{name}'; "
                         f"known: {', '.join([*LEVELS, 'judge'])}")


def _usage(messages: list[dict], text: str) -> dict[str, int]:
    prompt = sum(count_words(m.get("content") or "") for m in messages)
    completion = count_words(text)
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": prompt + completion}


class HouseLLM(CustomLLM):
    async def acompletion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> ModelResponse:
        text = _respond(model, messages, kwargs.get("optional_params") or {})
        return ModelResponse(model=f"house/{model}", created=int(time.time()),
                             choices=[{"message": {"role": "assistant", "content": text},
                                       "finish_reason": "stop", "index": 0}],
                             usage=_usage(messages, text))

    async def astreaming(self, model: str, messages: list, *args: Any, **kwargs: Any) -> AsyncIterator[dict]:
        text = _respond(model, messages, kwargs.get("optional_params") or {})
        pieces = re.findall(r"\S+\s*|\s+", text) or [""]
        pace = PACE_WPS
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            yield {"text": piece, "is_finished": last, "finish_reason": "stop" if last else "",
                   "usage": _usage(messages, text) if last else None, "index": 0, "tool_use": None}
            if pace > 0 and not last:
                await asyncio.sleep(1 / pace)
            elif i % 16 == 15:
                await asyncio.sleep(0)  # let other debates stream too
