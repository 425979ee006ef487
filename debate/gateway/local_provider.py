"""In-process GGUF models through llama.cpp, as a litellm custom provider (`local/...`).

One llama.cpp instance per GGUF file (and context size) per process, loaded lazily on first
use and shared by every debater and judge that names it. llama.cpp runs one sequence at a time:
each call holds the instance's lock inside a worker thread, so the event loop never blocks, and
the gateway caps a local model at one call in flight so the queue waits outside the timeout.
The prompt is rendered with the chat template stored in the GGUF. A prompt that leaves no room
for `max_tokens` raises litellm's ContextWindowExceededError; the debate drops old turns.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litellm import ContextWindowExceededError, CustomLLM, ModelResponse
from litellm.llms.custom_llm import CustomLLMError

from ..league.local_models import EXTRA_HINT, LocalModelError, resolve
from .pricing import DEFAULT_MAX_OUTPUT_TOKENS  # the bound the budget counts on, too

DEFAULT_N_CTX = 8192  # capped at the model's trained context
# llama.cpp's threads spin while they wait for each other: on a busy machine more threads than
# free cores is many times slower (measured on 2 shared cores: 1.4 tokens/s with 2, 20 with 1).
DEFAULT_THREADS = max(1, (os.cpu_count() or 2) // 2)
# Sampling options passed through to llama.cpp as they are; anything else is ignored.
_SAMPLING = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "presence_penalty",
             "frequency_penalty", "typical_p")


class LocalModel:
    """A loaded GGUF: the llama.cpp instance, its chat template, and the lock that serialises it."""

    def __init__(self, path: Path, n_ctx: int | None, n_threads: int | None = None) -> None:
        try:
            from llama_cpp import Llama
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter
        except ImportError:
            raise LocalModelError(EXTRA_HINT) from None
        threads = n_threads or DEFAULT_THREADS
        opts = {"model_path": str(path), "verbose": False, "seed": 0, "n_threads": threads,
                "n_threads_batch": threads}
        self.llm = Llama(n_ctx=n_ctx or DEFAULT_N_CTX, **opts)
        trained = self.llm._model.n_ctx_train()
        if n_ctx is None and 0 < trained < self.llm.n_ctx():
            # A model trained on a shorter context: stay within what it has seen.
            self.llm.close()
            self.llm = Llama(n_ctx=trained, **opts)
        self.path, self.n_ctx = path, self.llm.n_ctx()
        template = self.llm.metadata.get("tokenizer.chat_template")
        if not template:
            raise LocalModelError(f"{path} has no chat template in its metadata "
                                  "(tokenizer.chat_template); use an instruct/chat GGUF")
        m = self.llm._model
        eos_id, bos_id = self.llm.token_eos(), self.llm.token_bos()
        self.formatter = Jinja2ChatFormatter(
            template=template, eos_token=m.token_get_text(eos_id) if eos_id != -1 else "",
            bos_token=m.token_get_text(bos_id) if bos_id != -1 else "", stop_token_ids=[eos_id])
        self.lock = threading.Lock()

    def prompt_tokens(self, messages: list[dict]) -> tuple[list[int], Any]:
        rendered = self.formatter(messages=messages)
        tokens = self.llm.tokenize(rendered.prompt.encode("utf-8"),
                                   add_bos=not rendered.added_special, special=True)
        return tokens, rendered


_MODELS: dict[tuple[Path, int | None, int | None], LocalModel] = {}
_LOAD_LOCK = threading.Lock()


def get_model(name: str, n_ctx: int | None = None, n_threads: int | None = None) -> LocalModel:
    """The shared instance for `local/<name>`, loaded on first use (call it off the event loop).

    `n_ctx` and `n_threads` are fixed when a model loads, so entries that set them differently
    get an instance each."""
    path = resolve(name)
    with _LOAD_LOCK:
        model = _MODELS.get((path, n_ctx, n_threads))
        if model is None:
            model = _MODELS[(path, n_ctx, n_threads)] = LocalModel(path, n_ctx, n_threads)
        return model


def loaded_models() -> dict[tuple[Path, int | None, int | None], LocalModel]:
    return dict(_MODELS)


@dataclass
class _Outcome:
    text: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


def _grammar(response_format: Any) -> Any:
    if not isinstance(response_format, dict) or response_format.get("type") == "text":
        return None
    from llama_cpp.llama_grammar import JSON_GBNF, LlamaGrammar

    schema = response_format.get("schema")
    if schema is None and isinstance(response_format.get("json_schema"), dict):
        schema = response_format["json_schema"].get("schema")  # the OpenAI shape
    if schema is None:
        return LlamaGrammar.from_string(JSON_GBNF, verbose=False)
    return LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)


def _generate(name: str, messages: list[dict], opts: dict, emit: Callable[[str], None],
              stop: threading.Event) -> _Outcome:
    """Runs in a worker thread: load if needed, check the context, generate token by token."""
    model = get_model(name, opts.get("n_ctx"), opts.get("n_threads"))
    max_tokens = int(opts.get("max_tokens") or opts.get("max_completion_tokens") or DEFAULT_MAX_OUTPUT_TOKENS)
    with model.lock:
        tokens, rendered = model.prompt_tokens(messages)
        if len(tokens) + max_tokens > model.n_ctx:
            raise ContextWindowExceededError(
                message=f"prompt of {len(tokens)} tokens + max_tokens {max_tokens} exceeds the "
                        f"context of {model.n_ctx} tokens", model=f"local/{name}", llm_provider="local")
        stops = list(rendered.stop if isinstance(rendered.stop, list) else [rendered.stop])
        user_stop = opts.get("stop")
        stops += [user_stop] if isinstance(user_stop, str) else list(user_stop or [])
        sampling = {k: opts[k] for k in _SAMPLING if opts.get(k) is not None}
        # Reusing the cached prefix of the previous call changes the float path of the logits
        # (batch sizes differ), and with it the sampled text: evaluate every prompt afresh so the
        # same request with the same seed gives the same speech whatever ran before it.
        model.llm.reset()
        stream = model.llm.create_completion(
            prompt=tokens, max_tokens=max_tokens, stop=[s for s in stops if s], stream=True,
            seed=int(opts.get("seed") or 0), stopping_criteria=rendered.stopping_criteria,
            grammar=_grammar(opts.get("response_format")), **sampling)
        parts: list[str] = []
        finish = "stop"
        try:
            for chunk in stream:
                choice = chunk["choices"][0]
                if choice.get("text"):
                    parts.append(choice["text"])
                    emit(choice["text"])
                finish = choice.get("finish_reason") or finish
                if stop.is_set():  # the caller gave up (timeout, cancel): free the model now
                    finish = "cancelled"
                    break
        finally:
            stream.close()
        text = "".join(parts)
        done = len(model.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) if text else 0
    return _Outcome(text, finish, len(tokens), done)


async def _run(model: str, messages: list, optional_params: dict) -> AsyncIterator[tuple[str, Any]]:
    """Yield ("delta", text) pieces, then ("done", _Outcome); the thread stops if we are closed."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop is gone: nobody is listening any more
            stop.set()

    def work() -> None:
        try:
            put(("done", _generate(model, messages, optional_params, lambda t: put(("delta", t)), stop)))
        except BaseException as exc:  # noqa: BLE001 - handed to the event loop
            put(("error", exc))

    # A daemon thread, not the default executor: a cancelled call must not hold up shutdown.
    threading.Thread(target=work, name=f"local:{model}", daemon=True).start()
    try:
        while True:
            kind, value = await queue.get()
            if kind == "error":
                raise _translate(model, value)
            yield kind, value
            if kind == "done":
                return
    finally:
        stop.set()


