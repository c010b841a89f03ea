"""The HTTP entrypoint: thin Litestar controllers over the collector application."""
