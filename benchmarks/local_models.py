"""Figures for the local (llama.cpp) models: load time, generation speed, one short debate.

    python benchmarks/local_models.py [--model local/smollm2] [--tokens 128]

Prints the load time of the GGUF, prompt and generation speed through the gateway (streamed),
and the wall time of a one-round, four-speech debate judged by the same model with a
JSON-schema-constrained ballot, with each call's tokens and latency.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def speed(model: str, tokens: int) -> None:
    from debate.gateway import Gateway
    from debate.gateway.llm import litellm
    from debate.league.entries import ModelEntry

    litellm()  # sets up litellm offline before the provider module imports it
    from debate.gateway.local_provider import get_model

    t0 = time.perf_counter()
    m = await asyncio.to_thread(get_model, model.removeprefix("local/"))
    print(f"load: {time.perf_counter() - t0:.2f} s (n_ctx {m.n_ctx}, {m.path.name})")
    gw = Gateway(None, max_retries=0)
    entry = ModelEntry(name="bench", model=model, params={"max_tokens": tokens, "seed": 1,
                                                          "temperature": 0.8})
    msgs = [{"role": "user", "content": "Write a long essay on the history of bread."}]
    first: list[float] = []
    t0 = time.perf_counter()
    r = await gw.complete(entry, msgs, key="speed", stream=True,
                          on_delta=lambda _: first or first.append(time.perf_counter()))
    total = time.perf_counter() - t0
    gen = total - (first[0] - t0)
    print(f"stream: {r.prompt_tokens} prompt tokens, first token after {first[0] - t0:.2f} s; "
          f"{r.completion_tokens} tokens in {total:.2f} s = "
          f"{r.completion_tokens / max(gen, 1e-9):.1f} tokens/s after the first")


def judge_path(model: str) -> str:
    from debate.league.local_models import resolve

    return str(resolve(model.removeprefix("local/")))


def debate(model: str) -> None:
    from debate.cli import main

    data = ROOT / "tests" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        league = {"name": "bench", "seed": 5, "rounds": 1, "format": str(data / "local-short.yaml"),
                  "motions": [str(data / "mini-pack.yaml")],
                  "debaters": [{"name": "a", "model": model, "params": {"max_tokens": 60, "seed": 1}},
                               {"name": "b", "model": model, "params": {"max_tokens": 60, "seed": 2}}],
                  # the same weights by path: the engine refuses a judge of the debaters' model
                  "judging": {"position_swap": False},
                  "judges": [{"name": "j", "model": f"local/{judge_path(model)}",
                              "params": {"max_tokens": 400}}]}
        path = Path(tmp) / "league.yaml"
        path.write_text(yaml.safe_dump(league))
        t0 = time.perf_counter()
        try:
            main(["run", str(path), "--db", str(Path(tmp) / "b.db"), "-q"])
        except SystemExit as exc:
            assert not exc.code, exc.code
        print(f"one-round debate (4 speeches + constrained ballot): {time.perf_counter() - t0:.1f} s")
        con = sqlite3.connect(Path(tmp) / "b.db")
        for key, pt, ct, ms in con.execute("SELECT key, prompt_tokens, completion_tokens, latency_ms "
                                           "FROM calls ORDER BY created"):
            print(f"  {key.split('/', 1)[1]:<24} {pt:>5} prompt {ct:>4} completion {ms / 1000:6.2f} s")
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="local/smollm2")
    ap.add_argument("--tokens", type=int, default=128)
    args = ap.parse_args()
    asyncio.run(speed(args.model, args.tokens))
    debate(args.model)


if __name__ == "__main__":
    main()
