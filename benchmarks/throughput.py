"""Throughput: does a league run as fast as the model servers allow?

Starts OpenAI-compatible loopback servers (debate.testing.FakeOpenAIServer, each in its own
process so the engine's CPU is measured alone) with a fixed latency per call, runs a league
through `debate run` against them, then a baseline that makes the same calls in the same
dependency order with bare `litellm.acompletion` and `asyncio.gather`, and prints the figures.

    python benchmarks/throughput.py --debaters 128 --rounds 4 --latency-ms 1000 --json

ideal_s is the critical path: rounds x (turns x latency + judge latency). Both runs import
litellm before their clock starts (the ~2 s import is reported apart, as import_s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "tests" / "data" / "mini-pack.yaml"
sys.path.insert(0, str(ROOT))

WORDS = ("argue evidence rebuttal clash motion policy harm benefit weigh principle case "
         "because therefore however example study shows cost people").split()


# --- the server process ---------------------------------------------------------------------

def serve(latency_s: float, speech_words: int) -> None:
    """Run one loopback server; print its port; answer 'stats' lines on stdin until EOF."""
    from debate.testing.fake_openai import FakeOpenAIServer, Reply, default_responder

    speech = " ".join(WORDS[i % len(WORDS)] for i in range(speech_words)) + "."

    def responder(req: dict) -> Reply:
        reply = default_responder(req)
        if req.get("stream"):
            return Reply(speech)
        return reply

    srv = FakeOpenAIServer(responder, latency_s=latency_s)
    srv.keep_requests = False
    srv.start()
    print(srv.port, flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            ru = resource.getrusage(resource.RUSAGE_SELF)
            print(json.dumps({"calls": srv.calls, "max_in_flight": srv.max_in_flight,
                              "in_flight": srv.in_flight, "cpu_s": ru.ru_utime + ru.ru_stime}),
                  flush=True)
        elif line.strip() == "reset":
            srv.calls = srv.max_in_flight = 0
            print("{}", flush=True)
    srv.stop()


class ServerProc:
    def __init__(self, latency_s: float, speech_words: int) -> None:
        self.p = subprocess.Popen([sys.executable, __file__, "--_serve", "--latency-ms",
                                   str(latency_s * 1000), "--speech-words", str(speech_words)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.p.stdout.readline())
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def ask(self, cmd: str) -> dict:
        self.p.stdin.write(cmd + "\n")
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline())

    def close(self) -> None:
        self.p.stdin.close()
        self.p.wait(10)


# --- the league --------------------------------------------------------------------------------

def league_dict(args: argparse.Namespace, bases: list[str]) -> dict:
    def entry(name: str) -> dict:
        e: dict = {"name": name, "model": "openai/fake", "api_key_env": "BENCH_KEY",
                   "max_concurrency": 4096}
        if len(bases) == 1:
            e["api_base"] = bases[0]
        else:
            e["deployments"] = [{"api_base": b} for b in bases]
        return e

    return {"name": "bench", "seed": 1, "rounds": args.rounds, "format": args.format,
            "motions": [str(PACK)], "concurrency": 10000,
            "debaters": [entry(f"d{i:03d}") for i in range(args.debaters)],
            # judges of another family than the debaters: the panel may judge them
            "judges": [{**entry(f"j{i}"), "model": "openai/fake-judge", "family": "bench-judges"}
                       for i in range(args.judges)]}


def _usage() -> dict:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}


def _import_litellm() -> float:
    t = time.perf_counter()
    from debate.gateway.llm import litellm
    litellm()
    return time.perf_counter() - t


def run_engine(args: argparse.Namespace, bases: list[str]) -> dict:
    import yaml

    import_s = _import_litellm()
    from debate.cli import main
    from debate.record.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "league.yaml"
        path.write_text(yaml.safe_dump(league_dict(args, bases)))
        db = Path(tmp) / "bench.db"
        u0, t0 = _usage(), time.perf_counter()
        if args.profile:
            import cProfile
            prof = cProfile.Profile()
            prof.enable()
        if args.stream:  # what a live display gets: TurnDelta events as the text streams
            from debate.league.config import load_league
            from debate.orchestrator import run_tournament

            deltas = [0]

            def on_event(ev) -> None:
                deltas[0] += ev.type == "turn_delta"

            with Store(db) as st:
                asyncio.run(run_tournament(load_league(path), st, on_event=on_event, stream=True))
        else:  # exactly `debate run league.yaml --quiet`
            try:
                main(["run", str(path), "--db", str(db), "--quiet"])
            except SystemExit as exc:
                if exc.code:
                    raise
        if args.profile:
            prof.disable()
            prof.dump_stats(args.profile)
        wall = time.perf_counter() - t0
        u1 = _usage()
        with Store(db, readonly=True) as st:
            calls = st.call_totals()["calls"]
            # Pairing runs between rounds, on the critical path: time from the event before
            # each RoundPaired (the previous round's end) to it.
            pairing, rating, prev = 0.0, 0.0, None
            for _, ev in st.events():
                if ev.type == "round_paired" and prev is not None:
                    pairing += ev.ts - prev
                if ev.type == "ratings_updated" and prev is not None:
                    rating += ev.ts - prev  # rate the round (after its last decision)
                prev = ev.ts
    return {"wall_s": wall, "calls": calls, "cpu_s": u1["cpu_s"] - u0["cpu_s"],
            "peak_rss_mb": u1["peak_rss_mb"], "import_s": import_s, "pairing_s": pairing,
            "rating_s": rating}


def run_baseline(args: argparse.Namespace, bases: list[str]) -> dict:
    """The same calls in the same order: speeches in sequence, then the judges at once."""
    import_s = _import_litellm()
    import litellm
    import yaml

    from debate.domain import prompts
    from debate.domain.models import Speech
    from debate.league.config import load_league

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "league.yaml"
        path.write_text(yaml.safe_dump(league_dict(args, bases[:1])))
        lg = load_league(path)
    fmt, rubric = lg.format, lg.rubric
    names = [d.name for d in lg.config.debaters]
    key = os.environ["BENCH_KEY"]
    calls = 0

    async def call(i: int, msgs: list[dict], stream: bool) -> str:
        nonlocal calls
        base = bases[i % len(bases)]
        if not stream:
            r = await litellm.acompletion(model="openai/fake", messages=msgs, api_base=base,
                                          api_key=key, max_retries=0)
            calls += 1
            return r.choices[0].message.content or ""
        r = await litellm.acompletion(model="openai/fake", messages=msgs, api_base=base,
                                      api_key=key, max_retries=0, stream=True,
                                      stream_options={"include_usage": True})
        parts = [c.choices[0].delta.content or "" async for c in r if c.choices]
        calls += 1
        return "".join(parts)

    async def debate(k: int, motion) -> None:
        transcript: list[Speech] = []
        for i, turn in enumerate(fmt.turns):
            msgs = prompts.debater_messages(motion, fmt, i, turn.side, transcript)
            text = await call(k + i, msgs, args.stream)
            transcript.append(Speech(index=i, side=turn.side, speaker=names[k % len(names)],
                                     kind=turn.kind, text=text, words=len(text.split()),
                                     word_limit=turn.word_limit))
        # each judge reads the debate in both presentation orders (the position swap), at once
        orders = [("pro", "con"), ("con", "pro")] if lg.config.judging.position_swap else [("pro", "con")]
        reads = [(j, o, prompts.judge_messages(rubric, motion, transcript, nonce="0123456789ab", order=o))
                 for j in range(args.judges) for o in orders]
        replies = await asyncio.gather(*(call(k + j, msgs, False) for j, _, msgs in reads))
        for (_, o, _), r in zip(reads, replies):
            prompts.parse_ballot(r, rubric, o)

    shard, shards = args._shard, args._shards  # --ceiling-shards: this process plays every
    # shards-th debate, and all shards start each round together (a file barrier)

    async def barrier(n: int) -> None:
        if shards == 1:
            return
        mark = Path(args._barrier)
        (mark / f"r{n}-s{shard}").touch()
        while sum(1 for _ in mark.glob(f"r{n}-s*")) < shards:
            await asyncio.sleep(0.002)

    async def league() -> None:
        for n in range(1, args.rounds + 1):
            await barrier(n)
            _, motion = lg.motion_for_round(n)
            await asyncio.gather(*(debate(k, motion) for k in range(len(names) // 2)
                                   if k % shards == shard))
        from debate.gateway.llm import close_clients
        await close_clients()

    asyncio.run(barrier(0))
    u0, t0 = _usage(), time.perf_counter()
    asyncio.run(league())
    wall = time.perf_counter() - t0
    u1 = _usage()
    return {"wall_s": wall, "calls": calls, "cpu_s": u1["cpu_s"] - u0["cpu_s"],
            "peak_rss_mb": u1["peak_rss_mb"], "import_s": import_s}


def child(role: str, args: argparse.Namespace, bases: list[str], shard: tuple[int, int, str] | None = None,
          ) -> dict | subprocess.Popen:
    """Run the engine or the baseline in a fresh process: clean CPU and peak-memory figures.

    With `shard` (index, count, barrier directory) start one shard of the sharded baseline
    and return its process instead (the shards must run at once).
    """
    cmd = [sys.executable, __file__, "--_role", role, "--_bases", ",".join(bases),
           "--debaters", str(args.debaters), "--rounds", str(args.rounds),
           "--judges", str(args.judges), "--format", args.format]
    if shard is not None:
        cmd += ["--_shard", str(shard[0]), "--_shards", str(shard[1]), "--_barrier", shard[2]]
    if args.stream:
        cmd.append("--stream")
    if args.profile and role == "engine":
        cmd += ["--profile", args.profile]
    env = {**os.environ, "BENCH_KEY": "sk-bench-0000", "PYTHONPATH": str(ROOT)}
    if shard is not None:
        return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    return f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--debaters", type=int, default=128)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--latency-ms", type=float, default=1000)
    ap.add_argument("--judges", type=int, default=3)
    ap.add_argument("--format", default="oxford")
    ap.add_argument("--servers", type=int, default=1, help="loopback servers (deployments of each model)")
    ap.add_argument("--speech-words", type=int, default=200, help="words in each streamed speech")
    ap.add_argument("--stream", action="store_true",
                    help="stream speeches, as for a live display (default: as `debate run` does)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--profile", help="write a cProfile of the engine run to this file")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ceiling-shards", type=int, default=0, metavar="N",
                    help="also run the bare baseline split over N processes (one event loop per "
                         "core): what more cores would buy")
    ap.add_argument("--_serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_shard", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--_shards", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--_barrier", help=argparse.SUPPRESS)
    ap.add_argument("--_role", help=argparse.SUPPRESS)
    ap.add_argument("--_bases", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._serve:
        return serve(args.latency_ms / 1000, args.speech_words)
    if args._role:
        fn = run_engine if args._role == "engine" else run_baseline
        print(json.dumps(fn(args, args._bases.split(","))))
        return

    from debate.league import resources  # the format's turn count, for the critical path

    turns = len(resources.load("formats", args.format, ROOT).turns)
    lat = args.latency_ms / 1000
    load0 = os.getloadavg()[0]  # other work on the machine skews every figure: say how much
    servers = [ServerProc(lat, args.speech_words) for _ in range(args.servers)]
    bases = [s.base_url for s in servers]
    try:
        eng = child("engine", args, bases)
        per_server = [s.ask("stats") for s in servers]
        base = None
        if not args.no_baseline:
            for s in servers:
                s.ask("reset")
            base = child("baseline", args, bases)
            base["max_in_flight"] = sum(s.ask("stats")["max_in_flight"] for s in servers)
        sharded = None
        if args.ceiling_shards > 1:
            for s in servers:
                s.ask("reset")
            with tempfile.TemporaryDirectory() as mark:
                procs = [child("baseline", args, bases, (i, args.ceiling_shards, mark))
                         for i in range(args.ceiling_shards)]
                parts = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
            sharded = {"wall_s": max(p["wall_s"] for p in parts), "calls": sum(p["calls"] for p in parts),
                       "cpu_s": sum(p["cpu_s"] for p in parts)}
    finally:
        for s in servers:
            s.close()
    ideal = args.rounds * (turns * lat + lat)
    out = {"debaters": args.debaters, "rounds": args.rounds, "latency_ms": args.latency_ms,
           "judges": args.judges, "format": args.format, "servers": args.servers,
           "speech_words": args.speech_words, "stream": args.stream,
           "wall_s": round(eng["wall_s"], 3), "ideal_s": round(ideal, 3),
           "efficiency": round(ideal / eng["wall_s"], 3), "calls": eng["calls"],
           "cpu_ms_per_call": round(eng["cpu_s"] * 1000 / max(1, eng["calls"]), 3),
           "peak_rss_mb": round(eng["peak_rss_mb"], 1),
           "max_in_flight": sum(p["max_in_flight"] for p in per_server),
           "server_calls": [p["calls"] for p in per_server],
           "server_max_in_flight": [p["max_in_flight"] for p in per_server],
           "server_cpu_ms_per_call": round(sum(p["cpu_s"] for p in per_server) * 1000
                                           / max(1, sum(p["calls"] for p in per_server)), 3),
           "pairing_s": round(eng["pairing_s"], 3), "rating_s": round(eng["rating_s"], 3),
           "efficiency_without_pairing": round(ideal / (eng["wall_s"] - eng["pairing_s"]), 3),
           "import_s": round(eng["import_s"], 3), "machine": machine(),
           "load_avg_before": round(load0, 2)}
    if base is not None:
        out.update({"baseline_wall_s": round(base["wall_s"], 3), "baseline_calls": base["calls"],
                    "baseline_efficiency": round(ideal / base["wall_s"], 3),
                    "baseline_cpu_ms_per_call": round(base["cpu_s"] * 1000 / max(1, base["calls"]), 3),
                    "baseline_peak_rss_mb": round(base["peak_rss_mb"], 1),
                    "baseline_max_in_flight": base["max_in_flight"],
                    "engine_over_baseline": round(eng["wall_s"] / base["wall_s"], 3),
                    "engine_without_pairing_over_baseline":
                        round((eng["wall_s"] - eng["pairing_s"]) / base["wall_s"], 3)})
    if sharded is not None:
        out.update({"sharded_baseline_processes": args.ceiling_shards,
                    "sharded_baseline_wall_s": round(sharded["wall_s"], 3),
                    "sharded_baseline_calls": sharded["calls"],
                    "sharded_baseline_efficiency": round(ideal / sharded["wall_s"], 3),
                    "sharded_baseline_cpu_ms_per_call":
                        round(sharded["cpu_s"] * 1000 / max(1, sharded["calls"]), 3)})
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:>26}: {v}")


if __name__ == "__main__":
    main()
