"""Side balance of a pack's motions under the offline house models.

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/motion_balance.py [PACK] [--rounds N] [--seeds 11,12]

Runs one 8-debater house league per seed (4 debates a round) on PACK, then prints
`debate motions stats` over all the databases together. House debaters argue from the
pack's case notes, so a motion whose notes favour one side shows up here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIERS = ["novice", "club", "expert", "champion"]


def league(pack: str, seed: int, rounds: int) -> str:
    debaters = "\n".join(f"  - {{name: {t}-{k}, model: house/{t}, params: {{seed: {k}}}}}"
                         for t in TIERS for k in (1, 2))
    judges = "\n".join(f"  - {{name: j{k}, model: house/judge, params: {{seed: {k}}}}}" for k in (1, 2, 3))
    return (f"name: balance-{seed}\nseed: {seed}\nrounds: {rounds}\nformat: oxford\n"
            f"motions: [{pack}]\ndebaters:\n{debaters}\njudges:\n{judges}\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pack", nargs="?", default=str(ROOT / "tests" / "data" / "mini-pack.yaml"))
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--seeds", default="11")
    args = ap.parse_args()
    pack = str(Path(args.pack).resolve()) if Path(args.pack).exists() else args.pack
    tmp = Path(tempfile.mkdtemp(prefix="balance-"))
    dbs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        path = tmp / f"league-{seed}.yaml"
        path.write_text(league(pack, seed, args.rounds), encoding="utf-8")
        db = tmp / f"balance-{seed}.db"
        subprocess.run([sys.executable, "-m", "debate", "run", str(path), "--db", str(db), "-q"],
                       check=True, capture_output=True, cwd=ROOT)
        dbs += ["--db", str(db)]
    subprocess.run([sys.executable, "-m", "debate", "motions", "stats", pack, *dbs], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
