"""Stage 6, the site engine: MkDocs (and its successor) build build/docs; thin adapters."""
