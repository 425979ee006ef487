"""Read the recording leagues' SQLite databases into unlabelled corpus items.

    python benchmarks/corpus/extract.py     # db/*.db -> raw/speeches.jsonl, raw/ballots.jsonl, raw/debates.jsonl

Everything comes from the engine's own records: `events` (speech_done, debate_started,
round_paired, tournament_started, ballot_cast) and `calls` (the exact request and the reply text
of every model call, with its token counts). Nothing here labels anything: labels are added by
hand (labels/*.json) and merged by build_corpus.py.

Speech items: every SmolLM2 speech, and every house speech that quotes its opponent (the house
rebuttal template `Our opponents claimed that "..."` / `对方辩友认为“...”`): honest quotes, the
negatives for prompt_injection. Ballot items: every raw reply of a SmolLM2 judge (constrained
`local/smollm2`, or the plain server behind `openai/smollm2-plain`), every attempt. Debates: every
recorded debate whole (each speech as its speaker wrote it and as the judges were shown it), for
re-judging them with today's house judge (benchmarks/house_judge_check.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

from debate.domain import prompts
from debate.domain.models import Motion
from debate.domain.text import clean_text
from debate.league.resources import load_format, load_pack, load_rubric
from debate.orchestrator.debate_run import enforce_limit
from debate.orchestrator.judging import ORDERS

HERE = Path(__file__).resolve().parent
DBS = {  # tag -> database (the league files are in leagues/)
    "a-stock": HERE / "db/a-stock.db",
    "d-judge-v1": HERE / "db/d-judge-v1.db",  # stopped in round 1 (see leagues/d-judge-en-v1.yaml)
    "d-judge": HERE / "db/d-judge.db",
    "b-zh": HERE / "db/b-zh.db",
    "c-tech": HERE / "db/c-tech.db",
}
LOCAL_DEFAULT_MAX_TOKENS = 1024  # debate/gateway/local_provider: max_tokens when params set none
QUOTE = re.compile(r"Our opponents claimed that \"|对方辩友认为“")
JUDGE_KEY = re.compile(r"^(?P<debate>[^/]+)/judge/(?P<judge>[^/]+)/p(?P<pass>\d+)/order(?P<order>AB|BA)/"
                       r"try(?P<try>\d+)$")


def is_smol(model: str) -> bool:
    return model.startswith("local/") or model.startswith("openai/smollm2")


def extract(tag: str, db: Path) -> tuple[list[dict], list[dict], list[dict]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ev = [(t, json.loads(p)) for t, p in con.execute("SELECT type, payload FROM events ORDER BY seq")]
    calls = {k: dict(zip(("request", "response", "prompt_tokens", "completion_tokens"), rest))
             for k, *rest in con.execute("SELECT key, request, response, prompt_tokens, completion_tokens "
                                         "FROM calls")}
    start = next(p for t, p in ev if t == "tournament_started")
    cfg = start["config"]
    entries = {e["name"]: e for e in cfg["debaters"] + cfg["judges"]}
    fmt = load_format(cfg["format"])
    rubric = load_rubric(cfg["rubric"])
    packs = {p: load_pack(p) for p in cfg["motions"]}
    motions: dict[str, Motion] = {f"{pid}/{m.id}": m for pid, p in packs.items() for m in p.motions}
    lang = {f"{pid}/{m.id}": p.language for pid, p in packs.items() for m in p.motions}
    debates: dict[str, dict] = {}
    for t, p in ev:
        if t == "debate_started":
            d = debates.setdefault(p["debate_id"], {"speeches": {}, "ballots": []})
            d.update(round=p["round"], pro=p["pro"], con=p["con"], motion_id=p["motion_id"])
        elif t == "speech_done":
            s = p["speech"]
            debates[p["debate_id"]]["speeches"][s["index"]] = s  # a retried debate overwrites
        elif t == "ballot_cast":
            debates[p["debate_id"]]["ballots"].append(p["ballot"])

    results = {p["result"]["debate_id"]: p["result"] for t, p in ev if t == "debate_decided"}
    speeches, ballots, whole = [], [], []
    for did, d in debates.items():
        motion = motions[d["motion_id"]]
        full: dict[int, str] = {}
        for i in sorted(d["speeches"]):
            c = calls.get(f"{did}/turn{i}")
            full[i] = clean_text(c["response"], strip=True) if c else d["speeches"][i]["text"]
        if len(d["speeches"]) == len(fmt.turns):
            whole.append({
                "id": f"{tag}:{did}", "league": tag, "debate_id": did, "round": d["round"],
                "motion_id": d["motion_id"], "language": lang[d["motion_id"]], "format": fmt.id,
                "rubric": rubric.id, "case_notes": cfg.get("case_notes", True),
                "pro": d["pro"], "con": d["con"],
                "models": {d["pro"]: entries[d["pro"]]["model"], d["con"]: entries[d["con"]]["model"]},
                "result": results.get(did),
                "speeches": [{**{k: d["speeches"][i][k] for k in ("index", "side", "speaker", "kind", "words",
                                                                   "word_limit", "flags")},
                              "text": full[i], "text_shown_to_judges": d["speeches"][i]["text"]}
                             for i in sorted(d["speeches"])]})
        for i in sorted(d["speeches"]):
            s = d["speeches"][i]
            e = entries[s["speaker"]]
            smol = is_smol(e["model"])
            if not smol and not QUOTE.search(full[i]):
                continue
            c = calls.get(f"{did}/turn{i}") or {}
            req = json.loads(c["request"]) if c.get("request") else {}
            mt = (req.get("params") or {}).get("max_tokens") or req.get("max_tokens")
            if smol and mt is None:
                mt = LOCAL_DEFAULT_MAX_TOKENS
            prior = [{"index": j, "speech_no": j + 1, "side": d["speeches"][j]["side"],
                      "speaker": d["speeches"][j]["speaker"], "kind": d["speeches"][j]["kind"],
                      "text": full[j]} for j in sorted(d["speeches"]) if j < i]
            shown, words, overran = enforce_limit(full[i], s["word_limit"])
            item = {
                "id": f"{tag}:{did}:s{i + 1}",
                "source": "recorded",
                "league": tag, "debate_id": did, "round": d["round"],
                "motion_id": d["motion_id"], "motion": motion.text, "language": lang[d["motion_id"]],
                "format": fmt.id, "speaker": s["speaker"], "model": e["model"],
                "model_kind": "smollm2" if smol else "house",
                "params": e.get("params") or {}, "persona": e.get("system_prompt"),
                "side": s["side"], "side_label": motion.label(s["side"]),
                "index": i, "speech_no": i + 1, "kind": s["kind"],
                "word_limit": s["word_limit"], "words": s["words"],
                "text": full[i],
                "completion_tokens": c.get("completion_tokens"), "prompt_tokens": c.get("prompt_tokens"),
                "max_tokens": mt,
                "hit_max_tokens": bool(smol and mt and c.get("completion_tokens", 0) >= mt),
                "engine_flags": s["flags"],
                "opponent_previous_speeches": [x for x in prior if x["side"] != s["side"]],
                "own_previous_speeches": [x for x in prior if x["side"] == s["side"]],
            }
            if overran:
                item["text_shown_to_judges"] = shown
            speeches.append(item)

        # ballots: every attempt of every SmolLM2 judge
        transcript = [{"speech_no": i + 1, "side": d["speeches"][i]["side"], "speaker": d["speeches"][i]["speaker"],
                       "model_kind": "smollm2" if is_smol(entries[d["speeches"][i]["speaker"]]["model"]) else "house",
                       "kind": d["speeches"][i]["kind"], "words": d["speeches"][i]["words"],
                       "word_limit": d["speeches"][i]["word_limit"], "engine_flags": d["speeches"][i]["flags"],
                       "text_shown_to_judges": d["speeches"][i]["text"]} for i in sorted(d["speeches"])]
        for key in sorted(k for k in calls if k.startswith(f"{did}/judge/")):
            m = JUDGE_KEY.match(key)
            judge = entries[m["judge"]]
            if not is_smol(judge["model"]):
                continue
            c = calls[key]
            req = json.loads(c["request"])
            order = ORDERS[m["order"]]
            try:
                pb = prompts.parse_ballot(c["response"], rubric, order)
                parsed, err = pb.model_dump(mode="json"), None
            except prompts.BallotError as exc:
                parsed, err = None, str(exc)
            last_user = req["messages"][-1]["content"] if req["messages"][-1]["role"] == "user" else ""
            engine_read = None
            for b in d["ballots"]:
                if b["judge"] == m["judge"]:
                    for r in b["reads"]:
                        if r["order"] == m["order"]:
                            engine_read = r  # the last pass wins
            ballots.append({
                "id": f"{tag}:{key}",
                "source": "recorded", "league": tag, "debate_id": did, "round": d["round"],
                "motion_id": d["motion_id"], "motion": motion.text, "language": lang[d["motion_id"]],
                "judge": m["judge"], "judge_model": judge["model"],
                "setup": "plain" if judge["model"].startswith("openai/") else "constrained",
                "judge_params": judge.get("params") or {},
                "order": m["order"],
                "order_meaning": "Side A = Proposition (pro)" if m["order"] == "AB" else "Side A = Opposition (con)",
                "pass": int(m["pass"]), "attempt": int(m["try"]),
                "retry_prompt": last_user if int(m["try"]) > 0 else None,
                "raw_reply": c["response"],
                "completion_tokens": c["completion_tokens"], "prompt_tokens": c["prompt_tokens"],
                "max_tokens": (req.get("params") or {}).get("max_tokens") or req.get("max_tokens"),
                "parsed": parsed, "parse_error": err,
                "engine_read_for_this_order": engine_read,
                "pro": d["pro"], "con": d["con"],
                "transcript": transcript,
            })
    return speeches, ballots, whole


def main() -> None:
    out = HERE / "raw"
    out.mkdir(exist_ok=True)
    all_s, all_b, all_d = [], [], []
    for tag, db in DBS.items():
        if not db.exists():
            print(f"skip {tag}: no {db}", file=sys.stderr)
            continue
        s, b, w = extract(tag, db)
        print(f"{tag}: {len(s)} speeches ({sum(x['model_kind'] == 'smollm2' for x in s)} SmolLM2), "
              f"{len(b)} SmolLM2 judge replies, {len(w)} whole debates", file=sys.stderr)
        all_s += s
        all_b += b
        all_d += w
    for name, items in (("speeches", all_s), ("ballots", all_b), ("debates", all_d)):
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for it in items:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
