"""What a failed call means: fatal or worth a retry, which kind, how long the server asks us to
wait, and the message a user sees (redacted, short)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

# Fatal kinds that condemn this request, not the model: a content filter tripped by one debate's
# text. Not retried, but the model goes on to its other debates.
PER_REQUEST_KINDS = ("content-policy",)
# Fatal kinds that condemn the account, not one model: out of credit. Every later call would
# fail the same way, so the run stops (resumable once topped up) instead of forfeiting debates.
RUN_STOPPING_KINDS = ("quota",)


# Fatal kinds that come from the debater's own request (what it was asked to say, or how much
# it had to read): a forfeit for them is the debater's. Every other failure is an outage (no
# server, timeouts, 5xx, a missing or refused key, an unknown model): it says nothing about
# debating (see DebateResult.forfeit_cause).
SPEECH_KINDS = ("content-policy", "context-window")


# Failures after which the provider may still bill for a reply: it was being generated.
UNSETTLED_KINDS = frozenset({"timeout", "stream-cut"})
# A server's Retry-After is honoured up to this many seconds (a longer one is a misconfiguration
# or an outage: the debate is deferred to the end of its round instead).
MAX_RETRY_AFTER_S = 300.0
# An error message keeps its first line, at most this many characters (after redaction).
ERROR_MESSAGE_CHARS = 300


class CallError(Exception):
    """A call that failed for good. `fatal` errors (auth, unknown model, context) are not retried.

    Its message is one line a user can act on (what failed, where, what to do); `detail` keeps
    the provider's own (redacted) message, shown under --verbose."""

    def __init__(self, message: str, *, fatal: bool = False, kind: str = "error", detail: str = "") -> None:
        self.fatal, self.kind, self.detail = fatal, kind, detail
        super().__init__(message)

    @property
    def cause(self) -> str:
        """A forfeit's cause when this error stops a speech: "speech" or "outage"."""
        return "speech" if self.kind in SPEECH_KINDS else "outage"

    @property
    def stops_model(self) -> bool:
        """Whether no later call to this model can succeed either (auth, unknown model...)."""
        return self.fatal and self.kind not in PER_REQUEST_KINDS

    @property
    def stops_run(self) -> bool:
        """Whether no later call of the run can succeed (the account is out of credit)."""
        return self.fatal and self.kind in RUN_STOPPING_KINDS


class CallAborted(Exception):
    """The run is stopping (interrupt or budget): this call was not started, nothing was paid."""


def classify(lm: Any, exc: BaseException) -> tuple[bool, str, float | None]:
    """(fatal, kind, retry_after seconds). `lm` None: a call made without litellm (house)."""
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)) or (lm is not None and isinstance(exc, lm.Timeout)):
        return False, "timeout", None
    if isinstance(exc, StreamCut):
        return False, "stream-cut", None
    if lm is None:
        if getattr(exc, "status_code", None) == 404:
            return True, "unknown-model", None
        return False, type(exc).__name__, None
    fatal_types = [(lm.ContextWindowExceededError, "context-window"),
                   (lm.ContentPolicyViolationError, "content-policy"),
                   (lm.AuthenticationError, "authentication"),
                   (lm.PermissionDeniedError, "permission"),
                   (lm.NotFoundError, "unknown-model"),
                   (lm.BadRequestError, "bad-request")]
    for typ, kind in fatal_types:
        if isinstance(exc, typ):
            if kind == "bad-request" and "LLM Provider NOT provided" in str(exc):
                return True, "unknown-provider", None
            return True, kind, None
    if "Missing credentials" in str(exc) or "api_key client option must be set" in str(exc):
        return True, "authentication", None  # no key given at all: retrying cannot help
    if isinstance(exc, lm.RateLimitError):
        text = str(exc).lower()
        if "insufficient_quota" in text or "exceeded your current quota" in text:
            return True, "quota", None  # a 429 no wait fixes: the account is out of credit
        return False, "rate-limit", retry_after(exc)
    if isinstance(exc, (lm.InternalServerError, lm.ServiceUnavailableError, lm.APIConnectionError,
                        lm.APIError)):
        return False, "server-error", retry_after(exc)
    name = type(exc).__name__
    if "CustomLLMError" in name and getattr(exc, "status_code", 500) == 404:
        return True, "unknown-model", None
    return False, name, None


