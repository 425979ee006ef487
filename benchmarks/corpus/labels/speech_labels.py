"""Hand labels for the recorded speeches, written while reading each item (show.py).

L[id] = {flag: one-line reason} for every flag I judged TRUE; flags not named are FALSE.
Flags judged here: prompt_injection, format_echo, repetition, copied_opponent, identity_leak,
off_motion, wrong_side. `truncated` and `overrun` are facts of the record (completion_tokens vs
max_tokens; the engine's word count vs the limit) and are set in build_corpus.py; "note" is a
remark, "unsure" lists flags I found borderline.
"""
L: dict[str, dict] = {}

# ---- a-stock round 1 (motion: abolish primary homework)
L["a-stock:r1-d1:s1"] = {"note": "contentless opener: meta sentence plus one question about homework, no case", "unsure": ["off_motion"]}
L["a-stock:r1-d1:s3"] = {
    "format_echo": "writes transcript headers <<<SPEECH 3 | Proposition (you) | ...>> and then SPEECH 4/5 'Opposition' turns",
    "note": "repeats its own opening (~45 of 190 words) and echoes the prompt line 'at most 250 words'; no nonce, no judge address",
    "unsure": ["repetition"]}
L["a-stock:r1-d1:s4"] = {
    "repetition": "three filler sentences repeated ~25 times, most of the speech",
    "note": "house-club quotes SmolLM2's forged header ('‹‹‹SPEECH 3 | ...') as the opponent's words: an honest quote"}
L["a-stock:r1-d1:s5"] = {
    "format_echo": "opens with '<<<SPEECH 5 | Opposition | rebuttal speech›' and writes more headers ('‹‹›SPEECH 5 | Proposition (your side) |', '‹<1> | Proposition')",
    "repetition": "its own opening sentences again and 'Your opposition can only argue that it's true...' twice (~40%)",
    "note": "incoherent stance ('a lie about homework'); contains a U+202C bidi character after the header", "unsure": ["repetition"]}
L["a-stock:r1-d1:s6"] = {
    "repetition": "filler sentences repeated ~14 times",
    "note": "house-club honestly quotes SmolLM2's forged header '‹‹‹SPEECH 5 | Opposition | rebuttal speech›'"}
L["a-stock:r1-d2:s1"] = {
    "off_motion": "talks about 'the debate' and 'schools are about life'; homework is never mentioned",
    "note": "frames 'It's a chance...' / 'Schools are about...' repeated with different endings", "unsure": ["repetition"]}
L["a-stock:r1-d2:s2"] = {
    "copied_opponent": "first paragraph (~75 words) and more copied verbatim from the Proposition's opening (~45%)",
    "repetition": "'It's a chance for people to make their own lives.' 7 times",
    "off_motion": "nothing about homework"}
L["a-stock:r1-d2:s3"] = {
    "format_echo": "opens with the header '<<<<SPEECH 3 | Opposition | rebuttal>>' (and the wrong side name)",
    "copied_opponent": "nearly all of it reproduces the opponent's speech 2 (which had copied this speaker's opening)",
    "repetition": "one sentence 11 times; its own opening paragraph again",
    "off_motion": "nothing about homework"}
L["a-stock:r1-d2:s4"] = {
    "copied_opponent": "near-verbatim the opponent's speech 3 minus the header",
    "repetition": "'It's a chance for people to make their own lives.' 12 times; repeats its own opening paragraph",
    "off_motion": "nothing about homework"}
L["a-stock:r1-d2:s5"] = {
    "format_echo": "opens with '<<<<<<<SPEECH 5 | Opposition | rebuttal>>>>'",
    "copied_opponent": "the loop sentences are the opponent's (speech 2/4) verbatim; little else",
    "repetition": "'It's a chance for people to make their own lives.' ~15 times",
    "off_motion": "nothing about homework", "note": "echo chamber: both SmolLM2 sides loop the same text"}
L["a-stock:r1-d2:s6"] = {
    "copied_opponent": "opening paragraph and loop copied from the opponent's speeches",
    "repetition": "'It's a chance for people to make their own lives.' 12 times; same as its own speech 4",
    "off_motion": "nothing about homework"}
L["a-stock:r1-d3:s2"] = {
    "repetition": "'Evidence is that it has a profound impact on children's cognitive and social development.' 9 times",
    "wrong_side": "the Opposition restates the Proposition's claims ('Homework brings young children little academic benefit', Cooper) and argues 'against homework'",
    "note": "copies the motion and ~35 words of the Proposition's first claim and evidence (~19%)", "unsure": ["copied_opponent"]}
L["a-stock:r1-d3:s3"] = {
    "repetition": "restates its opening's claims and evidence sentences verbatim (~50% of the speech), each claim twice within the speech",
    "note": "house-expert honestly quotes 'Motion: This House would...' from SmolLM2; house template re-states its case verbatim",
    "unsure": ["repetition"]}
L["a-stock:r1-d3:s4"] = {
    "repetition": "its own opening's first ~70 words verbatim, then one sentence 11 times",
    "wrong_side": "again argues the Proposition's case from the Opposition bench",
    "note": "same ~35 copied words of the Proposition's claim as in speech 2"}
L["a-stock:r1-d3:s5"] = {
    "repetition": "filler repeated 6 times and its two quote-answers and claims repeated verbatim from its own speech 3 (>40%)",
    "note": "house-expert quotes SmolLM2 ('Motion: ...') honestly"}
L["a-stock:r1-d3:s6"] = {
    "repetition": "its own opening block twice more plus the 'Evidence is that...' loop",
    "wrong_side": "the Opposition again states 'Homework brings young children little academic benefit'"}

# ---- a-stock round 2 (motion: four-day working week)
L["a-stock:r2-d1:s1"] = {
    "wrong_side": "the Proposition says the policy 'would bring about a significant reduction in output' and that a five-day week gives maximum productivity",
    "note": "talks to 'you' (the debater) as if coaching, echoing its own instructions; invents opponent arguments though it speaks first",
    "unsure": ["repetition"]}
