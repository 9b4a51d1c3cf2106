"""arnews: who is talked about, how open and closed models are judged, and when things
happened, read from Arabic news text itself."""

__version__ = "0.1.0"
