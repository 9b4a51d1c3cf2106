"""The errors arnews raises on purpose, under one base class.

Catch :class:`ArnewsError` to handle any of them; each names the file, line, parameter or
notebook concerned in its message.
"""

from __future__ import annotations

__all__ = [
    "ArnewsError",
    "DataFileError",
    "GazetteerError",
    "LexiconError",
    "NotebookFailed",
    "ParameterError",
    "SkipFile",
]


class ArnewsError(Exception):
    """Base of every error arnews raises on purpose."""


class ParameterError(ArnewsError, ValueError):
    """A notebook or command was given a parameter value it cannot use."""


class DataFileError(ArnewsError, ValueError):
    """A data file (gazetteer, lexicon, vocabulary) is malformed; the message names file and
    line."""


class GazetteerError(DataFileError):
    """A gazetteer file is malformed; the message names the file and the line."""


class LexiconError(DataFileError):
    """A lexicon file is malformed; the message names the file and line."""


class SkipFile(ArnewsError):
    """Raised while reading one input; its message becomes the skipped table's reason."""


class NotebookFailed(ArnewsError, RuntimeError):
    """A notebook failed under papermill; the message names the notebook, cell and error."""
