"""The viewer's screens: the tabs live on the app; a debate and the help are pushed over them."""

from .debate import DebateScreen
from .help import HelpScreen

__all__ = ["DebateScreen", "HelpScreen"]
