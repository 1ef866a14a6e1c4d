"""Shared fixtures: where the third-party corpora live (``../shared``), and a skip
with a clear message where they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "article.txt"
ANT = SHARED / "corpus" / "ant"
SAUDI = SHARED / "corpus" / "saudinewsnet"


def need(path: Path) -> Path:
    """Skip the test where a third-party file or folder is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


@pytest.fixture
def seed_bytes() -> bytes:
    return need(SEED).read_bytes()
