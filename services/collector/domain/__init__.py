"""Siang's domain: aggregates and events, with no I/O and no framework."""
