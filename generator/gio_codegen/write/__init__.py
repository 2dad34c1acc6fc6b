"""Stage 4: put a rendered tree in place atomically, with a manifest of what made it."""
