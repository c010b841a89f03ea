"""One controller per resource of the `/v1` API."""
