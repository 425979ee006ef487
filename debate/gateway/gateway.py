"""Gateway.complete(): every model call goes through here, and only here through litellm.

It owns: the response cache that makes resume free (a stored response is never paid for
again), per-model concurrency caps, a timeout per call, bounded retries with exponential
backoff and jitter (honouring Retry-After), streaming deltas, token usage and cost, and the
redaction of secrets from every message it lets out.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..league.entries import ModelEntry
from ..record.calls import CallResult
from . import pricing
from .failures import (MAX_RETRY_AFTER_S, UNSETTLED_KINDS, CallAborted, CallError, StreamCut, classify,
                       explain, short_message)
from .keys import stand_in_key
from .litellm_import import import_in_background
from .llm import litellm_async
from .router import Routers

Delta = Callable[[str], None]


class CallCache(Protocol):
    def get_call(self, key: str, request_hash: str) -> CallResult | None: ...

    def put_call(self, key: str, request_hash: str, entry: ModelEntry, request: dict,
                 result: CallResult) -> None: ...


def request_hash(entry: ModelEntry, messages: list[dict], extra: dict) -> str:
    blob = json.dumps({"model": entry.model, "api_base": entry.api_base, "params": entry.params,
                       "messages": messages, "extra": extra}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class GatewayStats:
    calls: int = 0
    cached: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    in_flight: int = 0
    retry_kinds: dict[str, int] = field(default_factory=dict)  # why calls were retried
    by_model: dict[str, dict[str, float]] = field(default_factory=dict)


class Gateway:
    def __init__(self, cache: CallCache | None = None, *, max_retries: int = 4,
                 backoff_s: float = 1.0, max_backoff_s: float = 30.0, seed: int = 0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 secrets: list[str] | None = None, budget_usd: float | None = None) -> None:
        self.cache = cache
        self.max_retries = max_retries
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s
        self.sleep = sleep
        self.rng = random.Random(seed)
        self.secrets = [s for s in (secrets or []) if s and len(s) >= 4]
        self._keys_of: set[str] = set()  # entries whose keys are in self.secrets
        self.stats = GatewayStats()
        self._caps: dict[str, asyncio.Semaphore] = {}
        self.routers = Routers()
        # Money: `_spent_usd` is what this tournament's calls cost, earlier runs on the same
        # database included (see start_tournament); `_reserved` is the worst case of the calls
        # in flight now.
        self.budget_usd, self._spent_usd, self._reserved = budget_usd, 0.0, 0.0
        self._stop_reason: str | None = None
        self._stop_kind: str | None = None  # "interrupt" | "budget" | "fatal"
        self._stop: asyncio.Event | None = None
        import_in_background()  # calls are coming: litellm's import overlaps what comes first

    # --- money and stopping: changed by these methods only ---------------------------------
    def start_tournament(self, spent_usd: float) -> None:
        """The budget counts one tournament's calls: what they already cost (earlier runs on
        the same database) is where it starts."""
        self._spent_usd = spent_usd

    @property
    def spent_usd(self) -> float:
        """USD this tournament's calls cost so far, unsettled attempts' worst case included."""
        return self._spent_usd

    @property
    def stop_reason(self) -> str | None:
        return self._stop_reason

    @property
    def stop_kind(self) -> str | None:
        return self._stop_kind

    @property
    def stopping(self) -> asyncio.Event:
        """Set once a stop is requested: no new call starts after it (wait on it, never set it)."""
        if self._stop is None:
            self._stop = asyncio.Event()
        return self._stop

    def request_stop(self, reason: str, kind: str = "interrupt") -> None:
        """Start no new call from now on; calls in flight finish (and are stored)."""
        if self._stop_reason is None:
            self._stop_reason, self._stop_kind = reason, kind
        self.stopping.set()

    def redact(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "[REDACTED]")
        return text

    def _cap(self, entry: ModelEntry) -> asyncio.Semaphore:
        key, limit = entry.name, entry.max_concurrency
        if entry.provider == "local":
            # llama.cpp runs one sequence at a time and every entry naming the same GGUF shares
            # one instance: queue here, before the timeout starts, not inside the worker thread.
            key, limit = f"local:{entry.model}", 1
        if key not in self._caps:
            self._caps[key] = asyncio.Semaphore(limit)
        return self._caps[key]

    async def complete(self, entry: ModelEntry, messages: list[dict], *, key: str,
                       on_delta: Delta | None = None, stream: bool = False,
                       extra: dict | None = None, max_output_tokens: int | None = None,
                       retries: int | None = None) -> CallResult:
        """One logical call. `key` names it for the cache (debate, turn, judge, attempt).

        `max_output_tokens` is the caller's bound on the reply (used for the budget check when
        the model's params set no max_tokens); `retries` overrides the gateway's (a probe's).
        Raises CallError (failed for good) or CallAborted (the run is stopping; nothing was
        started).
        """
        extra = extra or {}
        tries = self.max_retries if retries is None else retries
        if entry.name not in self._keys_of:  # every key a call may send is redacted from errors
            self._keys_of.add(entry.name)
            self.secrets.extend(s for s in entry.secrets() if len(s) >= 4 and s not in self.secrets)
        rhash = request_hash(entry, messages, extra)
        if self.cache is not None:
            hit = self.cache.get_call(key, rhash)
            if hit is not None:
                self.stats.cached += 1
                if on_delta is not None and hit.text:
                    on_delta(hit.text)
                return hit
        lm = await litellm_async()  # every model, the house models too (a custom provider)
        cap = self._output_cap(entry, max_output_tokens)
        attempt = 0
        while True:
            attempt += 1
            t0 = time.perf_counter()
            reserve = 0.0
            try:
                async with self._cap(entry):
                    reserve = self._reserve(entry, messages, max_output_tokens)
                    self.stats.in_flight += 1
                    try:
                        result = await asyncio.wait_for(
                            self._call(lm, entry, messages, on_delta if stream else None, stream, extra,
                                       cap),
                            timeout=entry.timeout_s)
                    finally:
                        self.stats.in_flight -= 1
                        self._reserved -= reserve
            except CallAborted:
                raise
            except Exception as exc:  # noqa: BLE001 - classified below
                fatal, kind, retry_after = classify(lm, exc)
                if kind in UNSETTLED_KINDS and reserve:
                    # The server may have generated (and billed) the reply we never got: count
                    # its worst case as spent, now and on every resume, so the budget holds.
                    self._spent_usd += reserve
                    put = getattr(self.cache, "put_unsettled", None)
                    if put is not None:
                        put(key, entry.name, kind, reserve)
                # Redact before cutting short: a key cut in half would no longer match.
                raw = short_message(exc, self.redact)
                if fatal or attempt > tries:
                    msg = f"{entry.name} ({entry.model}): {explain(kind, entry, raw)} [{kind}]"
                    raise CallError(msg if fatal else f"{msg} (gave up after {attempt} attempts)",
                                    fatal=fatal, kind=kind, detail=raw) from None
                self.stats.retries += 1
                self.stats.retry_kinds[kind] = self.stats.retry_kinds.get(kind, 0) + 1
                delay = min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))
                delay = delay * (0.5 + self.rng.random())  # jitter: spread the herd
                if retry_after is not None:
                    delay = max(delay, min(retry_after, MAX_RETRY_AFTER_S))
                await self.pause(delay)
                continue
            result.latency_ms = (time.perf_counter() - t0) * 1000
            result.attempts = attempt
            result.cost_usd = self._cost(entry, result)
            self._spent_usd += result.cost_usd
            self._account(entry, result)
            if self.cache is not None:
                request = {"model": entry.model, "api_base": entry.api_base, "params": entry.params,
                           "messages": messages, **extra, **({"max_tokens": cap} if cap else {})}
                self.cache.put_call(key, rhash, entry, request, result)
            return result

    def _reserve(self, entry: ModelEntry, messages: list[dict], max_output: int | None) -> float:
        """Refuse to start a call once stopping, or when its worst case would break the budget."""
        if self.stopping.is_set():
            raise CallAborted(self.stop_reason or "stopping")
        if self.budget_usd is None:
            return 0.0
        worst = pricing.max_call_cost(entry, pricing.prompt_tokens_estimate(messages),
                                      pricing.max_output_tokens(entry, max_output)) or 0.0
        if self.spent_usd + self._reserved + worst > self.budget_usd + 1e-12:
            self.request_stop(
                f"budget reached: ${self.spent_usd:.4f} spent of ${self.budget_usd:g}, and the next "
                f"call ({entry.name}) could cost up to ${worst:.4f}; raise budget_usd (or --max-cost) "
                "and run the same command to continue", kind="budget")
            raise CallAborted(self.stop_reason)
        self._reserved += worst
        return worst

    def _output_cap(self, entry: ModelEntry, hint: int | None) -> int | None:
        """Under a budget, the output bound the reservation counted on is sent as max_tokens:
        else a model that rambles past it (or a reasoning model) bills more than was reserved.

        Not part of the request hash: adding a budget on resume must not re-pay stored calls.
        """
        if self.budget_usd is None or any(k in entry.params for k in pricing.OUTPUT_CAP_PARAMS):
            return None
        price = pricing.price_per_token(entry)
        if not price or not price[1]:
            return None  # free, or unpriced (the budget cannot count it anyway)
        return pricing.max_output_tokens(entry, hint)

    async def pause(self, delay: float) -> None:
        """Wait (a retry's backoff, an outage pass), but give up as soon as the run is stopping:
        raises CallAborted then."""
        stop = asyncio.ensure_future(self.stopping.wait())
        nap = asyncio.ensure_future(self.sleep(delay))
        try:
            await asyncio.wait({stop, nap}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in (stop, nap):
                t.cancel()
        if self.stopping.is_set():
            raise CallAborted(self.stop_reason or "stopping")

    async def _call(self, lm: Any, entry: ModelEntry, messages: list[dict], on_delta: Delta | None,
                    stream: bool, extra: dict, cap: int | None = None) -> CallResult:
        kwargs: dict[str, Any] = {**entry.params, **extra}
        if cap is not None:
            kwargs.setdefault("max_tokens", cap)
        acompletion, model = lm.acompletion, entry.model
        if entry.deployments:  # litellm's Router picks the deployment (base, key) for each call
            acompletion, model = self.routers.get(lm, entry).acompletion, entry.name
        else:
            if entry.api_base:
                kwargs["api_base"] = entry.api_base
            key = stand_in_key(entry.provider, entry.api_base, entry.api_key())
            if key:
                kwargs["api_key"] = key
            if entry.provider in ("openai", "azure", "text-completion-openai"):
                kwargs.setdefault("max_retries", 0)  # our retries, not the OpenAI client's too
        kwargs["timeout"] = entry.timeout_s
        if not stream:
            resp = await acompletion(model=model, messages=messages, **kwargs)
            text = resp.choices[0].message.content or ""
            usage = getattr(resp, "usage", None)
            # litellm has priced the reply already; pricing it again costs ~1 ms a call.
            cost = (getattr(resp, "_hidden_params", None) or {}).get("response_cost") or 0.0
            return CallResult(text=text, prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                              completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                              cost_usd=float(cost), finish_reason=resp.choices[0].finish_reason or None)
        resp = await acompletion(model=model, messages=messages, stream=True,
                                    stream_options={"include_usage": True}, **kwargs)
        parts: list[str] = []
        usage = None
        finished: str | None = None
        try:
            async for chunk in resp:
                if getattr(chunk, "usage", None):
                    usage = chunk.usage
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                piece = getattr(choice.delta, "content", None)
                if piece:
                    parts.append(piece)
                    if on_delta is not None:
                        on_delta(piece)
                if getattr(choice, "finish_reason", None):
                    finished = choice.finish_reason
        except (asyncio.CancelledError, asyncio.TimeoutError, TimeoutError):
            raise
        except Exception as exc:  # noqa: BLE001
            # The server accepted the request and began answering: whatever litellm's release
            # calls the broken connection (APIConnectionError, InternalServerError, ...), the
            # reply was cut short and may have been billed.
            raise StreamCut(f"the stream broke after {len(parts)} pieces: {exc}") from exc
        text = "".join(parts)
        # litellm makes up a finish reason (and usage) for a stream that was cut short; what
        # the server really sent is kept on the wrapper.
        if getattr(resp, "received_finish_reason", "unknown") is None or (not finished and not usage):
            raise StreamCut("the stream ended before the model finished")
        pt = getattr(usage, "prompt_tokens", 0) or 0
        ct = getattr(usage, "completion_tokens", 0) or 0
        if not usage:  # a stream without usage: the budget's own estimates
            pt = pricing.prompt_tokens_estimate(messages)
            ct = pricing.text_tokens_estimate(text)
        return CallResult(text=text, prompt_tokens=pt, completion_tokens=ct,
                          finish_reason=getattr(resp, "received_finish_reason", None) or finished)

    def _cost(self, entry: ModelEntry, r: CallResult) -> float:
        if r.cost_usd and entry.price is None and entry.provider not in pricing.FREE_PROVIDERS:
            return r.cost_usd  # litellm priced the reply already
        price = pricing.price_per_token(entry)
        return 0.0 if price is None else r.prompt_tokens * price[0] + r.completion_tokens * price[1]

    def _account(self, entry: ModelEntry, r: CallResult) -> None:
        s = self.stats
        s.calls += 1
        s.prompt_tokens += r.prompt_tokens
        s.completion_tokens += r.completion_tokens
        s.cost_usd += r.cost_usd
        m = s.by_model.setdefault(entry.name, {"calls": 0, "tokens": 0, "cost_usd": 0.0})
        m["calls"] += 1
        m["tokens"] += r.prompt_tokens + r.completion_tokens
        m["cost_usd"] += r.cost_usd
