"""What makes rebuilds small: the build record, fingerprints, and the memos page builders obey."""
