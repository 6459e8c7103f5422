"""Writing output files whole or not at all."""

from __future__ import annotations

from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """Write to a temporary name beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
