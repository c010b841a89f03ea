"""The write side: commands become events in Siang's append-only log."""
