"""PostGuard's companion: the local service that checks posts against the school's policy."""

__version__ = "0.1.0"
