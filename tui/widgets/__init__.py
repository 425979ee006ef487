"""The viewer's widgets, one per module."""

from .ballot_card import BallotCard
from .ballots_panel import BallotsPanel
from .bracket_table import BracketTable
from .filter_bar import FilterBar
from .judges_panel import JudgesPanel
from .keyed_table import KeyedTable
from .notes_log import NotesLog
from .ratings_pane import RatingsPane
from .ratings_plot import RatingsPlot
from .speech_card import SpeechCard
from .standings_pane import StandingsPane
from .standings_table import StandingsTable
from .status_bar import StatusBar
from .transcript import Transcript

__all__ = ["BallotCard", "BallotsPanel", "BracketTable", "FilterBar", "JudgesPanel", "KeyedTable", "NotesLog",
           "RatingsPane", "RatingsPlot", "SpeechCard", "StandingsPane", "StandingsTable", "StatusBar", "Transcript"]
