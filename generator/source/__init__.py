"""Reading project files, below every stage that reads them (config, content, media).

- ``confine``: one rule for every file a build reads: followed through its links, it is in
  the project.
- ``marks``: where a value stands in a file (line, column), for located errors.
- ``frontmatter``: a content file split into YAML front-matter and a Markdown body; YAML
  documents (``site.yaml``) with marks, PyYAML bounded against alias bombs.
- ``quickyaml``: the fast YAML subset most front-matter is read with (a speed trick:
  measured, self-checked, falls back to PyYAML).
- ``fields``: typed fields out of parsed YAML, collecting located errors.
- ``slugs``: slugs made from names, and which slugs are valid URL segments.
- ``imagefile``: what counts as a source image, and the title and caption one carries.
"""
