"""Shared fixtures: the repository's paths and a CLI runner with a fixed clock."""

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "tass-2021-08-23-russia-myanmar-fomin-maung-aye.txt"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Extraction records when it ran; tests pin that time so output is comparable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
