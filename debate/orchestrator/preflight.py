"""Preflight: before round 1, every distinct model, server and key of a league is checked once,
so a league whose models cannot answer stops (exit 2) before anything is paid but the probes.

Per target (model, api_base, key variable; each deployment of an entry is its own target):
- house models: the name is known (no call); local models: the file and llama.cpp are there
  (no load: that takes seconds);
- the key variable is set: the entry's `api_key_env`, else litellm's own variables for the
  provider (litellm.validate_environment). An `openai/`-style entry with an `api_base` (a local
  vLLM, llama.cpp or Ollama server) may go without a key;
- the server at `api_base` accepts a TCP connection ("nobody listens at URL" before any call);
- one minimal call is answered (max_tokens 1), through the gateway like any call: counted in the
  budget and stored, under a key that names this run, so a resumed run probes again.

The probes run concurrently, each with a short timeout and one retry.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import UserError, UserErrors
from ..gateway import CallAborted, CallError, Gateway
from ..gateway.failures import where
from ..gateway.keys import OPENAI_COMPATIBLE
from ..league.config import League
from ..league.entries import ModelEntry
from .plan import PROBE_PREFIX

PROBE_TIMEOUT_S = 20.0
CONNECT_TIMEOUT_S = 3.0
PROBE_MESSAGES = [{"role": "user", "content": "Reply with the single word: ready"}]


class PreflightFailed(UserErrors):
    """Some model cannot be used: nothing but the probes was paid."""

    def __init__(self, failures: list[UserError], *, dry: bool = False) -> None:
        paid = "" if dry else "nothing was paid but the probes; "
        super().__init__(failures, f"preflight: {len(failures)} "
                         f"entr{'y' if len(failures) == 1 else 'ies'} cannot work; {paid}fix "
                         "the above and run again (--no-preflight skips these checks)")


@dataclass
class Target:
    """One distinct thing to check, and the league entries that use it."""

    entry: ModelEntry  # the entry as the probe sends it (a deployment: its own api_base and key)
    users: list[tuple[str, int, str]] = field(default_factory=list)  # (group, index, field)
    ok: bool = True
    note: str = ""


def targets(league: League) -> list[Target]:
    out: dict[tuple, Target] = {}
    for group in ("debaters", "judges"):
        for i, e in enumerate(getattr(league.config, group)):
            sites = [(e, "model")]
            if e.deployments:
                sites = [(e.model_copy(update={"api_base": d.api_base, "deployments": [],
                                               "api_key_env": d.api_key_env or e.api_key_env}),
                          f"deployments.{j}") for j, d in enumerate(e.deployments)]
            for probe, fld in sites:
                key = (probe.model, probe.api_base, probe.api_key_env,
                       json.dumps(probe.params, sort_keys=True, default=str))
                t = out.setdefault(key, Target(probe))
                t.users.append((group, i, fld))
    return list(out.values())


def key_problem(entry: ModelEntry) -> str | None:
    """What is missing for this entry's key, or None. Never reads a key's value out."""
    if entry.provider in ("house", "local"):
        return None
    if entry.api_key_env:
        return None if os.environ.get(entry.api_key_env) else \
            f"environment variable {entry.api_key_env} is not set: export {entry.api_key_env}=..."
    if entry.api_base and entry.provider in OPENAI_COMPATIBLE:
        return None  # a local server may want no key
    from ..gateway.keys import missing_key_variables  # imports litellm (its own table)

    missing = missing_key_variables(entry.model)
    if missing:
        return (f"no API key: litellm looks for {', '.join(missing)} for {entry.provider}/ "
                f"models and none is set: export {missing[0]}=... (or give the entry api_key_env)")
    return None


async def reachable(url: str) -> str | None:
    """None if something accepts a TCP connection at the URL's host and port, else why not."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return f"api_base {url!r} is not a URL (write it as http://HOST:PORT/v1)"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), CONNECT_TIMEOUT_S)
    except asyncio.TimeoutError:
        return f"nobody answers at {url} (no connection within {CONNECT_TIMEOUT_S:g} s)"
    except ConnectionRefusedError:
        return f"nobody listens at {url} (connection refused): start the server, or fix api_base"
    except OSError as exc:
        why = "unknown host" if isinstance(exc, socket.gaierror) else (exc.strerror or str(exc)).lower()
        return f"cannot connect to {url} ({why}): check api_base and the network"
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass
    return None


