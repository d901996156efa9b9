"""Topics: one folder per page topic (its declaration, builders, chart builders and texts) and the registry of them."""
