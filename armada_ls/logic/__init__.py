"""The annotation language: parse `//@` groups, place and resolve them against a package.

`annotate(pkg)` is the entry point; `parser.parse_text`/`parse_expr` parse loose text (tests,
hover) and `pretty.show` prints trees back. The syntax is documented in docs/annotations.md.
"""

from .annotate import annotate

__all__ = ["annotate"]
