"""Where the project's data files (ontology/, queries/) live.

They are kept beside the package in the repository, not inside it, because people edit them as
knowledge; an editable install (`pip install -e .`) finds them there. STATEKG_HOME overrides.
"""

import os
from functools import cache
from pathlib import Path


@cache
def project_home() -> Path:
    override = os.environ.get("STATEKG_HOME")
    home = Path(override) if override else Path(__file__).resolve().parent.parent
    if not (home / "ontology").is_dir():
        raise RuntimeError(f"statekg data files not found under {home} (set STATEKG_HOME to the repository)")
    return home


def ontology_dir() -> Path:
    return project_home() / "ontology"


def queries_dir() -> Path:
    return project_home() / "queries"
