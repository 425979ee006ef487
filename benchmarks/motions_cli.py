"""Wall time of the motion-authoring commands (they must stay fast: no litellm import).

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/motions_cli.py [PACK...]

Prints the median of 5 runs of each command in a fresh interpreter, and the time of the
pure lint over the given packs (default: the stock packs, else the test mini pack).
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "debate", *args], capture_output=True, cwd=ROOT, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    packs = sys.argv[1:] or [str(p) for p in sorted((ROOT / "motions").glob("*.yaml"))] \
        or [str(ROOT / "tests" / "data" / "mini-pack.yaml")]
    from debate.packs import LintInput, check_pack, lint_packs

    checked = [check_pack(p) for p in packs]
    n = sum(len(c.pack.motions) for c in checked if c.pack)
    t = time.perf_counter()
    for _ in range(10):
        lint_packs([LintInput(str(c.path), c.pack, c.lines) for c in checked if c.pack])
    print(f"lint (pure) over {len(packs)} packs, {n} motions: {(time.perf_counter() - t) / 10 * 1000:.1f} ms")
    print(f"python -c pass:            {wall(['--version']):.2f} s  (interpreter + click baseline)")
    for cmd in (["motions", "list"], ["motions", "validate", *packs], ["motions", "lint", *packs],
                ["motions", "schema"], ["motions", "seal", packs[0], "-o", str(Path(tempfile.mkdtemp()) / "c.json"), "--force"]):
        print(f"debate {' '.join(cmd[:2]):<22} {wall(cmd):.2f} s")
    first = check_pack(packs[0]).pack.motions[0].id if checked[0].pack else None
    if first:
        t = wall(["motions", "try", first, "--pack", packs[0], "--pro", "house/club",
                  "--con", "house/novice"], runs=1)
        print(f"debate motions try (house) {t:.2f} s  (imports litellm)")


if __name__ == "__main__":
    main()
