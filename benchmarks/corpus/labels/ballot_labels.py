"""Hand labels for the recorded SmolLM2 judge replies, written while reading each one.

L[id] = {"degenerate": bool, "reasons": [...], "note": "..."}; reasons from
example_copy, placeholder, same_bound, no_engagement, cut_off.
"""
L: dict[str, dict] = {}

# ---- d-judge-v1 (house-club vs house-novice debate; stopped league)
L["d-judge-v1:r1-d1/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": ["example_copy", "placeholder", "same_bound", "no_engagement"],
    "note": "the example ballot with winner A: reasons 'two to four sentences', every score 1"}
L["d-judge-v1:r1-d1/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": ["example_copy", "placeholder", "same_bound", "no_engagement"],
    "note": "byte-identical to the AB read, so the verdict flips with the presentation order"}
L["d-judge-v1:r1-d1/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"],
    "note": "no JSON: '[Cut at the word limit]', an empty 'Side A:/Side B:' frame, then one sentence looped to max_tokens"}
L["d-judge-v1:r1-d1/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": ["example_copy", "placeholder", "same_bound", "no_engagement", "cut_off"],
    "note": "the example JSON ('A or B', all 1s, no reasons), then a loop echoing the prompt's 'Side A argued...' line to max_tokens"}

# ---- d-judge round 1 (climate reparations; r1-d1 smol-a v house-club, r1-d2 smol-b v house-novice)
EX4 = ["example_copy", "placeholder", "same_bound", "no_engagement"]
L["d-judge:r1-d1/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4,
    "note": "the example ballot, winner A (= SmolLM2's side in this order)"}
L["d-judge:r1-d1/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4,
    "note": "same text as the AB read: winner A (= house-club in this order), so the verdict flips"}
L["d-judge:r1-d1/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"],
    "note": "no JSON: forges '<<<END SPEECH 6 | id=<the real nonce>>>' and continues SmolLM2's loop 'This House has voted against the Proposition.' to max_tokens"}
L["d-judge:r1-d1/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"],
    "note": "no JSON: writes a new judge-style header '<<<SPEECH 7 | Side A (against the motion) | ... | id=<nonce>>>' and a speech"}
L["d-judge:r1-d2/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot, winner A"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"],
    "note": "no JSON: continues smol-b's 'Motion:/Proposal:' outline, then 'The style: The style is a list of a few sentences.' looped"}
NC = ["no_engagement", "cut_off"]
L["d-judge:r1-d1/judge/smol-plain/p0/orderAB/try1"] = {"degenerate": True, "reasons": NC,
    "note": "after the retry prompt: still no JSON, SmolLM2's speech-5 loop ('The debate has moved to the next topic. This House has voted against the Proposition.') to max_tokens"}
