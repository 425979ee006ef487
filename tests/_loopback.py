"""Helpers for the resume, fault and safety tests: leagues of models on the loopback server.

Each debater gets its own model name, so a request seen by the server maps back to exactly
one league entry and to the request hash the gateway stores in the `calls` table.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import yaml

from debate.record.state import load_state
from debate.record.store import Store
from debate.testing.fake_openai import Reply, motion_words
from tests import DATA

JUDGE_MARK = "Reply with one JSON object"
# How well each fake model argues: more evidence and rebuttal cues for the stronger ones.
SKILL = {"ace": 3, "solid": 2, "plain": 1, "weak": 0}
FAULTS = ["429-retry-after", "429", "500", "503", "hang", "invalid-json", "cut-stream"]


def digest(req: dict) -> str:
    blob = json.dumps([req.get("model"), req.get("messages")], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def is_judge(req: dict) -> bool:
    return any(JUDGE_MARK in (m.get("content") or "") for m in req.get("messages", [])
               if m.get("role") == "system")


def speech(req: dict) -> str:
    """A deterministic speech: its content depends only on the model and the request."""
    skill = SKILL.get(str(req.get("model", "")).rstrip("0123456789"), 1)
    h = digest(req)[:8]
    parts = [f"First, we hold our side on point {h}."]
    if skill >= 1:
        parts.append("Our opponents claimed otherwise, but that does not hold.")
    if skill >= 2:
        parts.append("For example, a 2019 study found that 61 percent of workers agreed.")
    if skill >= 3:
        parts.append("According to a national survey, therefore, the evidence favours us.")
    if skill == 0:
        parts.append("This is very very obvious and everyone knows it, really.")
    return " ".join(parts)


def ballot(req: dict) -> str:
    system = next(m["content"] for m in req["messages"] if m["role"] == "system")
    dims = ["norms", "evidence", "rebuttal", "style"]
    for line in system.splitlines():
        if line.startswith("Dimension ids: "):
            dims = [d.strip() for d in line[len("Dimension ids: "):].split(",")]
    a = int(digest(req)[:2], 16) % 2
    return json.dumps({"winner": "A" if a else "B",
                       "scores": {"A": {d: 6 + a for d in dims}, "B": {d: 7 - a for d in dims}},
                       "reasons": f"The winning side engaged more directly with {motion_words(req['messages'])}."})


def dims_of(req: dict) -> list[str]:
    system = next(m["content"] for m in req["messages"] if m["role"] == "system")
    for line in system.splitlines():
        if line.startswith("Dimension ids: "):
            return [d.strip() for d in line[len("Dimension ids: "):].split(",")]
    return ["norms", "evidence", "rebuttal", "style"]


def always_a(req: dict) -> Reply:
    """A judge that names Side A every time and scores it higher, with reasons that name the
    debate: only its position lock gives it away (and debates like the loopback debaters)."""
    if not is_judge(req):
        return good(req)
    dims = dims_of(req)
    return Reply(json.dumps({"winner": "A", "scores": {"A": {d: 7 for d in dims}, "B": {d: 5 for d in dims}},
                             "reasons": f"Side A argued {motion_words(req['messages'])} better."}))


def good(req: dict) -> Reply:
    return Reply(ballot(req) if is_judge(req) else speech(req))


def fault_reply(kind: str) -> Reply:
    return {"429-retry-after": Reply(status=429, headers={"retry-after": "0.05"}),
            "429": Reply(status=429), "500": Reply(status=500), "503": Reply(status=503),
            "hang": Reply(fault="hang"), "invalid-json": Reply(fault="invalid-json"),
            "cut-stream": Reply("the start of a speech that never ends properly", fault="cut-stream"),
            }[kind]


def once_then(first: Reply, then: Reply):
    """A responder answering `first` to the first request and `then` to every later one; its
    `calls` counts the requests it answered."""
    def responder(req: dict) -> Reply:
        responder.calls += 1
        return first if responder.calls == 1 else then
    responder.calls = 0
    return responder


class Flaky:
    """Fails the first try of every fifth distinct request, cycling through fault kinds.

    A hang only makes sense where the client has a short timeout; invalid JSON only on a
    non-streamed call (a stream answered with a JSON body is read as empty by litellm).
    """

    def __init__(self, share: int = 5, base=good) -> None:
        self.share, self.base = share, base
        self.seen: dict[str, int] = {}
        self.faults: dict[str, int] = {}
        self.turn = 0
        self.lock = threading.Lock()

    def __call__(self, req: dict) -> Reply:
        h = digest(req)
        with self.lock:
            n = self.seen[h] = self.seen.get(h, 0) + 1
            doomed = n == 1 and len(self.seen) % self.share == 0
        if doomed:
            kinds = [k for k in FAULTS if not (k == "invalid-json" and req.get("stream"))
                     and not (k == "cut-stream" and not req.get("stream"))]
            with self.lock:  # kinds in turn, so a short league still meets most of them
                kind = kinds[self.turn % len(kinds)]
                self.turn += 1
                self.faults[kind] = self.faults.get(kind, 0) + 1
            return fault_reply(kind)
        return self.base(req)


# A judge served by the loopback server; write_league points it there.
SJ = {"name": "sj", "model": "openai/sj", "family": "fake-judges"}
HJ = {"name": "hj", "model": "house/judge"}


def write_league(path: Path, base_url: str, *, debaters: list[str] | None = None,
                 judges: list[dict] | None = None, timeout_s: float = 3.0, **top: Any) -> Path:
    """A league of loopback debaters; an openai/ judge is served by the same server."""
    debaters = debaters or ["ace", "solid", "plain", "weak"]
    loop = {"api_base": base_url, "timeout_s": timeout_s, "api_key_env": "LOOP_KEY"}
    league = {
        "name": "loop", "seed": 7, "rounds": 3, "format": "oxford",
        "motions": [str(DATA / "mini-pack.yaml")], "retries": 3, "retry_backoff_s": 0.01,
        "max_backoff_s": 0.05,
        "debaters": [{"name": d, "model": f"openai/{d}", **loop} for d in debaters],
        "judges": [{**loop, **j} if j["model"].startswith("openai/") else j for j in judges or [HJ]],
    }
    league.update(top)
    path.write_text(yaml.safe_dump(league, sort_keys=False), encoding="utf-8")
    return path


def mini_data(**changes: Any) -> dict:
    """tests/data/mini-league.yaml on the mini pack, with `changes` on top."""
    data = yaml.safe_load((DATA / "mini-league.yaml").read_text())
    data["motions"] = [str(DATA / "mini-pack.yaml")]
    data.update(changes)
    return data


def mini_league(folder: Path, name: str, **changes: Any) -> Path:
    """mini_data(**changes) written to folder/name.yaml."""
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(mini_data(**changes)))
    return path


def state_of(db: Path):
    with Store(db, readonly=True) as st:
        return load_state(st)


def calls_of(db: Path) -> int:
    with Store(db, readonly=True) as st:
        return st.call_totals()["calls"]


def results(state) -> list[tuple]:
    return sorted((r.debate_id, r.pro, r.con, r.winner, r.result) for r in state.results())


def standings(state) -> list[tuple]:
    return [(s.name, round(s.mu, 6), round(s.sigma, 6), s.wins, s.losses) for s in state.standings]
