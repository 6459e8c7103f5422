"""statekg: a knowledge graph of relations between states, built from news articles."""

__version__ = "0.1.0"