class StreamCut(Exception):
    """The server began a reply and the stream broke or ended early (it may have been billed)."""


def retry_after(exc: BaseException) -> float | None:
    """Seconds to wait, from Retry-After (seconds or an HTTP date) or retry-after-ms.

    litellm's exceptions carry a stand-in `response` whose headers are empty; the server's real
    headers are on `exc.litellm_response_headers`, so look there first.
    """
    response = getattr(exc, "response", None)
    for headers in (getattr(exc, "litellm_response_headers", None), getattr(exc, "headers", None),
                    getattr(response, "headers", None)):
        if not headers:
            continue
        try:
            ms = headers.get("retry-after-ms")
            value = headers.get("retry-after") or headers.get("Retry-After")
        except Exception:  # noqa: BLE001 - an odd headers object: no hint
            continue
        if ms:
            try:
                return max(0.0, float(ms) / 1000)
            except ValueError:
                pass
        if value:
            try:
                return max(0.0, float(value))
            except ValueError:
                pass
            try:
                from email.utils import parsedate_to_datetime

                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
    return None


def where(entry: Any) -> str:
    """Where an entry's calls go: its api_base, its deployments, or its provider's own API."""
    if getattr(entry, "api_base", None):
        return entry.api_base
    if getattr(entry, "deployments", None):
        return "its deployments (" + ", ".join(d.api_base or "default" for d in entry.deployments) + ")"
    return f"{entry.provider}'s API"


def key_hint(entry: Any) -> str:
    if entry.api_key_env:
        return entry.api_key_env
    return f"the key litellm found for {entry.provider}/ models"


def explain(kind: str, entry: Any, raw: str) -> str:
    """What a failure means, in one line: what failed, where, what to do."""
    url, low = where(entry), raw.lower()
    name = entry.model.split("/", 1)[-1]
    if kind == "authentication":
        from .keys import NO_KEY, stand_in_key

        if "missing credentials" in low or "api_key client option" in low or "no api key" in low:
            return (f"no API key was sent to {url}: give the entry api_key_env: VAR and export VAR=..., "
                    f"or set litellm's variable for {entry.provider}/ models")
        if not entry.api_key_env and stand_in_key(entry.provider, getattr(entry, "api_base", None),
                                                  None) == NO_KEY:
            return (f"{url} wants an API key and none is set: give the entry api_key_env: VAR "
                    "and export VAR=...")
        if entry.api_key_env:
            return f"{url} refused the API key in {entry.api_key_env}: check it"
        return (f"{url} refused the API key litellm found for {entry.provider}/ models: check it, "
                "or give the entry api_key_env")
    text = {
        "unknown-model": f"{url} does not serve a model named {name!r}: check `model:` (and api_base)",
        "permission": f"{url} denies this key access to {name!r}: check the key's permissions",
        "quota": f"the account behind {key_hint(entry)} is out of credit: top up, then run the same command",
        "timeout": f"no reply from {url} within {entry.timeout_s:g} s (timeout_s)",
        "rate-limit": f"{url} kept rate-limiting the calls (429)",
        "stream-cut": f"the reply from {url} was cut off mid-stream",
        "context-window": f"the prompt no longer fits in {name!r}'s context window",
        "content-policy": "the provider's content filter refused this request",
        "unknown-provider": f"litellm does not know the provider {entry.provider!r}: see "
                            "https://docs.litellm.ai/docs/providers for the prefixes",
        "bad-request": f"{url} refused the request as malformed: check `params:`",
    }.get(kind)
    if text:
        return text
    if kind == "server-error":
        if "connection error" in low or "connect" in low or "refused" in low:
            return f"cannot connect to {url}: is the server running, and is api_base right?"
        return f"{url} answered with a server error (5xx)"
    return f"{kind} from {url}"


def short_message(exc: BaseException, redact: Callable[[str], str]) -> str:
    text = redact(str(exc)).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:ERROR_MESSAGE_CHARS]
