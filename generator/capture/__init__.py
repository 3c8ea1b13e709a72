"""`clausebook sources`: new versions of documents captured into their archives."""
