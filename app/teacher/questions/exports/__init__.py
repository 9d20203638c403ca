"""Exporting the bank as the database holds it, in the formats of the export registry."""
