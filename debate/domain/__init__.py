"""Pure domain: records, pairing, rating, standings, verdicts, simulation, text cleaning, and
the same for four-side British Parliamentary debates (bp_draw, bp_verdicts, bp_simulate).
No I/O, no asyncio: plain data in, plain data out."""

from .models import (SIDES, Argument, Ballot, CategoryRecord, DebateResult, Dimension, Draw,
                     Format, Motion, MotionPack, Pairing, Rating, Rubric, Side, Speech, Standing,
                     Turn, count_words, other)

__all__ = ["SIDES", "Argument", "Ballot", "CategoryRecord", "DebateResult", "Dimension", "Draw",
           "Format", "Motion", "MotionPack", "Pairing", "Rating", "Rubric", "Side", "Speech",
           "Standing", "Turn", "count_words", "other"]
