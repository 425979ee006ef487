"""The JSON schema of a ballot for a rubric, for models that can constrain their output to one.

It describes exactly what `prompts.parse_ballot` accepts: the winner as "A" or "B", an integer
score on the rubric's scale for every dimension and side, and the reasons. The reasons come
first, so a constrained model writes its reasoning before it commits to scores and a winner.
"""

from __future__ import annotations

from typing import Any

from .models import Rubric

REASONS_MAX_CHARS = 600


def ballot_json_schema(rubric: Rubric, speech_numbers: list[int] | None = None) -> dict[str, Any]:
    """With `speech_numbers` (1-based), a score for each of those speeches is required too."""
    score = {"type": "integer", "enum": list(range(rubric.scale.min, rubric.scale.max + 1))}
    side = {"type": "object", "properties": {d: score for d in rubric.dimension_ids},
            "required": list(rubric.dimension_ids), "additionalProperties": False}
    props: dict[str, Any] = {
        "reasons": {"type": "string", "minLength": 1, "maxLength": REASONS_MAX_CHARS},
        "scores": {"type": "object", "properties": {"A": side, "B": side},
                   "required": ["A", "B"], "additionalProperties": False},
    }
    if speech_numbers:
        names = [str(n) for n in speech_numbers]
        props["speeches"] = {"type": "object", "properties": {n: score for n in names},
                             "required": names, "additionalProperties": False}
    props["winner"] = {"type": "string", "enum": ["A", "B"]}
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": False}


def ranked_ballot_json_schema(rubric: Rubric, speech_numbers: list[int] | None = None) -> dict[str, Any]:
    """A four-side ballot (`bp_prompts.parse_ranked_ballot`): scores for Sides A-D and a rank
    from 1 to 4 for each. That the ranks use each place once is checked when the reply is read
    (a JSON schema cannot say it of an object's values), and a reply that does not is retried."""
    schema = ballot_json_schema(rubric, speech_numbers)
    props = schema["properties"]
    side = props["scores"]["properties"]["A"]
    props["scores"] = {"type": "object", "properties": {x: side for x in "ABCD"},
                       "required": list("ABCD"), "additionalProperties": False}
    del props["winner"]
    rank = {"type": "integer", "enum": [1, 2, 3, 4]}
    props["ranks"] = {"type": "object", "properties": {x: rank for x in "ABCD"}, "required": list("ABCD"),
                      "additionalProperties": False}
    schema["required"] = list(props)
    return schema


def ballot_response_format(rubric: Rubric, speech_numbers: list[int] | None = None, *,
                           four_sides: bool = False) -> dict[str, Any]:
    """The `response_format` a local (llama.cpp) judge gets: JSON constrained to the schema."""
    schema = (ranked_ballot_json_schema if four_sides else ballot_json_schema)(rubric, speech_numbers)
    return {"type": "json_object", "schema": schema}


# Tokens a ballot may need besides its reasons: braces, keys, the winner, per score slot.
_BALLOT_FRAME_TOKENS, _SLOT_TOKENS = 64, 8


def ballot_max_tokens(rubric: Rubric, speech_numbers: list[int] | None = None, *, sides: int = 2) -> int:
    """A reply budget that fits the longest ballot the schema allows: the reasons at one token a
    character (the worst case, CJK), a few tokens per score (and per rank), and the frame. A
    local judge gets at least this as max_tokens, so its constrained reply is never cut off."""
    slots = sides * len(rubric.dimension_ids) + len(speech_numbers or []) + (sides if sides > 2 else 0)
    return _BALLOT_FRAME_TOKENS + _SLOT_TOKENS * slots + REASONS_MAX_CHARS
