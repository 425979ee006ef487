"""The Textual tournament viewer (a view over the engine's events and store)."""
