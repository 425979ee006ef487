"""Serve SmolLM2-135M-Instruct WITHOUT a JSON-schema grammar as an OpenAI-compatible endpoint
on 127.0.0.1, so a league can use it as a judge through the ordinary `openai/...` path.

Why: the engine always gives a `local/` judge a schema-constrained `response_format`
(debate/orchestrator/judging.py), and `extra` overrides `params`, so an unconstrained
("plain") SmolLM2 judge is not reachable through `local/`. A remote (`openai/`) judge gets no
response_format, so serving the same GGUF behind the engine's own loopback test server
(debate.testing.FakeOpenAIServer) gives exactly the plain setup, with the same chat template,
the same sampler and the same seed handling as the in-process provider (we call the
provider's own generation function, minus the grammar).

Usage:  python plain_smol_server.py PORT      (runs until killed)
"""

from __future__ import annotations

import os
import sys
import threading
import time

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # as debate/gateway/llm.py: offline
os.environ.setdefault("LITELLM_LOG", "ERROR")

from debate.gateway import local_provider
from debate.testing import FakeOpenAIServer, Reply

SAMPLING = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "presence_penalty",
            "frequency_penalty", "seed", "max_tokens", "stop")


class PlainSmol(FakeOpenAIServer):
    def __init__(self, port: int) -> None:
        super().__init__(self.respond, model_name="smollm2-plain")
        self.keep_requests = False
        self.last = None
        self._want_port = port

    def start(self) -> "PlainSmol":  # the parent's start(), on a fixed port
        import asyncio
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", self._want_port, backlog=64))
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="plain-smol", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def respond(self, req: dict) -> Reply:
        opts = {k: req[k] for k in SAMPLING if req.get(k) is not None}
        opts.setdefault("max_tokens", 400)
        t0 = time.time()
        out = local_provider._generate("smollm2", req["messages"], opts, lambda _t: None, threading.Event())
        self.last = out
        print(f"{time.strftime('%H:%M:%S')} prompt={out.prompt_tokens} completion={out.completion_tokens} "
              f"finish={out.finish_reason} {time.time() - t0:.1f}s", flush=True)
        return Reply(out.text)

    def _usage(self, req: dict, text: str) -> dict:  # real token counts, not words
        o = self.last
        if o is None or o.text != text:
            return super()._usage(req, text)
        return {"prompt_tokens": o.prompt_tokens, "completion_tokens": o.completion_tokens,
                "total_tokens": o.prompt_tokens + o.completion_tokens}


if __name__ == "__main__":
    port = int(sys.argv[1])
    srv = PlainSmol(port)
    srv.start()
    print(f"plain SmolLM2 on http://127.0.0.1:{srv.port}/v1", flush=True)
    while True:
        time.sleep(3600)
