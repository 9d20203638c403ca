"""Importing GIFT and CSV files into draft questions: preview first, then all of a file or nothing."""
