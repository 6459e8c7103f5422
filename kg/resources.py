"""Where the data files (the ontology, the queries) live.

In the repository they sit beside the package (`ontology/`, `queries/`), where people edit them as
knowledge, and a checkout or an editable install reads them there. A wheel carries them inside the
package (`kg/_ontology`, `kg/_queries`; see pyproject.toml), so an installed statekg finds them
wherever it runs. STATEKG_HOME (a directory holding `ontology/` and `queries/`) overrides both.
"""

import os
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import StateKGError


@cache
def _dirs() -> tuple[Path, Path]:
    override = os.environ.get("STATEKG_HOME")
    if override:
        home = Path(override)
        if not (home / "ontology").is_dir() or not (home / "queries").is_dir():
            raise StateKGError(f"STATEKG_HOME={home} holds no ontology/ and queries/ directories")
        return home / "ontology", home / "queries"
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "ontology" / "statekg.ttl").is_file() and (checkout / "queries").is_dir():
        return checkout / "ontology", checkout / "queries"
    packaged = Path(str(resources.files("kg")))
    if (packaged / "_ontology" / "statekg.ttl").is_file():
        return packaged / "_ontology", packaged / "_queries"
    raise StateKGError(
        f"statekg's data files are missing: neither {checkout}/ontology nor {packaged}/_ontology exists "
        "(reinstall statekg, or set STATEKG_HOME to a checkout)"
    )


def ontology_dir() -> Path:
    return _dirs()[0]


def queries_dir() -> Path:
    return _dirs()[1]