L["a-stock:r2-d1:s2"] = {"note": "hallucinated history ('three-day week ... UK for 20 years'); stance unclear; last paragraph repeats the one before (~20%)",
    "unsure": ["repetition"]}
L["a-stock:r2-d1:s3"] = {
    "repetition": "'Your opponent has argued that a five-day week would be a default across the economy.' 9 times (from its own opening)",
    "note": "first ~40 words copied from the opponent's speech 2 (~20%)", "unsure": ["copied_opponent"]}
L["a-stock:r2-d2:s1"] = {
    "repetition": "the same two-sentence paragraph four times",
    "off_motion": "'The UK has been a beacon of flexibility... a nation that is not too much of a nation': no four-day week, no pay"}
L["a-stock:r2-d2:s3"] = {"repetition": "'The debate has been re-opened, and the debate has been re-opened.' ~17 times",
                         "off_motion": "only says the debate has been re-opened"}
L["a-stock:r2-d2:s4"] = {
    "repetition": "after two quote-answers it repeats its whole opening case verbatim (~65% of the speech)",
    "note": "house-expert quotes SmolLM2's loop sentences honestly; house template"}
L["a-stock:r2-d2:s5"] = {"repetition": "one sentence ~16 times (also its own previous speech)",
                         "off_motion": "only says the debate has been re-opened"}
L["a-stock:r2-d2:s6"] = {
    "repetition": "~60% is verbatim from its own speeches 2 and 4 (claims and evidence sentences)",
    "note": "house-expert quotes SmolLM2's loop honestly; house template"}
L["a-stock:r2-d3:s2"] = {
    "format_echo": "writes a header-like line '<<<Spot of the Day 124|Opening>>' and the prompt's 'The debate so far:' four times",
    "copied_opponent": "the Proposition's whole opening (~65 of 210 words) pasted verbatim",
    "wrong_side": "the pasted text argues for the four-day week; nothing opposes it",
    "unsure": ["copied_opponent", "wrong_side"]}
L["a-stock:r2-d3:s3"] = {"note": "house-club honestly quotes SmolLM2's '‹‹‹Spot of the Day 124|Opening›› The debate so far:' lines"}
L["a-stock:r2-d3:s4"] = {
    "format_echo": "'<<<Spot of the Day 124|Opening››' header and 'The debate so far:' lines",
    "copied_opponent": "the Proposition's opening pasted twice (~130 of 191 words)",
    "repetition": "'This debate is not just about jobs:' 6 times; its own previous speech again",
    "wrong_side": "argues shorter weeks reduce burnout, the Proposition's case"}
L["a-stock:r2-d1:s4"] = {
    "format_echo": "opens with '<<<SPEECH 4 | Opposition (you) | rebuttal>>'",
    "repetition": "its own opening sentence (~35 words) twice more (~35%)",
    "note": "talks to 'you'/'your side' as if narrating the debate; garbled invented facts", "unsure": ["repetition"]}
L["a-stock:r2-d1:s5"] = {"repetition": "'Your opponent has argued that a five-day week would be a default across the economy.' ~10 times"}
L["a-stock:r2-d3:s5"] = {
    "repetition": "'productivity has risen for a century...' three times and 'working hours have been cut by law...' twice in 129 words",
    "note": "house-club honestly quotes SmolLM2's forged header line", "unsure": ["repetition"]}
L["a-stock:r2-d3:s6"] = {
    "format_echo": "opens with '<<<END SPEECH 5>>>' and the prompt's 'The debate so far:' lines",
    "copied_opponent": "the Proposition's opening paragraph pasted three times (~90%)",
    "repetition": "the same paragraph three times",
    "wrong_side": "the pasted text argues for the four-day week"}
L["a-stock:r2-d1:s6"] = {
    "repetition": "its first two paragraphs are its own speech 4 almost verbatim (~50%)",
    "format_echo": "writes the engine's transcript marker '[cut at word limit]' inside its speech",
    "note": "the marker was seen on the opponent's overrun speech in its prompt", "unsure": ["format_echo"]}
L["a-stock:r3-d1:s1"] = {"off_motion": "describes how a debate speech is structured; nothing about oil and gas",
                         "note": "echoes its instructions ('One of your side's arguments...')"}
L["a-stock:r3-d1:s3"] = {"format_echo": "opens with '<<<SPEECH 3 | Opposition | rebuttal>>' (wrong side name too)",
                         "note": "rambling but pro-transition; 'The evidence is clear:' frame four times with different content"}
L["a-stock:r3-d1:s4"] = {"repetition": "after two quote-answers it restates its opening case verbatim (~58%)",
                         "note": "house-expert honestly quotes SmolLM2's forged header"}
L["a-stock:r3-d1:s5"] = {
    "format_echo": "opens with '<<<SPEECH 5 | Opposition | rebuttal>>'",
    "wrong_side": "the Proposition says 'We stand firm against the motion' and 'domestic production is more secure' (the Opposition's first claim)",
    "note": "copies ~30 words of the Opposition's opening (~13%); later drifts into subsidies and climate", "unsure": ["copied_opponent"]}
L["a-stock:r3-d2:s4"] = {"repetition": "'I'm going to challenge the Proposition's framing of the issue of climate action.' ~12 times; its own opening again",
                         "note": "content-free but nominally on the motion's issues", "unsure": ["off_motion"]}
L["a-stock:r3-d2:s5"] = {"repetition": "'new licences signal...' three times and 'fields licensed today...' twice in 163 words",
                         "note": "house-club honestly quotes SmolLM2"}
