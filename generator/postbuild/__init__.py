"""Stage 7, post-build: the built site → compacted, indexed, verified, published."""
