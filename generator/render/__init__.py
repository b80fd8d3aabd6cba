"""Jinja: the environment, its isolated speed-ups, and rendering planned pages into bytes."""
