"""The `siang` command line."""
