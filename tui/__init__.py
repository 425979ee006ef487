"""The Textual tournament viewer (a view over the engine's events and store).

`make_app(league=..., db=...)` runs a league live; `make_app(db=...)` opens a results database
and follows it while another process writes it.
"""

from .app import DebateApp, make_app
from .sources import EngineSource, FollowSource, Source
from .viewstate import ViewState

__all__ = ["DebateApp", "EngineSource", "FollowSource", "Source", "ViewState", "make_app"]
