"""What an author runs while writing: the preview and its live reload, check, and scaffolding."""
