"""Motion-pack authoring: validate, lint, seal and verify, measure balance, scaffold.

Pure apart from `check_pack` (which reads a file); nothing here imports litellm.
"""

from .check import CheckedPack, check_pack
from .lint import LintInput, LintWarning, lint_packs
from .scaffold import render as scaffold
from .seal import Commitment, check as check_commitment, commit, parse_commitment, parse_digest
from .stats import (MotionBalance, binomial_two_sided, motion_balance, results_balance, verdict,
                    wilson_interval)

__all__ = ["CheckedPack", "Commitment", "LintInput", "LintWarning", "MotionBalance",
           "binomial_two_sided", "check_commitment", "check_pack", "commit", "lint_packs",
           "motion_balance", "parse_commitment", "parse_digest", "results_balance", "scaffold",
           "verdict", "wilson_interval"]
