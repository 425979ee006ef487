"""How fast the injection detector scans, and what it flags, over the stock packs' text.

Run: PYTHONPATH=. python benchmarks/injection_scan.py
Each motion's background, claims and evidence for both sides are joined into one speech-sized
text (about 300 words); none of it addresses a judge, so every flag printed is a false positive.
"""

from __future__ import annotations

import statistics
import time

from debate.domain.injection import scan
from debate.league.resources import load_pack, stock_names


def main() -> None:
    texts = []
    for name in stock_names("motions"):
        for m in load_pack(name).motions:
            args = (m.arguments.pro + m.arguments.con) if m.arguments else []
            texts.append(" ".join([m.text, m.background, *(a.claim + " " + " ".join(a.evidence) for a in args)]))
    times, flagged = [], 0
    for t in texts:
        t0 = time.perf_counter()
        found = scan(t)
        times.append((time.perf_counter() - t0) * 1000)
        flagged += bool(found)
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, mean {words:.0f} words (CJK counted as one token per run)")
    print(f"scan: median {statistics.median(times):.1f} ms, p95 {sorted(times)[int(0.95 * len(times))]:.1f} ms")
    print(f"flagged (false positives): {flagged}")


if __name__ == "__main__":
    main()