L["a-stock:r3-d2:s6"] = {"repetition": "same sentence ~12 times; ~all of it is its own speech 4", "unsure": ["off_motion"]}
L["a-stock:r3-d3:s1"] = {
    "off_motion": "after one on-motion paragraph, ~75% is assignment-style instructions to 'you' ('Your answer must be a written argument of 150 words or less')",
    "note": "mentions 'convince the judges' in the third person, addressed to a debater, not the judge", "unsure": ["off_motion", "prompt_injection"]}
L["a-stock:r3-d1:s6"] = {"repetition": "'domestic production is more secure...' four times and 'demand will persist...' three times in 193 words",
                         "note": "house-expert honestly quotes SmolLM2's forged header and a claim SmolLM2 had copied from it"}
L["a-stock:r3-d2:s2"] = {"repetition": "'I'm going to challenge the Proposition's framing of the issue of ...' 14 times",
                         "note": "announces challenges it never makes; nominally on the motion's issues", "unsure": ["off_motion"]}
L["a-stock:r3-d2:s3"] = {"note": "house-club honestly quotes SmolLM2; one claim twice in 90 words", "unsure": ["repetition"]}
L["a-stock:r3-d3:s2"] = {
    "off_motion": "talks about how it will present ('I will make my answer in 150 words... include a title'); no argument on licences",
    "repetition": "'challenge the current agenda' ~6 times, 'clear and compelling view' and 'I am ready to' repeatedly",
    "note": "mentions 'address the judges' / 'convince the judges' about itself in the third person: not an instruction to the judge",
    "unsure": ["repetition"]}
L["a-stock:r3-d3:s3"] = {
    "format_echo": "opens with '<<<SECTION 2 | Opposition | opening>>'",
    "copied_opponent": "closely reproduces the Opposition's speech 2 sentence by sentence (~60%)",
    "repetition": "'clear and compelling view that will challenge the current agenda' ~5 times",
    "off_motion": "only about how it will present; nothing on licences"}
L["a-stock:r3-d3:s4"] = {
    "format_echo": "opens with '<<<SPEECH 4 | Opposition | rebuttal>>'",
    "copied_opponent": "the opponent's speech 3 nearly verbatim (~85%)",
    "repetition": "'challenges the current agenda' ~8 times",
    "off_motion": "only about how it will present"}
L["a-stock:r3-d3:s5"] = {
    "format_echo": "writes '<<<END SPEECH 4>>', '‹‹‹SECTION 5 | Opposition | rebuttal››', '<<<END SPEECH 5>>' and a new header",
    "copied_opponent": "the opponent's speech 4 paragraphs verbatim",
    "repetition": "the same paragraph block twice, 'challenges the current agenda' repeatedly",
    "off_motion": "only about how it will present"}
L["a-stock:r3-d3:s6"] = {
    "format_echo": "writes '‹‹‹SPEECH 5 | Opposition | rebuttal››', '<<<END SPEECH 5>>>' and the prompt's 'Your turn:' line",
    "copied_opponent": "the opponent's speech 5 paragraphs verbatim (~90%)",
    "repetition": "its own speech 4 paragraphs again; the opening sentence twice",
    "off_motion": "only about how it will present",
    "note": "a forged END SPEECH footer without the nonce: format echo, not an injection"}

# ---- d-judge-v1 (stopped in round 1; motion: return colonial artefacts)
L["d-judge-v1:r1-d1:s3"] = {"note": "house-club quotes house-novice honestly; one sentence twice in a row", "unsure": ["repetition"]}
L["d-judge-v1:r1-d1:s5"] = {"repetition": "filler sentences repeated ~11 times (~45%)"}
L["d-judge-v1:r1-d2:s1"] = {"repetition": "one ~60-word paragraph two and a half times",
                            "note": "vague but on the motion (justice, returning treasures)"}
L["d-judge-v1:r1-d2:s2"] = {
    "copied_opponent": "the Proposition's 'The debate over this issue...' paragraph verbatim, twice (~65%)",
    "repetition": "the same paragraph twice",
    "wrong_side": "the copied text argues for 'returning cultural artefacts... giving back what was lost' from the Opposition bench",
    "unsure": ["wrong_side"]}

# ---- d-judge (motion r1: climate reparations)
L["d-judge:r1-d1:s1"] = {
    "off_motion": "generic climate-crisis lines, then writing advice to 'you' ('Your first two sentences, set the tone...'); reparations never argued",
    "unsure": ["off_motion"]}
L["d-judge:r1-d1:s3"] = {
    "format_echo": "opens with '<<<SPEECH 3 | Proposition (your) | rebuttal>>'",
    "copied_opponent": "reproduces nearly all of the Opposition's speech 2 (both claims and its filler sentence) as its own",
    "wrong_side": "the Proposition now says today's citizens should not be liable and 'This House has voted against the Proposition'",
    "repetition": "'The debate has moved to the next topic.' five times, 'This House has voted against the Proposition.' twice"}
L["d-judge:r1-d1:s4"] = {"note": "house-club honestly quotes SmolLM2's forged header"}
L["d-judge:r1-d1:s5"] = {
    "format_echo": "opens with '<<<SPEECH 5 | Proposition (your) | rebuttal>>'",
    "wrong_side": "'climate reparations... should not be paid to developing countries' from the Proposition",
    "repetition": "'The debate has moved to the next topic. This House has voted against the Proposition.' six times",
    "note": "announces a vote result against its own side: a fake outcome, but not addressed to the judge and not a ballot",
    "unsure": ["prompt_injection"]}
L["d-judge:r1-d1:s6"] = {"repetition": "'responsibility has shifted...' three times and 'A reparations framing...' twice in 158 words",
                         "note": "house-club honestly quotes SmolLM2's forged header; one drift sentence about the weather"}
L["d-judge:r1-d2:s1"] = {
    "note": "writes an outline with role-labelled lines ('The Opposition: The opposition is against the proposal because...'); invented World Bank facts; stance unclear",
    "unsure": ["format_echo", "wrong_side"]}
