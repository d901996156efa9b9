"""Shared code for the Heze Development Zone 2020 dashboard: data, formatting, charts and UI pieces."""
