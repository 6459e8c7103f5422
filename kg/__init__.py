"""statekg: a knowledge graph of relations between states, built from news articles.

The Python API: `kg.open_store(location)`, then `kg.api` (ingest, add_facts, stats, ...).
"""

__version__ = "0.2.0"


def __getattr__(name: str):
    # imported lazily: `import kg` stays cheap and free of import cycles
    if name == "open_store":
        from kg.store import open_store

        return open_store
    if name == "query":
        from kg.views import query

        return query
    if name == "to_networkx":
        from kg.export import to_networkx

        return to_networkx
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
