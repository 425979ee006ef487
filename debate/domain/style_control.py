"""Style control: Bradley-Terry with style covariates, a rating with the judges' taste for
length (and markdown, and the proposition side) taken out.

Judges prefer longer answers; Chatbot Arena's answer is to fit BT with style columns, so a
debater's rating is what is left once that taste is accounted for:

    P(pro wins) = s(theta_pro - theta_con + sum_k beta_k x_gk)

Covariates, per debate, pro's minus con's, each divided by its standard deviation over the
league's debates (so beta is "logits per sd of the feature"):

- ``length``: (words_pro - words_con) / (words_pro + words_con), the words the judges read (a
  speech over its limit counts up to the limit, where it was cut);
- ``markdown``: the same for markdown elements (headers, list items, bold spans), + 1 in the
  denominator so two plain speeches give 0; left out while no speech has any;
- ``side``: 1 for every debate: the proposition's advantage (not standardised).

Neither feature is centred: a centred difference would smuggle a side advantage into it; the
side column takes that. The coefficients' prior is N(0, (0.5 tau)^2) on each grid component of
the hierarchical posterior (`bt_posterior`): "a style feature's one-sd effect is unlikely to
exceed half the spread of skills". Needed, and measured (benchmarks/RESULTS.md, the padder
table): with a flat prior the length coefficient inflated on Swiss's near-separable results
(150% of the padding removed: the padder penalised), a fixed N(0, 1) one was too tight where
skills span many logits (51-62% removed); scaled with the spread it removes 91-114%.

Identification needs length to vary *within* a debater across debates (motions, formats,
opponents): if everyone always wrote the same length, the difference would be nearly a sum of
per-debater constants and verbosity could not be told from skill. The interval of the length
coefficient says how well the league identifies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .bradley_terry import Comparisons
from .bt_posterior import hierarchical_posterior
from .posterior import Posterior, beta_intervals
from .speech_style import SideStyle


def style_matrix(pro: Sequence[SideStyle], con: Sequence[SideStyle]
                 ) -> tuple[np.ndarray, tuple[str, ...]]:
    """The covariate columns (one row per debate, pro minus con) and their names."""
    cols, names = [], []
    wp, wc = np.array([s.words for s in pro]), np.array([s.words for s in con])
    cols.append((wp - wc) / np.maximum(wp + wc, 1e-12))
    names.append("length")
    mp, mc = np.array([s.markdown for s in pro]), np.array([s.markdown for s in con])
    if np.any(mp + mc > 0):
        cols.append((mp - mc) / (mp + mc + 1.0))
        names.append("markdown")
    scaled = []
    for col in cols:
        sd = float(np.std(col)) if len(col) else 0.0
        scaled.append(col / sd if sd > 1e-12 else col)
    scaled.append(np.ones(len(wp)))
    names.append("side")
    return np.column_stack(scaled) if len(wp) else np.zeros((0, len(names))), tuple(names)


@dataclass(frozen=True)
class StyleFit:
    posterior: Posterior      # style-controlled strengths (centred logits) and coefficients
    names: tuple[str, ...]    # the covariates
    beta: np.ndarray          # posterior mean per covariate (logits per sd of its feature)
    beta_lo: np.ndarray       # 95% interval
    beta_hi: np.ndarray


def fit_style(c: Comparisons, X: np.ndarray, names: tuple[str, ...]) -> StyleFit:
    """The hierarchical BT posterior with covariate columns X (one row per row of c)."""
    post = hierarchical_posterior(c, X=X)
    lo, hi = beta_intervals(post)
    return StyleFit(posterior=post, names=names, beta=post.beta_mean, beta_lo=lo, beta_hi=hi)
