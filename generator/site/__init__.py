"""The site's pages planned from the model: URLs, pages per kind, JSON-LD, assets and host files."""
