"""Stage 3, model: typed, immutable objects, their indexes and every route."""
