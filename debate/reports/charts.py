"""The report's charts: matplotlib figures rendered at build time to static SVG.

Each chart function takes the plain values of a `Figure` (debate.reports.report_model) and
returns an SVG element to inline in the page. Text stays text (`svg.fonttype: none`) in a generic
font family, so the SVG refers to no font file and no other resource; ids are prefixed per chart
so several charts on one page never share one; no metadata, no date: the same data draws the
same bytes. matplotlib is imported here only, when a report is built.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np

RC = {"svg.fonttype": "none", "svg.hashsalt": "debate-report", "font.family": "sans-serif",
      "font.sans-serif": ["DejaVu Sans"],  # what matplotlib measures with; the page falls back
      "font.size": 9, "text.parse_math": False, "axes.titlesize": 10, "axes.spines.top": False,
      "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.25, "figure.dpi": 72}
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
          "#999999", "#882255", "#44AA99", "#117733"]  # Okabe-Ito, then Tol: colour-blind safe
LEVELS = 32  # colours per colour map: a colour bar is LEVELS shapes (values are printed in the cells)
_ID = re.compile(r'(\bid="|url\(#|href="#)')
# Coordinates to 1/100 of a point (matplotlib writes six decimals): a third of the bytes, the
# same drawing. Only inside attribute values: the text of labels is left alone.
_ATTR = re.compile(r'="[^"]*"')
_REF = re.compile(r'(?:url\(#|href="#)([^")]+)')
_IDS = re.compile(r' id="([^"]+)"')
_DIGITS = re.compile(r"(\d\.\d\d)\d+")


def render(kind: str, data: dict[str, Any], prefix: str) -> str:
    """The SVG of one figure; `prefix` makes its ids unique on the page."""
    import matplotlib
    from matplotlib.figure import Figure

    draw = CHARTS[kind]
    with matplotlib.rc_context(RC):
        fig = Figure(layout="constrained")
        draw(fig, data)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                                 "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = _ATTR.sub(lambda m: _DIGITS.sub(r"\1", m.group()), svg)
    svg = re.sub(r"\n\s+", "\n", svg)
    used = set(_REF.findall(svg))  # ids something points at (clip paths, markers); drop the rest
    svg = _IDS.sub(lambda m: m.group() if m.group(1) in used else "", svg)
    return _ID.sub(lambda m: m.group(1) + prefix + "-", svg)


def _size(fig, width: float, height: float) -> None:
    fig.set_size_inches(width, min(height, 200.0))


def _rows_y(n: int) -> list[int]:
    return list(range(n - 1, -1, -1))  # the first row on top


def forest(fig, d: dict[str, Any]) -> None:
    names = d["names"]
    n = len(names)
    panels = [("TrueSkill mu, 95% interval (| marks mu - 3 sigma)", d["mu"], d["lo"], d["hi"], d["conservative"])]
    if any(v is not None for v in d["bt"]):
        panels.append(("Bradley-Terry (Elo scale), 95% interval", d["bt"], d["bt_lo"], d["bt_hi"], None))
    if any(v is not None for v in d.get("lc", [])):
        panels.append(("Length-controlled rating, 95%", d["lc"], d["lc_lo"], d["lc_hi"], None))
    _size(fig, 2.0 + 3.6 * len(panels), 1.0 + 0.24 * n)
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    y = _rows_y(n)
    for k, (ax, (title, mid, lo, hi, mark)) in enumerate(zip(axes, panels)):
        color = COLORS[k]
        rows = [(yi, m, a, b) for yi, m, a, b in zip(y, mid, lo, hi) if m is not None]
        spans = [(yi, a, b) for yi, _, a, b in rows if a is not None and b is not None]
        if spans:
            ax.hlines([r[0] for r in spans], [r[1] for r in spans], [r[2] for r in spans],
                      color=color, linewidth=1.6)
        ax.plot([r[1] for r in rows], [r[0] for r in rows], "o", color=color, markersize=4.5)
        if mark is not None:
            ax.plot(mark, y, "|", color="#444444", markersize=8)
        ax.set_title(title, loc="left")
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(y, names)
    axes[0].set_ylim(-0.7, n - 0.3)


def heatmap(fig, d: dict[str, Any]) -> None:
    rows, cols, values = d["rows"], d["cols"], d["values"]
    text = d.get("text")
    arr = np.ma.masked_invalid(np.array([[math.nan if v is None else float(v) for v in r] for r in values],
                                        dtype=float).reshape(len(rows), len(cols)))
    _size(fig, 2.4 + max(0.75, 0.12 * max((len(c) for c in cols), default=4)) * len(cols)
          + 0.07 * max((len(r) for r in rows), default=4), 0.9 + 0.26 * len(rows))
    ax = fig.subplots()
    vmin = d.get("vmin", float(arr.min()) if arr.count() else 0.0)
    vmax = d.get("vmax", float(arr.max()) if arr.count() else 1.0)
    import matplotlib

    cmap = matplotlib.colormaps[d.get("cmap", "viridis")].resampled(LEVELS).with_extremes(bad="#eeeeee")
    im = _cells(ax, arr, cmap, vmin, vmax if vmax > vmin else vmin + 1)
    ax.set_xticks(range(len(cols)), cols, rotation=30 if max(map(len, cols), default=0) > 8 else 0,
                  ha="right" if max(map(len, cols), default=0) > 8 else "center")
    ax.set_yticks(range(len(rows)), rows)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fmt = d.get("fmt", "{:.2f}")
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = arr[i, j]
            label = text[i][j] if text else ("" if v is np.ma.masked else fmt.format(float(v)))
            if label:
                shade = 0.5 if v is np.ma.masked else (float(v) - vmin) / ((vmax - vmin) or 1)
                rgb = cmap(min(max(shade, 0.0), 1.0))[:3]
                dark = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 0.55
                ax.text(j, i, label, ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
    _colorbar(fig, im, ax, d.get("label", ""), 0.8 if len(rows) > 6 else 1.0)


def _colorbar(fig, im, ax, label: str, shrink: float) -> None:
    bar = fig.colorbar(im, ax=ax, label=label, shrink=shrink, aspect=30)
    bar.solids.set_rasterized(False)  # matplotlib draws a long colour bar as a bitmap: no


def _cells(ax, arr, cmap, vmin: float, vmax: float):
    """A grid of coloured cells centred on integer positions, first row on top; a cell without
    a value is left out (the axes' background shows): vector squares, where imshow would embed
    a bitmap and pcolormesh would draw every cell of a mostly empty matrix."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import Normalize

    rows, cols = arr.shape
    cells = [(i, j) for i in range(rows) for j in range(cols) if arr[i, j] is not np.ma.masked]
    coll = PolyCollection([[(j - 0.5, i - 0.5), (j + 0.5, i - 0.5), (j + 0.5, i + 0.5), (j - 0.5, i + 0.5)]
                           for i, j in cells], array=[float(arr[i, j]) for i, j in cells], cmap=cmap,
                          norm=Normalize(vmin, vmax), edgecolors="white", linewidths=0.5)
    ax.add_collection(coll)
    ax.set_facecolor(cmap.get_bad())
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    return coll


def h2h(fig, d: dict[str, Any]) -> None:
    names, rec = d["names"], d["records"]
    n = len(names)
    share = np.full((n, n), math.nan)
    for i in range(n):
        for j in range(n):
            w, l, dr = rec[i][j]
            if w + l + dr:
                share[i, j] = (w + 0.5 * dr) / (w + l + dr)
    _size(fig, 2.6 + 0.34 * n, 1.6 + 0.3 * n)
    ax = fig.subplots()
    import matplotlib

    cmap = matplotlib.colormaps["RdBu"].resampled(LEVELS).with_extremes(bad="#f4f4f4")
    im = _cells(ax, np.ma.masked_invalid(share), cmap, 0, 1)
    ax.set_aspect("equal")
    ax.set_xticks(range(n), names, rotation=60, ha="right")
    ax.set_yticks(range(n), names)
    ax.grid(False)
    ax.tick_params(length=0)
    for i in range(n):
        for j in range(n):
            w, l, dr = rec[i][j]
            if w + l + dr:
                label = f"{w}-{l}" + (f"/{dr}" if dr else "")
                ax.text(j, i, label, ha="center", va="center", fontsize=7,
                        color="white" if abs(share[i, j] - 0.5) > 0.35 else "black")
    ax.set_xlabel("opponent")
    _colorbar(fig, im, ax, "row's share of the games", 0.6)


def history(fig, d: dict[str, Any]) -> None:
    chains, starts = d["chains"], d["starts"]
    rounds = sorted({r for c in chains for e in c for r, _ in e["points"]})
    _size(fig, 9.5, 4.2)
    ax = fig.subplots()
    styles = ["-", "--", ":", "-."]
    for k, chain in enumerate(chains):
        color = COLORS[k % len(COLORS)]
        prev = None
        for v, e in enumerate(chain):
            pts = e["points"]
            if not pts:
                continue
            xs, ys = zip(*pts)
            ax.plot(xs, ys, styles[v % len(styles)], color=color, marker="o", markersize=3,
                    linewidth=1.5, label=e["name"])
            if prev is not None:  # a new version goes on from its predecessor
                ax.plot([prev[0], xs[0]], [prev[1], ys[0]], ":", color=color, linewidth=1)
            prev = pts[-1]
    for first, label in starts[1:] if len(starts) > 1 else []:
        ax.axvline(first - 0.5, color="#666666", linestyle=":", linewidth=1)
        ax.annotate(label, (first - 0.5, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -10),
                    textcoords="offset points", fontsize=8, color="#444444")
    if rounds:
        step = max(1, len(rounds) // 20)
        ax.set_xticks(rounds[::step])
    ax.set_xlabel("round")
    ax.set_ylabel("rating (mu - 3 sigma)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def judges(fig, d: dict[str, Any]) -> None:
    names, series = d["judges"], d["series"]
    n, k = len(names), len(series)
    _size(fig, 8.0, 1.0 + n * (0.16 * k + 0.2))
    ax = fig.subplots()
    y = _rows_y(n)
    height = 0.8 / k
    for s, (label, vals) in enumerate(series.items()):
        ys = [yi + 0.4 - height * (s + 0.5) for yi in y]
        ax.barh(ys, [math.nan if v is None else v for v in vals], height=height * 0.9,
                color=COLORS[s % len(COLORS)], label=label)
    ax.axvline(0.5, color="#444444", linewidth=1, linestyle="--")
    ax.set_xlim(0, 1)
    ax.set_yticks(y, names)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(_percent())
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def balance(fig, d: dict[str, Any]) -> None:
    motions = d["motions"]
    n = len(motions)
    _size(fig, 8.5, 1.0 + 0.26 * n)
    ax = fig.subplots()
    y = _rows_y(n)
    for yi, share, lo, hi, count in zip(y, d["share"], d["lo"], d["hi"], d["n"]):
        if share is None:
            continue
        ax.plot([lo, hi], [yi, yi], color=COLORS[0], linewidth=1.6)
        ax.plot([share], [yi], "o", color=COLORS[0], markersize=4.5)
        ax.annotate(f"n={count}", (1.0, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=7, color="#444444", annotation_clip=False)
    ax.axvline(0.5, color="#444444", linewidth=1, linestyle="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_yticks(y, motions)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(_percent())
    ax.set_xlabel(d.get("xlabel", "Proposition's share of decided debates"))


def _percent():
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)


CHARTS: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "forest": forest, "heatmap": heatmap, "h2h": h2h, "history": history, "judges": judges,
    "balance": balance}
