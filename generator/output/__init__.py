"""Writing to disk: the marked staging folder, the atomic swap, updates, scratch folders."""
