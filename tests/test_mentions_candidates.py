"""Names seen but not in the gazetteer, and the way from a candidate to a counted company."""

import pandas as pd
import pytest

from arnews.mentions import (
    CANDIDATES,
    company_kind_counts,
    find_candidates,
    find_mentions,
    load_gazetteer,
)
from arnews.tokens import sentences_table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a", "b"],
        "text": [
            "أعلنت شركة نوفاريس عن نموذج جديد اسمه Qamar-7B. وقالت نوفاريس إن OpenAI تأخرت.",
            "تعاونت نوفاريس مع Zentra Labs لتطوير نموذج مفتوح عبر API.",
        ],
    }
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _candidates(gaz) -> pd.DataFrame:
    sentences = sentences_table(ARTICLES)
    return find_candidates(ARTICLES, sentences, find_mentions(ARTICLES, sentences, gaz))


def test_find_candidates_latin_and_cue_names(gaz):
    found = _candidates(gaz)
    assert tuple(found.columns) == CANDIDATES
    rows = {s: (e, n, a) for s, e, n, a in found[["surface", "evidence", "count", "articles"]]
            .itertuples(index=False)}  # fmt: skip
    assert rows["نوفاريس"] == ("شركه", 1, 1)  # only after شركة is it evidence of a name
    assert rows["Qamar-7B"] == ("latin", 1, 1)
    assert rows["Zentra Labs"] == ("latin", 1, 1)
    # Known names, terms and frequent words are not candidates.
    assert not {"OpenAI", "API", "جديد", "مفتوح"} & set(rows)


def test_find_candidates_example_sentence(gaz):
    row = _candidates(gaz).set_index("surface").loc["Zentra Labs"]
    assert row["article_id"] == "b" and "Zentra Labs" in row["sentence"]


def test_candidate_becomes_counted_company_with_one_line_of_extra_gazetteer(gaz, tmp_path):
    assert "نوفاريس" in set(_candidates(gaz)["surface"])
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Novaris, kind: company, aliases: [نوفاريس]}\n", "utf-8")
    mine = load_gazetteer(extra)
    sentences = sentences_table(ARTICLES)
    mentions = find_mentions(ARTICLES, sentences, mine)
    counts = company_kind_counts(mentions)
    assert counts.set_index("company").loc["Novaris", "total"] == 3
    assert "نوفاريس" not in set(find_candidates(ARTICLES, sentences, mentions)["surface"])


def test_find_candidates_empty():
    empty = pd.DataFrame({"article_id": [], "text": []})
    mentions = pd.DataFrame(columns=["article_id", "sentence_id", "start", "end"])
    found = find_candidates(empty, sentences_table(empty), mentions)
    assert found.empty and tuple(found.columns) == CANDIDATES
