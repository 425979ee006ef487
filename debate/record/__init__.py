"""The record layer: typed events, the SQLite store (event log and call cache), the call record,
and the fold of events into a league's state (resume, export and the viewer share it)."""
