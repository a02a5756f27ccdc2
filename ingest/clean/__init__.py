"""Pure cleaning: bytes and a file name in, clean articles out. No I/O, no database."""

from ingest.clean.article import Article, Removal
from ingest.clean.options import CleanOptions
from ingest.clean.pipeline import clean, clean_records

__all__ = ["Article", "CleanOptions", "Removal", "clean", "clean_records"]
