"""Siang: the collector (write side) and the projections (read side)."""
