"""ingest: a boilerplate-stripping news-article ingest service.

Data flows one way: file -> document -> clean article -> dedup -> store.
"""

__version__ = "0.1.0"
