"""Writing to disk: the staging folder and its atomic swap (writer), pages written in batches
(batch), in-place updates all or nothing (update), safe paths and pruning (folders), and
scratch folders (scratch)."""