def _translate(model: str, exc: BaseException) -> BaseException:
    if isinstance(exc, LocalModelError):
        return CustomLLMError(status_code=404, message=str(exc))
    if isinstance(exc, ContextWindowExceededError):
        return exc
    return CustomLLMError(status_code=500, message=f"local/{model}: {type(exc).__name__}: {exc}")


def _usage(o: _Outcome) -> dict[str, int]:
    return {"prompt_tokens": o.prompt_tokens, "completion_tokens": o.completion_tokens,
            "total_tokens": o.prompt_tokens + o.completion_tokens}


class LocalLLM(CustomLLM):
    async def acompletion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> ModelResponse:
        outcome = None
        async for kind, value in _run(model, messages, kwargs.get("optional_params") or {}):
            if kind == "done":
                outcome = value
        assert outcome is not None
        return ModelResponse(model=f"local/{model}", created=int(time.time()),
                             choices=[{"message": {"role": "assistant", "content": outcome.text},
                                       "finish_reason": outcome.finish_reason, "index": 0}],
                             usage=_usage(outcome))

    async def astreaming(self, model: str, messages: list, *args: Any, **kwargs: Any) -> AsyncIterator[dict]:
        async for kind, value in _run(model, messages, kwargs.get("optional_params") or {}):
            if kind == "delta":
                yield {"text": value, "is_finished": False, "finish_reason": "", "usage": None,
                       "index": 0, "tool_use": None}
            else:
                yield {"text": "", "is_finished": True, "finish_reason": value.finish_reason,
                       "usage": _usage(value), "index": 0, "tool_use": None}
