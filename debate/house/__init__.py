"""House models: offline, deterministic calibration anchors (not language models).

`house/novice`, `house/club`, `house/expert`, `house/champion` debate with graded skill;
`house/judge` scores by transparent heuristics. They read the same prompts a remote model
reads and are served through litellm as a custom provider (see debate.gateway.house_provider).
"""

from .debater import LEVELS, house_speech
from .judge import house_ballot

__all__ = ["LEVELS", "house_speech", "house_ballot"]
