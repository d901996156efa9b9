"""The poverty topic: its declaration, builders and texts."""
