"""Figures, units and derived numbers: the facts view, exact unit conversion and formatting, derived figures, display frames."""
