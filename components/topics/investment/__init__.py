"""The investment topic: its declaration, builders and texts."""
