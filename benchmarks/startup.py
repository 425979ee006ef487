"""Where the time before the first model call goes, for the demo and a one-debate league.

    python benchmarks/startup.py [--repeat 3] [--root CHECKOUT]

Each case runs `debate run` in a fresh process (as a user does) and prints, in seconds since
the process was started: the imports (`debate.cli` ready), the league loaded, the first model
call made (the gateway's first request to a provider), the whole run; and beside them how long
litellm's import took, if the run imported it at all, and the Bradley-Terry bootstrap's share.
"loopback" is a one-debate league of two `openai/` models served by the loopback OpenAI server:
its first call is the preflight's probe, which needs litellm. Best of --repeat runs. Machine
load shows: quote figures from an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the measured process: stamps each milestone with the wall clock, then runs the CLI.
PROBE = r"""
import json, sys, time, atexit
stamps = {"imports": None, "league": None, "first_call": None, "litellm_import_s": None, "bt_s": 0.0}
import debate.cli as cli
stamps["imports"] = time.time()
from debate.league import config
_load = config.load_league
def load_league(*a, **k):
    out = _load(*a, **k)
    stamps["league"] = stamps["league"] or time.time()
    return out
config.load_league = load_league
from debate.gateway import gateway as gw_mod, litellm_import
_call = gw_mod.Gateway._call
async def _first(self, *a, **k):
    stamps["first_call"] = stamps["first_call"] or time.time()
    return await _call(self, *a, **k)
gw_mod.Gateway._call = _first
_imp = litellm_import.import_litellm
def import_litellm():
    if "litellm" not in sys.modules:
        t = time.perf_counter(); out = _imp(); stamps["litellm_import_s"] = time.perf_counter() - t
        return out
    return _imp()
litellm_import.import_litellm = import_litellm
from debate.gateway import llm
llm.import_litellm = import_litellm
from debate.domain import estimates
_bt = estimates.estimate
def estimate(*a, **k):
    t = time.perf_counter(); out = _bt(*a, **k); stamps["bt_s"] += time.perf_counter() - t
    return out
estimates.estimate = estimate
atexit.register(lambda: print("STAMPS" + json.dumps(stamps), file=sys.stderr))
cli.main(sys.argv[1:])
"""

ONE_DEBATE = """name: one-debate
rounds: 1
motions: [general-en]
debaters:
  - {name: a, model: house/champion}
  - {name: b, model: house/club}
"""


REMOTE = """name: remote
rounds: 1
motions: [general-en]
debaters:
  - {{name: a, model: openai/a, api_base: "{url}"}}
  - {{name: b, model: openai/b, api_base: "{url}"}}
"""


def measure(args: list[str], cwd: Path, root: Path = ROOT) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root), "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    start = time.time()
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    end = time.time()
    line = next((x for x in proc.stderr.splitlines() if x.startswith("STAMPS")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"`debate {' '.join(args)}` failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    s = json.loads(line[len("STAMPS"):])
    rel = {k: (s[k] - start if s[k] else None) for k in ("imports", "league", "first_call")}
    return {**rel, "total": end - start, "litellm_import_s": s["litellm_import_s"], "bt_s": s["bt_s"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    opts = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from debate.testing import FakeOpenAIServer

    server = FakeOpenAIServer().start()
    print(f"{'case':<12} {'imports':>8} {'league':>8} {'1st call':>9} {'total':>7} "
          f"{'litellm import':>15} {'BT bootstrap':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "one.yaml").write_text(ONE_DEBATE)
        (folder / "remote.yaml").write_text(REMOTE.format(url=server.base_url))
        for name, args in (("demo", ["run", "-q"]), ("one debate", ["run", "one.yaml", "-q"]),
                           ("loopback", ["run", "remote.yaml", "-q"])):
            runs = []
            for _ in range(opts.repeat):
                for db in folder.glob("*.db*"):
                    db.unlink()
                runs.append(measure(args, folder, opts.root))
            best = min(runs, key=lambda r: r["total"])

            def f(v: float | None) -> str:
                return "-" if v is None else f"{v:.2f}"

            print(f"{name:<12} {f(best['imports']):>8} {f(best['league']):>8} {f(best['first_call']):>9} "
                  f"{f(best['total']):>7} {f(best['litellm_import_s']) if best['litellm_import_s'] else 'not imported':>15} "
                  f"{f(best['bt_s']):>13}")


    server.stop()


if __name__ == "__main__":
    main()
