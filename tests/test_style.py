"""The code is ruff clean (lint and format), as the developers' guide asks."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "kg", "tests", "ontology", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