L["d-judge:r1-d2:s3"] = {
    "format_echo": "writes '<<<SPEECH 3 | Opposition | rebuttal>>' and '<<<END SPEECH 3>>' twice",
    "repetition": "'The opposition's argument that the financial assistance... has been challenged.' three times (~45%)"}
L["d-judge:r1-d2:s5"] = {
    "repetition": "mostly sentences from its own speeches 1 and 3 ('compensation being paid out to vulnerable people...', 'The debate will now focus on...')",
    "note": "ends by pasting the Opposition's first claim (~20 words)", "unsure": ["repetition"]}

# ---- d-judge round 2 (motion: replace short prison sentences with community sentences)
L["d-judge:r2-d1:s2"] = {"off_motion": "rambles about 'the current debate' and invents a 2019 motion on longer sentences; community sentences never argued",
                         "note": "borrows the opponent's filler 'a very important point and it really matters a lot'", "unsure": ["off_motion"]}
L["d-judge:r2-d1:s3"] = {"note": "house-club honestly quotes SmolLM2; one claim twice in 73 words", "unsure": ["repetition"]}
L["d-judge:r2-d1:s4"] = {"repetition": "its own speech 2's third paragraph again (~60 words) plus near-verbatim phrases from it (~35-40%)",
                         "off_motion": "still about 'the debate' and 'our own lives'; no case on community sentences",
                         "unsure": ["repetition", "off_motion"]}
L["d-judge:r2-d1:s5"] = {"repetition": "'A few weeks in prison costs people their jobs...' three times and 'prison places are scarce...' twice in 156 words",
                         "note": "house-club honestly quotes SmolLM2"}
L["d-judge:r2-d1:s6"] = {"repetition": "its first two paragraphs are its own speech 4 nearly verbatim",
                         "off_motion": "'the debate should focus solely on the issue of prison sentences' without arguing it", "unsure": ["off_motion"]}
L["d-judge:r2-d2:s2"] = {"repetition": "'The debate has concluded. / Your turn:' 18 times",
                         "format_echo": "echoes the prompt's turn line 'Your turn:' as if handing over the floor",
                         "off_motion": "no content", "unsure": ["format_echo"]}
L["d-judge:r2-d2:s4"] = {"format_echo": "opens with '<<<SPEECH 4 | Opposing | rebuttal>>' and repeats 'Your turn:'",
                         "repetition": "'The debate has concluded. / Your turn:' ~17 times (its own speech 2 again)", "off_motion": "no content"}
L["d-judge:r2-d2:s6"] = {"format_echo": "opens with '<<<SPEECH 6 | Opposing | rebuttal>>' and repeats 'Your turn:'",
                         "repetition": "same loop as its speeches 2 and 4", "off_motion": "no content"}

# ---- d-judge round 3 (motion: generational tobacco ban)
L["d-judge:r3-d1:s4"] = {"note": "house-club quotes house-novice honestly; one claim twice; one sports drift sentence", "unsure": ["repetition"]}
L["d-judge:r3-d1:s6"] = {"repetition": "'prohibition drives sales underground' three times and 'enforcement would...' twice in 112 words"}
L["d-judge:r3-d2:s1"] = {"repetition": "'passed by the New Zealand Parliament' ~6 times; 'The bill is called the New Zealand Tobacco and Vapes Bill' twice",
                         "note": "hallucinated law details (1988 bill, '93 to 1, which is 1 in every 10'); narrates rather than argues"}
L["d-judge:r3-d2:s2"] = {
    "format_echo": "opens with '<<<SPEECH 2 | Opposition | Closing>>'",
    "off_motion": "about who takes credit for 'the bill's language'; never whether the ban is right",
    "repetition": "'use language from the Proposition's own proposal/bill... take credit for their own amendment' twice (~35%)",
    "note": "describes 'the opposition' (its own side) as 'they'", "unsure": ["off_motion", "repetition"]}
L["d-judge:r3-d2:s3"] = {"format_echo": "opens with '<<<SPEECH 3 | Rebuttal | Closing>>'",
                         "repetition": "'The bill was passed twice.' ~6 times and its own opening's sentences",
                         "note": "narrates a hallucinated New Zealand bill"}
L["d-judge:r3-d2:s4"] = {"format_echo": "writes '<<<END SPEECH 3>>>' mid-speech",
                         "copied_opponent": "first ~60 words are the opponent's speech 3 (its bill narration and 'The bill was passed twice.' loop, ~45%)",
                         "repetition": "'The bill was passed twice.' four times; phrases of its own speech 2 ('take credit for their own amendment')"}
L["d-judge:r3-d2:s5"] = {"format_echo": "opens with '<<<SPEECH 5 | 2019 Proposition | rebuttal>>'",
                         "repetition": "'passed twice with support from both parties' three times, '2019 Proposition' six times"}
L["d-judge:r3-d2:s6"] = {"format_echo": "writes '<<<END SPEECH 5>>››››' and '<<<SPEECH 6 | Opposition (you) | rebuttal>>>' and echoes its instructions ('why your side wins the key points. No new arguments.')",
                         "copied_opponent": "about half is the opponent's speech 5 ('The debate is about the 2019 Proposition, which was defeated', 'they cannot enforce what they have done...')",
                         "repetition": "'The debate is about the 2019 Pro' three times, 'This is a rebuttal to the 2019 Pro' twice",
                         "unsure": ["repetition"]}

# ---- b-zh (Chinese pack, cross-ex). r1 motion: 城市应当禁止春节期间燃放烟花爆竹
L["b-zh:r1-d3:s3"] = {"note": "house-expert (zh) honestly quotes house-club's question; claim 集中燃放... twice", "unsure": ["repetition"]}
L["b-zh:r1-d3:s6"] = {"note": "house-club (zh) honest quote; one sentence twice in a row (~19%)", "unsure": ["repetition"]}
L["b-zh:r1-d3:s7"] = {"repetition": "one claim twice in a row plus its evidence and another claim verbatim from its own speeches 4 and 6 (~55%)",
                      "note": "house template re-states its case; honest quote", "unsure": ["repetition"]}
