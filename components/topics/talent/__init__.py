"""The talent topic: its declaration, builders and texts."""
