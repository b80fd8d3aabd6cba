"""Reading project files: confinement, YAML with line marks, front-matter, typed fields."""
