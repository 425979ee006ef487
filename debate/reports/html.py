"""The report as one self-contained HTML file: `debate report DB -o report.html`.

The page loads nothing from any host: charts are inline SVG drawn at build time, the style
sheet and the one script (a debate filter) are inline, and a Content-Security-Policy forbids
every other load, so it opens the same from a file:// URL and offline. Every text is escaped
(Jinja2 autoescape); model text (speeches, reasons, errors) is also cleaned of control codes and
its invisible direction controls are shown as marks, so it can neither run nor disguise itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from markupsafe import Markup, escape

from ..domain.text import clean_text
from .report_model import Link, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Bidi embeddings, overrides and isolates, and the marks: invisible, they can reorder what a
# reader sees around them ("Trojan Source"). Shown as visible marks instead.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def untrusted(text: str) -> Markup:
    """Model text for the page: control codes removed, escaped, direction controls visible."""
    safe = str(escape(clean_text(str(text))))
    return Markup(_BIDI.sub(lambda m: f'<span class="ctl" title="direction control">U+{ord(m.group()):04X}</span>',
                            safe))


def csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def render(report: Report, *, charts: bool = True) -> str:
    """The page. `charts=False` leaves the figures' drawings out (their titles stay): for
    tests of the page's structure, which need not pay for matplotlib."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False,
                             keep_trailing_newline=True)
    env.filters["untrusted"] = untrusted
    env.tests["link"] = lambda v: isinstance(v, Link)
    env.tests["links"] = lambda v: isinstance(v, list)
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    svgs = {s.key: [_svg(f.kind, f.data, f"{s.key}-{i}") if charts else "" for i, f in enumerate(s.figures)]
            for s in report.sections}
    page = env.get_template("report.html.j2").render(
        r=report, svgs=svgs, css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        script=Markup(script), csp=csp(script))
    return page


def _svg(kind: str, data: dict, prefix: str) -> Markup:
    from .charts import render as draw

    return Markup(draw(kind, data, prefix))
