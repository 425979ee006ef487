"""A small OpenAI-compatible chat server on 127.0.0.1, for tests and benchmarks.

It runs an asyncio HTTP/1.1 server (keep-alive, SSE streaming) in a background thread. A
`responder(request) -> Reply` decides each answer, so a test can script speeches, ballots,
latency and faults (status codes with Retry-After, hangs, invalid JSON, streams cut mid-way).
It never listens beyond loopback.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    fault: str | None = None  # "hang" | "invalid-json" | "cut-stream" | "drop"
    error_body: str | None = None
    # The finish reason sent: by default "length" when the reply was cut at max_tokens, else
    # "stop"; "" sends none (null), as some servers do.
    finish_reason: str | None = None


def motion_words(msgs: list[dict]) -> str:
    """A few words of the motion the judge was shown, so a scripted ballot's reasons name the
    debate (the ballot gate fails reasons that do not)."""
    user = "\n".join(m.get("content", "") for m in msgs if m.get("role") == "user")
    motion = next((ln[len("Motion: "):] for ln in user.splitlines() if ln.startswith("Motion: ")), "")
    return " and ".join(w for w in motion.rstrip(".").split() if len(w) > 4)[:120] or "the motion"


def _longer_side(msgs: list[dict]) -> str:
    """The letter of the side whose speeches have more words (on a tie, the side for the
    motion): a judge that reads the sides, so its verdict follows them when the order swaps."""
    user = "\n".join(m.get("content", "") for m in msgs if m.get("role") == "user")
    words = {"A": 0, "B": 0}
    for letter, body in re.findall(r"\| Side ([AB]) .*?>>>\n(.*?)\n<<<END SPEECH", user, re.S):
        words[letter] += len(body.split())
    if words["A"] != words["B"]:
        return "A" if words["A"] > words["B"] else "B"
    m = re.search(r"\| Side ([AB]) \((?:for the motion|支持辩题)\)", user)
    return m.group(1) if m else "A"


def default_responder(req: dict) -> Reply:
    """Speeches that echo the turn; for anything asking for JSON, a valid ballot for the side
    whose speeches are longer (7 against 6 on every dimension)."""
    msgs = req.get("messages", [])
    system = next((m.get("content", "") for m in msgs if m.get("role") == "system"), "")
    if "Reply with one JSON object" in system:
        dims = ["norms", "evidence", "rebuttal", "style"]
        for line in system.splitlines():
            if line.startswith("Dimension ids: "):
                dims = [d.strip() for d in line[len("Dimension ids: "):].split(",")]
        win = _longer_side(msgs)
        lose = "B" if win == "A" else "A"
        return Reply(json.dumps({"winner": win, "scores": {win: {d: 7 for d in dims}, lose: {d: 6 for d in dims}},
                                 "reasons": f"Side {win} engaged more directly with {motion_words(msgs)}."}))
    return Reply("We argue our side with care. For example, the evidence supports us. "
                 "Our opponents claimed otherwise, but that does not hold.")


class FakeOpenAIServer:
    def __init__(self, responder: Callable[[dict], Reply] | None = None, *, latency_s: float = 0.0,
                 model_name: str = "fake") -> None:
        self.responder = responder or default_responder
        self.latency_s = latency_s
        self.model_name = model_name
        self.requests: list[dict] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.calls = 0
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.keep_requests = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> FakeOpenAIServer:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=2048))
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

        self._thread = threading.Thread(target=run, name="fake-openai", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        loop = self._loop

        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                task.cancel()

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(5)
        self._loop = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # --- HTTP -------------------------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
                body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
                keep = await self._route(method, path, headers, body, writer)
                if not keep:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError, ValueError):
            pass
        finally:
            try:
                writer.close()
            except Exception:  # noqa: BLE001
                pass

    async def _route(self, method: str, path: str, headers: dict, body: bytes,
                     writer: asyncio.StreamWriter) -> bool:
        if method == "GET" and path.rstrip("/").endswith("/models"):
            self._send(writer, 200, json.dumps({"object": "list", "data": [{"id": self.model_name, "object": "model"}]}))
            return True
        if method != "POST" or not path.rstrip("/").endswith("/chat/completions"):
            self._send(writer, 404, json.dumps({"error": {"message": "not found"}}))
            return True
        req = json.loads(body or b"{}")
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.keep_requests:
                self.requests.append({**req, "_headers": {k: v for k, v in headers.items()
                                                          if k in ("authorization", "api-key")}})
        try:
            reply = self.responder(req)
            # A real API stops at max_tokens (and bills no more): here a token is a word.
            cap = req.get("max_tokens") or req.get("max_completion_tokens")
            if isinstance(cap, int) and cap > 0 and len(reply.text.split(" ")) > cap:
                reply = Reply(**{**reply.__dict__, "text": " ".join(reply.text.split(" ")[:cap]),
                                 "finish_reason": reply.finish_reason or "length"})
            if self.latency_s or reply.delay_s:
                await asyncio.sleep(self.latency_s + reply.delay_s)
            if reply.fault == "hang":
                await asyncio.sleep(3600)
            if reply.fault == "drop":
                return False
            if reply.status != 200:
                body_txt = reply.error_body or json.dumps({"error": {"message": f"fake error {reply.status}",
                                                                     "type": "server_error", "code": reply.status}})
                self._send(writer, reply.status, body_txt, reply.headers)
                return True
            if reply.fault == "invalid-json":
                self._send(writer, 200, "{not json", reply.headers)
                return True
            if req.get("stream"):
                await self._stream(writer, req, reply)
                return False
            self._send(writer, 200, json.dumps(self._completion(req, reply)), reply.headers)
            return True
        finally:
            with self._lock:
                self.in_flight -= 1

    def _usage(self, req: dict, text: str) -> dict:
        p = sum(len(str(m.get("content", "")).split()) for m in req.get("messages", []))
        c = len(text.split())
        return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}

    @staticmethod
    def _finish(reply: Reply) -> str | None:
        return "stop" if reply.finish_reason is None else (reply.finish_reason or None)

    def _completion(self, req: dict, reply: Reply) -> dict:
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                "model": req.get("model", self.model_name),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text},
                             "finish_reason": self._finish(reply)}], "usage": self._usage(req, reply.text)}

    async def _stream(self, writer: asyncio.StreamWriter, req: dict, reply: Reply) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                     b"connection: close\r\n\r\n")
        words = reply.text.split(" ")
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": req.get("model", self.model_name)}
        cut = len(words) // 2 if reply.fault == "cut-stream" else None
        for i, w in enumerate(words):
            if cut is not None and i == cut:
                await writer.drain()
                return
            piece = w if i == len(words) - 1 else w + " "
            chunk = {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            writer.write(f"data: {json.dumps(chunk)}\n\n".encode())
        final = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": self._finish(reply)}]}
        writer.write(f"data: {json.dumps(final)}\n\n".encode())
        if (req.get("stream_options") or {}).get("include_usage"):
            usage = {**base, "choices": [], "usage": self._usage(req, reply.text)}
            writer.write(f"data: {json.dumps(usage)}\n\n".encode())
        writer.write(b"data: [DONE]\n\n")
        await writer.drain()

    @staticmethod
    def _send(writer: asyncio.StreamWriter, status: int, body: str, headers: dict | None = None) -> None:
        data = body.encode()
        reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
                  503: "Service Unavailable", 401: "Unauthorized", 400: "Bad Request"}.get(status, "Error")
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        writer.write(f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
                     f"content-length: {len(data)}\r\n{extra}\r\n".encode() + data)
