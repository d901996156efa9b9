"""The trade topic: its declaration, builders and texts."""
