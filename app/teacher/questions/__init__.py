"""The question bank as teachers see it: browse, preview, edit with history, import and export."""
