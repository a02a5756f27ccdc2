"""Wiring: import, watcher, workers and HTTP API. No business rules live here."""
