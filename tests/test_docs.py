"""The README's commands are the ones CI runs."""

import re

from tests.conftest import ROOT


def test_ci_runs_the_readme_test_command_exactly():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines(), test_command


def test_the_readme_main_command_makes_a_virtual_environment():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    main = next(b for b in re.findall(r"```bash\n(.*?)\n```", readme, re.S) if "kg build" in b)
    assert main.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
