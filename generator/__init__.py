"""showcase: a static site generator for artist showcases."""

from __future__ import annotations

__version__ = "0.1.0"

from generator.build import BuildReport, build
from generator.errors import SiteError

__all__ = ["BuildReport", "SiteError", "__version__", "build"]
