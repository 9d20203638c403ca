"""A teacher's own sources: upload, read, and generate grounded draft questions from them."""
