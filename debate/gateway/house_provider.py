"""The house models as a litellm custom provider (`house/...`): they travel the production path
(Gateway.complete -> litellm.acompletion -> this handler), so the demo exercises the same
dispatch, streaming, usage and error handling as a remote model. `handler()` imports litellm;
the rest of this module does not (the stream is testable without it)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from typing import Any

from ..domain.models import count_words
from ..house import LEVELS, house_ballot, house_speech

# Words per second at which house speeches stream (0: as fast as the loop allows). Only a live
# display streams; `debate tui`'s demo sets a readable pace, since a house model answers at once.
PACE_WPS = 0.0


class UnknownHouseModel(Exception):
    status_code = 404


def _respond(model: str, messages: list[dict], params: dict) -> str:
    name = model.split("/", 1)[-1]
    seed = params.get("seed", 0)
    if name == "judge":
        return house_ballot(messages, seed, length_bias=float(params.get("length_bias", 0.0)))
    if name in LEVELS:
        return house_speech(name, messages, seed, pad=float(params.get("pad", 0.0)))
    raise UnknownHouseModel(f"unknown house model 'house/{name}'; known: {', '.join([*LEVELS, 'judge'])}")


def _usage(messages: list[dict], text: str) -> dict[str, int]:
    prompt = sum(count_words(m.get("content") or "") for m in messages)
    completion = count_words(text)
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": prompt + completion}


async def stream_text(model: str, messages: list[dict], params: dict) -> AsyncIterator[str]:
    """The reply in word-sized pieces, paced at PACE_WPS (the same words at any pace)."""
    text = _respond(model, messages, params)
    pieces = re.findall(r"\S+\s*|\s+", text) or [""]
    pace = PACE_WPS
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        yield piece
        if pace > 0 and not last:
            await asyncio.sleep(1 / pace)
        elif i % 16 == 15:
            await asyncio.sleep(0)  # let other debates stream too


def handler() -> Any:
    """The house models as a litellm custom provider (imports litellm)."""
    from litellm import CustomLLM, ModelResponse
    from litellm.llms.custom_llm import CustomLLMError

    def respond(model: str, messages: list, kwargs: dict) -> str:
        try:
            return _respond(model, messages, kwargs.get("optional_params") or {})
        except UnknownHouseModel as exc:
            raise CustomLLMError(status_code=404, message=str(exc)) from None

    class HouseLLM(CustomLLM):
        async def acompletion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> ModelResponse:
            text = respond(model, messages, kwargs)
            resp = ModelResponse(model=f"house/{model}", created=int(time.time()),
                                 choices=[{"message": {"role": "assistant", "content": text},
                                           "finish_reason": "stop", "index": 0}],
                                 usage=_usage(messages, text))
            # A house call costs nothing: saying so spares litellm's cost lookup for a model its
            # price table cannot know (~2 ms of CPU a call, a fifth of the demo's call overhead).
            resp._hidden_params["response_cost"] = 0.0
            return resp

        async def astreaming(self, model: str, messages: list, *args: Any, **kwargs: Any) -> AsyncIterator[dict]:
            respond(model, messages, kwargs)  # an unknown model fails before the first chunk
            text = ""
            async for piece in stream_text(model, messages, kwargs.get("optional_params") or {}):
                text += piece
                yield {"text": piece, "is_finished": False, "finish_reason": "", "usage": None,
                       "index": 0, "tool_use": None}
            yield {"text": "", "is_finished": True, "finish_reason": "stop",
                   "usage": _usage(messages, text), "index": 0, "tool_use": None}

    return HouseLLM()
