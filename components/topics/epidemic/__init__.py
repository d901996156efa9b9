"""The epidemic topic: its declaration, builders and texts."""
