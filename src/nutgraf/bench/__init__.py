"""Benchmarks of nutgraf's stages against public evaluation data (read in place, never copied)."""
