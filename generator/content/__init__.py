"""content/ into the site model: Markdown, the dataclasses, a reader per kind, the loader."""
