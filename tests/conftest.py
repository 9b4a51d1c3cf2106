"""Shared fixtures: the seed corpus and its gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """Gold annotations by article id (the seed file stem)."""
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def seed_corpus():
    from arnews.corpus import load_corpus

    return load_corpus(SEEDS)
