"""One exception hierarchy: every error arnews raises on purpose is an ArnewsError."""

import pytest

from arnews import errors


@pytest.mark.parametrize("name", [n for n in errors.__all__ if n != "ArnewsError"])
def test_errors_share_one_base(name):
    assert issubclass(getattr(errors, name), errors.ArnewsError)


def test_errors_are_the_ones_modules_raise():
    from arnews import corpus, mentions, params, report, stance

    assert params.ParameterError is report.ParameterError is errors.ParameterError
    assert mentions.GazetteerError is errors.GazetteerError
    assert stance.LexiconError is errors.LexiconError
    assert corpus.SkipFile is errors.SkipFile
    assert report.NotebookFailed is errors.NotebookFailed
