"""How big `debate report` pages get, and how long they take to build, as leagues grow.

    PYTHONPATH=$PWD python benchmarks/report_size.py [--sizes 8,32,256] [--rounds 5] [--keep DIR]

Runs house leagues (the demo's mix of house debater levels and three house judges, Oxford
format, `--rounds` rounds) of each size with `debate run`, then builds each report and prints
its size, its size per debate, and the build time. Transcripts dominate, so the size grows
linearly with the debates; charts are bounded (they show the top of a large field). With
--keep, leagues already run in DIR are reused and only the reports are rebuilt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ["novice", "club", "expert", "champion"]


def league(n: int, rounds: int) -> dict:
    return {"name": f"house-{n}", "seed": 7, "rounds": rounds, "format": "oxford",
            "motions": ["general-en"], "rubric": "standard", "concurrency": 128,
            "debaters": [{"name": f"{LEVELS[i % 4]}-{i // 4 + 1}", "model": f"house/{LEVELS[i % 4]}",
                          "params": {"seed": i // 4 + 1}} for i in range(n)],
            "judges": [{"name": f"judge-{k}", "model": "house/judge", "params": {"seed": k}}
                       for k in (1, 2, 3)]}


def debate(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "debate", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="8,32,256")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="report-size-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'debaters':>8} {'debates':>8} {'run s':>7} {'report s':>8} {'bytes':>12} {'bytes/debate':>12}")
    try:
        for n in (int(x) for x in a.sizes.split(",")):
            db = work / f"house-{n}-r{a.rounds}.db"
            run_s = 0.0
            if not db.exists():
                path = work / f"house-{n}.yaml"
                path.write_text(yaml.safe_dump(league(n, a.rounds)))
                t = time.perf_counter()
                debate("run", str(path), "--db", str(db), "-q", cwd=work)
                run_s = time.perf_counter() - t
            out = db.with_suffix(".html")
            t = time.perf_counter()
            debate("report", str(db), "-o", str(out), cwd=work)
            report_s = time.perf_counter() - t
            size = out.stat().st_size
            debates = out.read_text(encoding="utf-8").count('<details class="debate"')
            print(f"{n:>8} {debates:>8} {run_s:>7.0f} {report_s:>8.1f} {size:>12,} {size // max(debates, 1):>12,}")
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