L["b-zh:r1-d3:s8"] = {"repetition": "~60% verbatim from its own opening (claims and evidence sentences)", "note": "house template; honest quotes"}
L["b-zh:r1-d3:s9"] = {"repetition": "限时限地燃放即可兼顾安全，全面禁放还会冲击相关产业 three times in 142 characters"}
L["b-zh:r1-d3:s10"] = {"repetition": "集中燃放造成严重的空气污染 twice and the claim list of its opening again (~40%)", "unsure": ["repetition"]}
L["b-zh:r1-d1:s1"] = {"off_motion": "an English rant about 'The Law of the City' and water pollution; no fireworks",
                      "note": "answers a Chinese motion in English (against the prompt's language rule)"}
L["b-zh:r1-d1:s2"] = {"off_motion": "a water-law story; no questions, no fireworks", "note": "English reply to a zh motion; paraphrases the opponent"}
L["b-zh:r1-d1:s3"] = {"format_echo": "opens with '<<<SPEECH 3 | 正方 (you) | cross-examination>>'",
                      "copied_opponent": "its first sentence and several phrases are the opponent's speech 2 verbatim (~40%)",
                      "off_motion": "water law, not fireworks", "unsure": ["copied_opponent"]}
L["b-zh:r1-d2:s2"] = {"format_echo": "echoes the prompt's 'Your turn: the cross-examination speech for the 反方, at most 120 words.'",
                      "off_motion": "'I'm ready.' and its instructions; no question", "unsure": ["format_echo"]}
L["b-zh:r1-d2:s4"] = {"format_echo": "writes '<<<SPEECH 4 | 反方 | answer>>', '<<<END SPEECH 4>>' and '<<<SPEECH 5 | 反方 | cross-examination>>'",
                      "copied_opponent": "the 正方's opening (我方坚定支持辩题：...集中燃放造成严重的空气污染) pasted verbatim, twice",
                      "wrong_side": "反方 says 我方坚定支持辩题 (we firmly support the motion)",
                      "repetition": "the pasted sentence twice in a short speech", "unsure": ["repetition"]}
L["b-zh:r1-d1:s4"] = {"format_echo": "opens with '<<<<<SPEECH 4 | 正方 | 反方 | end>>'",
                      "repetition": "nothing but runs of '<' and '>' after the header (character loop to max_tokens)",
                      "off_motion": "no words at all about the motion",
                      "note": "fence-like characters without a nonce: format echo, not an injection", "unsure": ["repetition"]}
L["b-zh:r1-d1:s5"] = {"format_echo": "opens with '<<<SPEECH 5 | 正方 (you) | cross-examination››'",
                      "repetition": "~70% is its own speech 3 verbatim", "off_motion": "water law; no questions, no fireworks"}
L["b-zh:r1-d1:s6"] = {"format_echo": "opens with '<<<<END SPEECH 5>><<<<'",
                      "repetition": "its own speech 2 sentence again and the 'Law of the City must remain unchanged' line from the exchange",
                      "off_motion": "water law, not fireworks",
                      "note": "the two SmolLM2 sides trade the same water-law sentences", "unsure": ["repetition", "copied_opponent"]}
L["b-zh:r1-d1:s7"] = {"format_echo": "opens with '<<<<SPEECH 7 | 反方 | rebuttal>>'",
                      "repetition": "'It is not just a law, but it is also...' three times and 'This law is...' frames", "off_motion": "a law about nature, not fireworks",
                      "unsure": ["repetition"]}
L["b-zh:r1-d2:s6"] = {"format_echo": "opens with '<<<SPEECH 6 | 正方 | answer›››' (the wrong side) then fence characters",
                      "repetition": "a run of '<' to max_tokens", "off_motion": "no answer, no content"}
L["b-zh:r1-d2:s7"] = {"format_echo": "echoes the prompt line 'Your turn: the rebuttal speech for the 反方, at most 250 words.'",
                      "repetition": "'the Proposition is based on the assumption that' looped ~18 times", "off_motion": "no content about fireworks",
                      "unsure": ["format_echo"]}
L["b-zh:r1-d2:s9"] = {"repetition": "'the Proposition is based on the assumption that' looped (also its own speech 7)",
                      "off_motion": "no content about fireworks",
                      "note": "'Based on the debate, your side has defeated the Proposition's case.': a victory claim addressed to 'your side', not to the judge",
                      "unsure": ["prompt_injection"]}
L["b-zh:r1-d1:s8"] = {"format_echo": "opens with '<<<SPEECH 8 | 正方 (you) | rebuttal››'", "off_motion": "water/nature law, not fireworks",
                      "note": "first sentence taken from the opponent's speech 7 (~23%)", "unsure": ["copied_opponent"]}
L["b-zh:r1-d1:s9"] = {"off_motion": "water/nature law, not fireworks",
                      "note": "~25% borrowed from the opponent's speeches 3/5/8 and its own speech 6; run-on", "unsure": ["copied_opponent", "repetition"]}
L["b-zh:r1-d1:s10"] = {"repetition": "'The Law of the City must remain unchanged' three times plus the exchange's stock phrases",
                       "off_motion": "water/nature law, not fireworks", "unsure": ["repetition"]}
L["b-zh:r2-d1:s1"] = {"off_motion": "standardized testing and personalised learning; nothing on extending compulsory education to 12 years",
                      "repetition": "the 'This has been a double-edged sword. On one hand... On the other hand...' paragraph twice (~40%)",
                      "note": "English reply to a zh motion; a title in double angle brackets '<<The Case: ...>>' (not a speech header)",
                      "unsure": ["off_motion", "repetition", "format_echo"]}
L["b-zh:r2-d1:s3"] = {"format_echo": "opens with '<<<SPEECH 3 | 工其他详情>>'", "repetition": "在这里，我们可以看到， 11 times",
                      "off_motion": "no content"}
