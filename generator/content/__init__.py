"""``content/`` into the site model: one reader per kind, listed in a KINDS table.

- ``model``: the site model (Site, Artist, Series, Work, Place), frozen dataclasses; what is
  published (``Site.published``: no drafts) is decided there, once.
- ``markdown``: the Markdown renderer (one per build), trusting or sanitising HTML.
- ``kinds``: the KINDS table: per kind its folder, keys, reader, order, images, parts, owner.
- ``artists``, ``series``: the reader of each kind (front-matter and body → model item).
- ``reading``: what every reader shares: the disk seen once per load, slugs, image paths,
  the body rendered.
- ``loader``: ``load_site``: every file of every kind read (in parallel when many, again only
  when changed), checked across files, ordered into a Site.
"""
