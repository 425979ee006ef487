"""The commented starting point that `debate motions new` writes."""

from __future__ import annotations

import json
import re

TEMPLATE = """\
# A motion pack for debate-engine. Check it with:
#   debate motions validate {filename}     (errors: file, line, field)
#   debate motions lint {filename}         (weak motions, duplicates, missing background)
# For autocompletion in an editor that speaks the YAML language server:
#   debate motions schema > motion-pack.schema.json
# yaml-language-server: $schema=motion-pack.schema.json

schema_version: 1          # the pack format's version; only 1 exists
id: {pack_id}              # lower-case letters, digits and '-'; tournaments name motions <id>/<motion id>
title: {title}
version: 1.0.0             # bump it whenever a motion changes: tournaments record the pack's hash
language: {language}                # the language every motion, background and argument is written in
author: ""
license: CC-BY-4.0
description: >
  What these motions test, and for whom.
tags: []

motions:
  # One claim per motion, stated so the proposition affirms it and the opposition denies it.
  # Avoid questions ("Should ...?") and topics ("The pros and cons of ..."); aim for 5-40 words.
  - id: four-day-week
    text: This House would adopt a four-day working week at full pay.
    category: economy        # group motions; a category with a single motion draws a warning
    tags: [work]
    difficulty: medium       # easy | medium | hard
    # side_labels: {{pro: Proposition, con: Opposition}}   # optional names for the sides
    background: >
      Shared facts both sides may rely on: trials, dates, figures. Debaters see this text.
      Several firms and public bodies have trialled four-day weeks at unchanged pay.
    arguments:               # optional case notes for each side (house debaters use them)
      pro:
        - claim: Shorter weeks reduce burnout without lowering output.
          evidence:
            - Pilot programmes reported lower self-reported burnout among staff.
      con:
        - claim: Services that must run every day face higher staffing costs.
          evidence:
            - Hospitals and care homes must staff every day regardless of schedules.

  - id: universal-basic-income
    text: This House would introduce a universal basic income.
    category: economy
    difficulty: hard
    background: >
      A universal basic income pays every adult a regular sum with no conditions. Pilots
      have run in Finland, Kenya and several cities in the United States.
    arguments:
      pro:
        - claim: Unconditional payments remove the poverty traps of means-tested benefits.
          evidence:
            - Means-tested benefits withdraw support as earnings rise.
      con:
        - claim: A payment large enough to live on would need large tax rises.
          evidence:
            - Costings of full basic incomes run to a large share of national income.
"""


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (s or "my-pack")[:64].rstrip("-") or "my-pack"


def render(filename: str, *, pack_id: str | None = None, title: str | None = None,
           language: str = "en") -> str:
    pid = slug(pack_id or filename.rsplit("/", 1)[-1].split(".", 1)[0])
    return TEMPLATE.format(filename=filename, pack_id=pid,
                           title=json.dumps(title or pid.replace("-", " ").capitalize(), ensure_ascii=False),
                           language=json.dumps(language))