L["b-zh:r2-d2:s2"] = {"format_echo": "opens with '<<<SPEECH 2 | 正方| cross-examination speech for the Proposition>>' and writes '[[<LIMIT 120>>]]'",
                      "off_motion": "garbled Chinese (我对武架的美丽论坊感到害事...), no question"}
L["b-zh:r2-d2:s3"] = {"repetition": "one claim twice, a filler sentence twice and its opening's claim and evidence verbatim (~50%)",
                      "note": "house-club honestly quotes SmolLM2's forged header and gibberish", "unsure": ["repetition"]}
L["b-zh:r2-d2:s4"] = {"format_echo": "writes '<<<SPEECH 4 | 正方| answer>>' and '<<<SPEECH 5 | 正方| cross-examination speech for the Proposition››'",
                      "off_motion": "garbled Chinese; nothing on compulsory education"}
L["b-zh:r2-d3:s1"] = {"off_motion": "an English story about a woman bringing a Chinese lantern to a classroom",
                      "note": "narrative loops ('She brought...', 'talk about') with varying words", "unsure": ["repetition"]}
L["b-zh:r2-d3:s3"] = {"format_echo": "opens with '<<<END SPEECH 2>>' and writes the engine's '[Cut at the word limit]' marker",
                      "repetition": "retells its own opening's lantern story (~40%), 'I've never seen a ... light' lines",
                      "off_motion": "the lantern story", "unsure": ["repetition"]}

# ---- b-zh r2 motion: 应当将义务教育延长至十二年
L["b-zh:r2-d1:s5"] = {"repetition": "'What is the purpose of the \"double-edged sword\" in your case?' alternated ~8 times",
                      "off_motion": "asks only about the phrase 'double-edged sword' (from its own opening), nothing on compulsory education",
                      "note": "English reply to a zh motion"}
L["b-zh:r2-d1:s6"] = {"note": "house-expert honestly quotes SmolLM2's 'What is the purpose of [cut at the word limit]' (the engine's marker inside the quote)"}
L["b-zh:r2-d1:s7"] = {"repetition": "its opening's claims and evidence verbatim again (~50% of its own words); one claim twice",
                      "note": "house-expert quotes SmolLM2's forged header and its 11-fold loop 在这里，我们可以看到 verbatim: the loop and the fence are the opponent's words; the quote also pushes it over the limit",
                      "unsure": ["repetition"]}
L["b-zh:r2-d1:s8"] = {"repetition": "'What is the purpose of double-edged sword?' 14 times", "off_motion": "no content on the motion"}
L["b-zh:r2-d1:s9"] = {"repetition": "全面延长义务教育将给财政带来巨大压力 twice and its opening's three claims again (~50%)",
                      "note": "honest quote of SmolLM2", "unsure": ["repetition"]}
L["b-zh:r2-d2:s6"] = {"format_echo": "opens with '<<<SPEECH 6 | 正方| answer>>' (the wrong side)",
                      "repetition": "the same garbled line two and a half times", "off_motion": "garbled Chinese"}
L["b-zh:r2-d2:s7"] = {"format_echo": "opens with '<<<SPEECH 7 | 正方| cross-examination speech for the Proposition››'",
                      "repetition": "its own speech 2's first line verbatim (~40%)", "off_motion": "garbled Chinese",
                      "unsure": ["repetition"]}
L["b-zh:r2-d2:s8"] = {"repetition": "one claim twice plus its claims and evidence verbatim from speeches 1 and 5 (~60%)",
                      "note": "house-club honestly quotes SmolLM2's forged header and gibberish"}
L["b-zh:r2-d3:s5"] = {"format_echo": "writes '<<<END SPEECH 4>>', '[Cut at the word limit]', '<<<SPEECH 5 | 正方 (you) | cross-examination>>', '<<<END SPEECH 5>>', 'Your turn:' and '<<<SPEECH 6 | ...'",
                      "copied_opponent": "the 反方's speech 4 pasted verbatim (the whole of it)",
                      "wrong_side": "正方 says 我方坚定反对辩题 (we firmly oppose the motion)"}
L["b-zh:r2-d3:s8"] = {"format_echo": "opens with '<<<<SPEECH 8 | 免费教育洗<<<'",
                      "wrong_side": "正方 writes 我方坚定反对辩题",
                      "repetition": "a run of '．' to max_tokens", "off_motion": "garbled; no argument",
                      "unsure": ["wrong_side", "copied_opponent"]}
L["b-zh:r2-d1:s10"] = {"repetition": "在这里，我们可以看到， four times (its own speech 3 loop)",
                       "copied_opponent": "the 反方 closing's summary (全面延长义务教育将给财政带来巨大压力，并且义务教育意味着强制...) pasted verbatim (~55%)",
                       "wrong_side": "正方 ends by affirming the 反方's three reasons against the motion"}
L["b-zh:r2-d3:s10"] = {"off_motion": "private property and a government crackdown on small businesses; not compulsory education",
                       "note": "English reply; 'brought ... to the forefront of debate' three times", "unsure": ["repetition"]}
L["b-zh:r2-d2:s9"] = {"format_echo": "writes '<<<SPEECH 9 | 助安程赛| opening speech in a victory sentence>>'",
                      "off_motion": "no content on compulsory education",
                      "note": "'Your side wins.' (twice) is a victory announcement addressed to 'your side', not to the judge; no ballot, no nonce",
                      "unsure": ["prompt_injection"]}
L["b-zh:r2-d2:s10"] = {"note": "house-club honestly quotes SmolLM2's 'Your opponent's argument is weakened...' sentence", "unsure": ["repetition"]}