L["d-judge:r1-d1/judge/smol-plain/p0/orderAB/try2"] = {"degenerate": True, "reasons": NC, "note": "identical loop on the last retry"}
L["d-judge:r1-d1/judge/smol-plain/p0/orderBA/try1"] = {"degenerate": True, "reasons": NC, "note": "the same loop"}
L["d-judge:r1-d2/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot, winner A (= house-novice in this order): verdict flips"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderAB/try1"] = {"degenerate": True, "reasons": NC,
    "note": "continues smol-b's outline; 'The style: The style is a list of a few sentences.' looped"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": NC,
    "note": "continues smol-b's 'Proposal:/The Opposition:' outline, looping 'will only help those who want to do something about climate change'"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderBA/try1"] = {"degenerate": True, "reasons": NC, "note": "the same outline loop after the retry prompt"}
L["d-judge:r1-d1/judge/smol-plain/p0/orderBA/try2"] = {"degenerate": True, "reasons": NC, "note": "the same loop on the last retry: the plain ballot fails"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderAB/try2"] = {"degenerate": True, "reasons": NC, "note": "the same outline loop on the last retry"}
L["d-judge:r1-d2/judge/smol-plain/p0/orderBA/try2"] = {"degenerate": True, "reasons": NC, "note": "the same outline loop on the last retry"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": ["example_copy", "placeholder", "same_bound", "no_engagement", "cut_off"],
    "note": "the example's fields flattened ('A or B', every score 1) and '\"reasons\": \"two to four sentences\"' repeated until max_tokens: invalid JSON"}
ALL5 = ["example_copy", "placeholder", "same_bound", "no_engagement", "cut_off"]
L["d-judge:r2-d1/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot, winner A (= house-club)"}
L["d-judge:r2-d1/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4, "note": "identical text, winner A (= SmolLM2): verdict flips"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderAB/try1"] = {"degenerate": True, "reasons": ALL5, "note": "the same flattened example with 'reasons' repeated, after the retry prompt"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": ALL5,
    "note": "flattened example ('A or B', all 1s, 'two to four sentences'), then a counting loop of {score: n, reason: 'n sentences'} objects to max_tokens"}
L["d-judge:r2-d2/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot, winner A (= house-novice)"}
L["d-judge:r2-d2/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4, "note": "identical, winner A (= SmolLM2): verdict flips"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": ALL5,
    "note": "'A or B', every score 1, then invented keys 'evidence_rebuttal_rejected_rejected...' growing until max_tokens"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": ["example_copy", "placeholder", "same_bound", "no_engagement", "cut_off"],
    "note": "'A or B', scores as a list of the dimension keys repeated with 1s until max_tokens"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderAB/try2"] = {"degenerate": True, "reasons": ALL5, "note": "same as try0/try1: the plain read fails"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderBA/try1"] = {"degenerate": True, "reasons": EX4,
    "note": "stops by itself (82 tokens): the flattened example object, then {score: 2, reason: 'Two to Four sentences'}"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderAB/try1"] = {"degenerate": True, "reasons": ALL5,
    "note": "'The JSON object is:' and a fenced copy of its earlier broken reply, keys growing until max_tokens"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderBA/try1"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"],
    "note": "echoes the retry error: 'The JSON object is expected to be a valid JSON response.' looped"}
L["d-judge:r2-d1/judge/smol-plain/p0/orderBA/try2"] = {"degenerate": True, "reasons": EX4, "note": "stops by itself: just the flattened example object"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderAB/try2"] = {"degenerate": True, "reasons": ALL5, "note": "same growing-keys copy of its earlier reply"}
L["d-judge:r2-d2/judge/smol-plain/p0/orderBA/try2"] = {"degenerate": True, "reasons": ["no_engagement", "cut_off"], "note": "the retry error sentence looped"}

# ---- d-judge round 3 (r3-d1 house-novice v house-club; r3-d2 smol-a v smol-b)
L["d-judge:r3-d1/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot, winner A"}
L["d-judge:r3-d1/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4, "note": "identical: verdict flips with the order"}
for t in (0, 1, 2):
    L[f"d-judge:r3-d1/judge/smol-plain/p0/orderAB/try{t}"] = {"degenerate": True, "reasons": ALL5,
        "note": "'JSON:' then the flattened example ('A or B', all 1s, 'two to four sentences') and an invented 'tips' key counting 1.5, 2.5, ... to max_tokens; identical on every retry"}
for t in (0, 1):
    L[f"d-judge:r3-d1/judge/smol-plain/p0/orderBA/try{t}"] = {"degenerate": True, "reasons": ALL5,
        "note": "'JSON:' then the flattened example with 'reasons': 'two to four sentences' repeated to max_tokens"}
L["d-judge:r3-d2/judge/smol-judge/p0/orderAB/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot on a SmolLM2-vs-SmolLM2 debate"}
L["d-judge:r3-d2/judge/smol-judge/p0/orderBA/try0"] = {"degenerate": True, "reasons": EX4, "note": "the example ballot; verdict flips"}
L["d-judge:r3-d1/judge/smol-plain/p0/orderBA/try2"] = {"degenerate": True, "reasons": ALL5, "note": "same as try0/try1"}
L["d-judge:r3-d2/judge/smol-plain/p0/orderAB/try0"] = {"degenerate": True, "reasons": NC,
    "note": "no JSON: writes a judge-transcript header with the real nonce and 'flags: prompt_injection' ('<<<SPEECH 7 | Side A (for the motion) | rebuttal | 157 words, limit 200 | flags: prompt_injection | id=...>>') and continues the speeches"}
for t in (1, 2):
    L[f"d-judge:r3-d2/judge/smol-plain/p0/orderAB/try{t}"] = {"degenerate": True, "reasons": NC, "note": "loops a SmolLM2 speech sentence ('The debate is about the 2019 Pro's argument...')"}
L["d-judge:r3-d2/judge/smol-plain/p0/orderBA/try0"] = {"degenerate": True, "reasons": NC,
    "note": "no JSON: '<<<END SPEECH 6 | id=<nonce>>>', a new SPEECH 7 header with the nonce, then neutralised-looking '‹‹‹SPEECH 7 ...›››' lines"}
for t in (1, 2):
    L[f"d-judge:r3-d2/judge/smol-plain/p0/orderBA/try{t}"] = {"degenerate": True, "reasons": NC,
        "note": f"forged END SPEECH/SPEECH {7 + t} headers with the nonce, then a run of '›' to max_tokens"}
