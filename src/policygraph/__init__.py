"""policygraph: a knowledge graph of Chinese government policy work plans."""

__version__ = "0.1.0"

__all__ = ["__version__"]
