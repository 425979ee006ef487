"""Print recorded items for reading and hand-labelling (no detector is run here).

    python show.py speeches [ID_PREFIX ...] [--unlabelled]
    python show.py ballots  [ID_PREFIX ...] [--unlabelled]
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "labels"))


def main() -> None:
    kind = sys.argv[1]
    args = [a for a in sys.argv[2:] if not a.startswith("--")]
    unl = "--unlabelled" in sys.argv
    done: set[str] = set()
    if unl:
        import importlib
        mod = importlib.import_module("speech_labels" if kind == "speeches" else "ballot_labels")
        done = set(mod.L)
    for line in open(HERE / "raw" / f"{kind}.jsonl", encoding="utf-8"):
        d = json.loads(line)
        if args and not any(d["id"].startswith(a) for a in args):
            continue
        if d["id"] in done:
            continue
        if kind == "speeches":
            print(f"\n##### {d['id']}  {d['speaker']} ({d['model_kind']})  {d['side_label']}={d['side']}  "
                  f"#{d['speech_no']} {d['kind']}  words {d['words']}/{d['word_limit']}  "
                  f"tokens {d['completion_tokens']}/{d['max_tokens']}")
            print(f"MOTION [{d['language']}]: {d['motion']}")
            opp = d["opponent_previous_speeches"]
            for p in opp[:-1]:
                print(f"  -- opp #{p['speech_no']} {p['speaker']}: {p['text'][:300]!r}")
            if opp:
                p = opp[-1]
                print(f"  -- OPP LAST #{p['speech_no']} {p['speaker']}:\n{p['text']}")
            for p in d["own_previous_speeches"]:
                print(f"  -- own #{p['speech_no']}: {p['text'][:400]!r}")
            print("  >>> TEXT:")
            print(d["text"])
        else:
            print(f"\n##### {d['id']}  {d['setup']}  order {d['order']} ({d['order_meaning']})  "
                  f"try {d['attempt']}  tokens {d['completion_tokens']}/{d['max_tokens']}")
            print(f"MOTION: {d['motion']}  pro={d['pro']} con={d['con']}")
            if d["retry_prompt"]:
                print("  retry prompt:", d["retry_prompt"][-200:])
            print("  RAW:", d["raw_reply"])
            print("  parse_error:", d["parse_error"])


if __name__ == "__main__":
    main()