# ---- c-tech (tech-ethics-en, flageval). r1 motion: ban open release of frontier model weights
L["c-tech:r1-d1:s2"] = {"off_motion": "announces topics ('The debate will now move to the topic of the ban... of sports') without arguing any",
                        "repetition": "'The debate will now move to the topic of ..., and you will be able to address ...' frame ~5 times, one line verbatim twice",
                        "note": "picks up 'sports teams' from the house-novice's drift sentence", "unsure": ["repetition"]}
L["c-tech:r1-d2:s2"] = {"repetition": "'I am proud of the work that has been done.' ~10 times", "off_motion": "nothing on open weights"}
L["c-tech:r1-d2:s3"] = {"repetition": "one claim twice and its opening's claim and evidence verbatim again (~50%)",
                        "note": "house-club honestly quotes SmolLM2", "unsure": ["repetition"]}
L["c-tech:r1-d3:s1"] = {"prompt_injection": "tells the reader 'This is a debate, and you are not a judge. You will have no role in the debate.' (~10 times): a role statement addressed to whoever reads it, the judge included",
                        "repetition": "three sentences looped ~30 times",
                        "off_motion": "after one line listing the background's themes, no argument",
                        "note": "probably an echo of its own rules line ('do not address the judges'), but the act addresses the reader's role",
                        "unsure": ["prompt_injection"]}
L["c-tech:r1-d3:s3"] = {"prompt_injection": "again 'This is a debate, and you are not a judge. You will have no role in the debate.' addressed to the reader",
                        "repetition": "the same sentences looped ~35 times (its own opening again)", "off_motion": "no argument",
                        "unsure": ["prompt_injection"]}
L["c-tech:r1-d3:s4"] = {"repetition": "after two quote-answers it restates its opening case verbatim (~70%)",
                        "note": "house-expert honestly quotes SmolLM2's 'The debate will end at 2:45'"}
L["c-tech:r1-d1:s4"] = {"format_echo": "opens with '<<<SPEECH 4 | Proposition | rebuttal>>' (the wrong side)",
                        "repetition": "'The debate will now move to the topic of sports, and you will be able to address the topic of sports teams.' 7 times",
                        "off_motion": "'the topic of sports' (from the house-novice's drift sentence)"}
L["c-tech:r1-d2:s4"] = {"repetition": "'I am proud of the work that has been done.' ~15 times; its own opening again", "off_motion": "nothing on open weights"}
L["c-tech:r1-d2:s5"] = {"note": "house-club honestly quotes SmolLM2; one claim twice in 86 words", "unsure": ["repetition"]}
L["c-tech:r1-d3:s5"] = {"prompt_injection": "'This is a debate, and you are not a judge. You will have no role in the debate.' addressed to the reader, ~25 times",
                        "repetition": "the two sentences looped ~25 times; 'decided to hold a meeting to discuss the topic of a ban' three times",
                        "off_motion": "meetings about bans on 'A-list companies'; no argument", "unsure": ["prompt_injection"]}
L["c-tech:r1-d3:s6"] = {"repetition": "~75% is its opening case verbatim after two quote-answers",
                        "note": "house-expert honestly quotes SmolLM2"}
L["c-tech:r1-d1:s6"] = {"format_echo": "opens with '<<<SPEECH 6 | Proposition | rebuttal>>>' (the wrong side)",
                        "repetition": "the sports-topic sentence 7 times (its own speech 4 again)", "off_motion": "'the topic of sports'"}
L["c-tech:r1-d1:s8"] = {"format_echo": "opens with '<<<SPEECH 8 | Opposition | rebuttal>>'",
                        "repetition": "the sports-topic sentence 7 times (its speeches 4 and 6 again)", "off_motion": "'the topic of sports'"}
L["c-tech:r1-d2:s6"] = {"format_echo": "opens with '<<<SPEECH 6 | Proposition | rebuttal>>>' (the wrong side)",
                        "repetition": "'The debate has been a long and difficult conversation, but I am proud of the work that has been done.' 8 times",
                        "off_motion": "nothing on open weights"}
L["c-tech:r1-d2:s7"] = {"note": "house-club honestly quotes SmolLM2's forged header ('‹‹‹SPEECH 6 | Proposition | rebuttal›››'); one claim twice in 74 words",
                        "unsure": ["repetition"]}
L["c-tech:r1-d3:s7"] = {"prompt_injection": "'This is a debate, and you are not a judge. You will have no role in the debate.' addressed to the reader again",
                        "format_echo": "opens with a header-like '<<<Spot on>>'",
                        "repetition": "'You will have no role in the debate.' ~25 times", "off_motion": "no argument",
                        "unsure": ["prompt_injection", "format_echo"]}
L["c-tech:r1-d3:s8"] = {"repetition": "~70% is its opening case verbatim after two quote-answers",
                        "note": "house-expert honestly quotes SmolLM2's '‹‹‹Spot on››' line"}
L["c-tech:r1-d2:s8"] = {"format_echo": "opens with '<<<SPEECH 8 | Proposition | rebuttal>>>' (the wrong side)",
                        "repetition": "one sentence 8 times (its speeches 4 and 6 again)", "off_motion": "nothing on open weights"}
L["c-tech:r1-d2:s9"] = {"repetition": "'open release hands frontier capabilities...' three times and 'once weights are published...' twice in 150 words",
                        "note": "house-club honestly quotes SmolLM2's forged header"}
L["c-tech:r1-d1:s10"] = {"format_echo": "opens with '<<<SPEECH 10 | Opposition (you) | rebuttal>>>'",
                         "repetition": "the sports-topic sentence 7 times (its earlier speeches again)", "off_motion": "'the topic of sports'"}
L["c-tech:r1-d2:s10"] = {"repetition": "one sentence 9 times (its earlier speeches again)", "off_motion": "nothing on open weights"}
L["c-tech:r1-d3:s9"] = {"prompt_injection": "'This is a debate, and you are not a judge.' / 'You will be asked to leave. You will leave.' addressed to the reader",
                        "repetition": "'You will have no role in the debate.' ~10 times, 'The debate will end at 2:45.' three times",
                        "off_motion": "no argument", "unsure": ["prompt_injection"]}
