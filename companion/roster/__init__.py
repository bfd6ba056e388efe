"""Pupil and staff rosters: reading MIS exports."""