def _local_problem(entry: ModelEntry) -> str | None:
    from ..league.local_models import LocalModelError, check_available

    try:
        check_available(entry.model)
    except LocalModelError as exc:
        return str(exc)
    return None


def _static_problem(t: Target) -> str | None:
    """What can be told without the network: the house name, the local file, the key."""
    e = t.entry
    if e.provider == "house":
        from ..domain.models import unknown_house_model

        return unknown_house_model(e.model)
    if e.provider == "local":
        return _local_problem(e)
    return key_problem(e)


async def _check(t: Target, gateway: Gateway | None, key: str) -> str | None:
    """The first problem with a target's server, or None. `gateway` None: no probe (dry run)."""
    e = t.entry
    if e.provider in ("house", "local"):
        return None
    if e.api_base:
        problem = await reachable(e.api_base)
        if problem:
            return problem
    if gateway is None:
        t.note = "probe not sent (dry run)"
        return None
    cap = next((k for k in ("max_completion_tokens", "max_output_tokens") if k in e.params), "max_tokens")
    probe = e.model_copy(update={"timeout_s": min(e.timeout_s, PROBE_TIMEOUT_S)})
    t0 = time.perf_counter()
    try:
        await gateway.complete(probe, PROBE_MESSAGES, key=key, extra={cap: 1}, max_output_tokens=1,
                               retries=1)
    except CallError as exc:
        if e.api_base and exc.kind == "server-error" and "cannot connect" in str(exc):
            # the TCP connect above worked: something listens there, but it did not answer
            return (f"{e.api_base} accepts connections but dropped the probe call without an "
                    "answer: is it an OpenAI-compatible server, and is api_base right (often "
                    "ending in /v1)? [server-error]")
        text = str(exc)
        prefix = f"{e.name} ({e.model}): "
        return (text[len(prefix):] if text.startswith(prefix) else text) + \
            " (the preflight's one-token probe call)"
    t.note = f"answered in {(time.perf_counter() - t0) * 1000:.0f} ms"
    return None


async def preflight(league: League, gateway: Gateway | None, *, tag: str = "") -> list[Target]:
    """Check every target at once; raise PreflightFailed naming each entry that cannot work
    (file:line: field: what failed, where, what to do). `gateway` None: a dry run, no calls."""
    run = tag or uuid.uuid4().hex[:8]
    found = targets(league)
    # First what needs no network (a key check may wait for litellm's import: before any
    # connection is timed), then every server at once.
    static = [_static_problem(t) for t in found]

    async def check(i: int, t: Target) -> str | None:
        return static[i] or await _check(t, gateway, f"{PROBE_PREFIX}{run}/{i}")

    try:
        problems = await asyncio.gather(*(check(i, t) for i, t in enumerate(found)))
    except CallAborted as exc:  # interrupted, or the budget cannot pay even the probes
        raise UserError(f"preflight stopped: {exc}", file=league.path) from None
    failures = []
    for t, problem in zip(found, problems):
        if problem is None:
            continue
        t.ok = False
        for group, i, fld in t.users:
            e = getattr(league.config, group)[i]
            at = [group, i, *[int(p) if p.isdigit() else p for p in fld.split(".")]]
            site = "" if e.provider in ("house", "local") or (t.entry.api_base or "?") in problem \
                else f" at {where(t.entry)}"
            failures.append(UserError(f"{e.name} ({e.model}{site}): {problem}",
                                      file=league.path, line=league.line(*at),
                                      field=".".join(map(str, at))))
    if failures:
        raise PreflightFailed(sorted(failures, key=lambda f: f.line or 0), dry=gateway is None)
    return found


def report(found: list[Target]) -> str:
    """One line for a passed preflight."""
    probed = [t for t in found if t.note.startswith("answered")]
    return (f"preflight: {len(found)} model{'s' if len(found) != 1 else ''} ready"
            + (f", {len(probed)} of them answered a one-token probe call" if probed else
               " (house and local models need no probe call)" if all(
                   t.entry.provider in ("house", "local") for t in found) else ""))
