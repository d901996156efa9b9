"""Data loading and validation: the data package read by frictionless into typed tables, and typed data problems."""
