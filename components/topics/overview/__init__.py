"""The overview topic: its declaration, builders and texts."""
