"""Rule packs: the rule files (rules.py), their compiled form (compiled.py) and the per-user
cache of both (cache.py).

Importing the package puts the compiled regular expressions kept in that cache into
`regex`'s own cache first, so that the modules imported after it find their patterns
compiled (cache.preload_patterns); extractor.finding imports it for that reason too.
"""

from .cache import preload_patterns

preload_patterns()
