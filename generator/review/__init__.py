"""Pull-request review: which paths a change touches, what it changes."""
