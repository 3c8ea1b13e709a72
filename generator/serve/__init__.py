"""`clausebook serve`: the live preview's session and file watching."""