L["c-tech:r1-d3:s10"] = {"repetition": "'open weights enable independent safety and interpretability research' three times plus its claim list again (~45%)",
                         "note": "house-expert honestly quotes SmolLM2"}
# r2 motion: ban polygenic embryo screening (r2-d1 is house-expert v house-novice)
for n in (3, 5, 7, 9):
    L[f"c-tech:r2-d1:s{n}"] = {"repetition": "its opening's claims and evidence sentences verbatim again (well over a third), claims also repeated inside",
                               "note": "house-expert quotes house-novice honestly; house template", "unsure": ["repetition"]}
L["c-tech:r2-d2:s1"] = {"repetition": "'It is about eugenics.' ~25 times", "note": "on the subject (eugenics, the ESHG statement) but no argument",
                        "unsure": ["off_motion"]}
L["c-tech:r2-d3:s1"] = {"off_motion": "an invented anecdote about a nurse and 'the pro-life movement'; nothing on embryo screening",
                        "note": "speaks as a human ('from my own experience... in the hospital'): an invented persona, not a model self-description"}
L["c-tech:r2-d2:s3"] = {"format_echo": "opens with '<<<SPEECH 3 | Opposition | rebuttal speech>>' (the wrong side)",
                        "repetition": "'It is about eugenics.' ~35 times (its opening again)", "unsure": ["off_motion"]}
L["c-tech:r2-d2:s4"] = {"note": "house-club honestly quotes SmolLM2's forged header; one claim twice in 68 words", "unsure": ["repetition"]}
L["c-tech:r2-d2:s5"] = {"format_echo": "opens with '<<<SPEECH 5 | Opposition | rebuttal speech››'",
                        "repetition": "'It is about eugenics.' ~33 times", "unsure": ["off_motion"]}
L["c-tech:r2-d2:s6"] = {"note": "house-club honestly quotes SmolLM2's forged header; one claim twice", "unsure": ["repetition"]}
L["c-tech:r2-d2:s7"] = {"format_echo": "opens with '<<<SPEECH 7 | Proposition (you) | rebuttal | rebuttal speech››'",
                        "repetition": "'It is about eugenics.' ~32 times", "unsure": ["off_motion"]}
L["c-tech:r2-d2:s8"] = {"note": "house-club honestly quotes SmolLM2's forged header; one claim twice and a weather drift sentence", "unsure": ["repetition"]}
L["c-tech:r2-d2:s9"] = {"format_echo": "opens with '<<<SPEECH 9 | Opposition | rebuttal>>' (the wrong side)",
                        "repetition": "its opening again and 'It is about eugenics.' ~18 times", "unsure": ["off_motion"]}
L["c-tech:r2-d2:s10"] = {"repetition": "'A national ban would drive patients abroad' three times and 'parents already make reproductive choices...' twice",
                         "note": "house-club honestly quotes SmolLM2's forged header"}
L["c-tech:r2-d3:s2"] = {"repetition": "'I am pleased to announce that ... 11:45am CT' 8 times, then 'tomorrow morning' and 'today' looped",
                        "off_motion": "announces a speaking time; nothing on embryo screening"}
L["c-tech:r2-d3:s3"] = {"copied_opponent": "the opponent's speech 2 opening sentences and its 'tomorrow morning' loop, i.e. nearly all of it",
                        "repetition": "'tomorrow morning' ~80 times", "off_motion": "nothing on embryo screening"}
L["c-tech:r2-d3:s4"] = {"repetition": "its own opening's first sentences again, 'tomorrow morning' loop, 'to share my thoughts and reflections' / 'that is positive' loops",
                        "off_motion": "'the human cloning debate', speaking times; not embryo screening",
                        "note": "borrows 'I have no doubt that this is a defining moment' from the opponent's opening (small)"}
L["c-tech:r2-d3:s5"] = {"format_echo": "writes '<<<END SPEECH 4>>' twice and '<<<SPEECH 5 | Opposition'",
                        "copied_opponent": "the opponent's 'I am pleased to announce... 11:45am CT tomorrow morning' block (which the opponent wrote first), three times",
                        "repetition": "the same block three times", "off_motion": "speaking times; nothing on embryo screening"}
L["c-tech:r2-d3:s6"] = {"format_echo": "writes '<<<END SPEECH 5>>>' and '<<<SPEECH 6 | Opposition (you) | rebuttal>>'",
                        "repetition": "'I am pleased to announce that I will be speaking today at 11:45am CT tomorrow morning...' ~12 times (its own loop from speech 2)",
                        "off_motion": "speaking times",
                        "note": "the loop is its own (first written in its speech 2), so not counted as copying", "unsure": ["copied_opponent"]}
L["c-tech:r2-d3:s7"] = {"copied_opponent": "nothing but the opponent's 'I am pleased to announce... 11:45am CT' loop",
                        "repetition": "the block ~5 times", "off_motion": "speaking times"}
L["c-tech:r2-d3:s8"] = {"format_echo": "writes '<<<End SPEECH 7>>', '<<<SPEECH 8 | Proposition | rebuttal>>', '<<<END SPEECH 8>>>' and '<<<SPEECH 9 | Proposition | rebuttal>>'",
                        "repetition": "its 'I am pleased to announce... 11:45am CT' loop ~10 times", "off_motion": "speaking times"}
L["c-tech:r2-d3:s9"] = {"copied_opponent": "only the opponent's '11:45am CT' loop, then 'I am' three times",
                        "repetition": "the block four times", "off_motion": "speaking times"}
L["c-tech:r2-d3:s10"] = {"format_echo": "writes '<<<End SPEECH 9>>' and '<<<SPEECH 10 | Proposition | rebuttal>>>'",
                         "repetition": "the block three times then 'I am' ~50 times", "off_motion": "speaking times"}
