"""Our word keys (:func:`arnews.stance.words.word_keys`) against the Snowball Arabic stemmer
for matching the stance lexicon's one-word entries.

Recall: the development set's gold cues containing a lexicon word; noise: lexicon words found in
the training set's control articles (no stance at all). Needs ``pip install PyStemmer`` (not a
dependency: it measured worse). Usage: ``python -m benchmarks.stemmer_compare``.
"""

from __future__ import annotations

import json
from pathlib import Path

from arnews.normalize import match_key_ar
from arnews.stance import load_lexicon
from arnews.stance.words import word_keys
from arnews.tokens import WORD_RE

ROOT = Path(__file__).resolve().parent.parent


def _golds(folder: str) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / folder).glob("*.json"))]


def main() -> None:
    import Stemmer

    snowball = Stemmer.Stemmer("arabic")
    single = [e for e in load_lexicon().cues if len(e.keys) == 1]
    ours = set().union(*(e.keys[0] for e in single))
    stems = {snowball.stemWord(match_key_ar(e.term)) for e in single}
    matchers = {
        "our word keys": lambda w: bool(word_keys(w) & ours),
        "Snowball (PyStemmer)": lambda w: snowball.stemWord(w) in stems,
    }
    cues = [s["cue"] for d in _golds("tests/devset/gold") for s in d["stance"]]
    controls = [s["text"] for d in _golds("tests/train/gold") if not d["stance"]
                for s in d["sentences"]]  # fmt: skip
    n_words = sum(len(WORD_RE.findall(match_key_ar(t))) for t in controls)
    for name, hit in matchers.items():
        found = sum(any(map(hit, WORD_RE.findall(match_key_ar(c)))) for c in cues)
        noise = sum(sum(map(hit, WORD_RE.findall(match_key_ar(t)))) for t in controls)
        print(f"{name:<22} gold cues with a lexicon word {found}/{len(cues)} "
              f"({found / len(cues):.3f}); in control articles {noise}/{n_words} words "
              f"({noise / n_words:.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
