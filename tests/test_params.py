from pathlib import Path

import pytest

from arnews.evaluation import load_gold
from arnews.params import ParameterError, check_bool, check_names, check_positive_int


def test_check_bool_accepts_only_booleans():
    assert check_bool("flag", False) is False
    with pytest.raises(ParameterError, match="flag must be True or False, got 'yes'"):
        check_bool("flag", "yes")


def test_check_names_needs_a_list_of_strings():
    assert check_names("subjects", ["OpenAI", "Llama 4"]) == ["OpenAI", "Llama 4"]
    with pytest.raises(ParameterError, match="subjects must be a list of names"):
        check_names("subjects", "OpenAI")


def test_check_positive_int_rejects_bool_and_zero():
    with pytest.raises(ParameterError):
        check_positive_int("top_n", True)
    with pytest.raises(ParameterError):
        check_positive_int("top_n", 0)


def test_load_gold_filters_articles_and_tolerates_a_missing_folder(tmp_path, gold):
    folder = Path(__file__).parent / "gold"
    some = sorted(gold)[:2]
    assert list(load_gold(folder, some)) == some
    assert load_gold(tmp_path / "nope") == {} and load_gold("") == {}
