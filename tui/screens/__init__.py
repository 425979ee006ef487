"""The viewer's screens: the tabs live on the app; a debate, the help and a person's judging
(the queue, one debate) are pushed over them."""

from .debate import DebateScreen
from .help import HelpScreen
from .judge import JudgeScreen
from .judge_queue import JudgeQueueScreen

__all__ = ["DebateScreen", "HelpScreen", "JudgeQueueScreen", "JudgeScreen"]
