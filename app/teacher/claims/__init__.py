"""The claim map: pairs of passages, one from each source, and how they relate."""
