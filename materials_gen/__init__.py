"""materials-gen: one body of training content, every audience's materials, one command."""

__version__ = "0.1.0"
