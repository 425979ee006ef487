"""The viewer's widgets, one per module."""

from .ballot_card import BallotCard
from .ballot_form import BallotForm
from .ballots_panel import BallotsPanel
from .blind_transcript import BlindTranscript
from .bracket_table import BracketTable
from .filter_bar import FilterBar
from .judges_panel import JudgesPanel
from .keyed_table import KeyedTable
from .notes_log import NotesLog
from .ratings_pane import RatingsPane
from .ratings_plot import RatingsPlot
from .score_field import ScoreField
from .speech_card import SpeechCard
from .standings_pane import StandingsPane
from .standings_table import StandingsTable
from .status_bar import StatusBar
from .transcript import Transcript

__all__ = ["BallotCard", "BallotForm", "BallotsPanel", "BlindTranscript", "BracketTable", "FilterBar", "JudgesPanel",
           "KeyedTable", "NotesLog", "RatingsPane", "RatingsPlot", "ScoreField", "SpeechCard", "StandingsPane",
           "StandingsTable", "StatusBar", "Transcript"]
