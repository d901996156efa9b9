"""The sources topic: its declaration, builders and texts."""
