"""A fixed-window rate limit in the cache, for requests that send e-mail or cost work.

Keys are hashed, so no address or e-mail is kept in the cache in the clear. With Redis the
count is shared by every web process; with the local-memory cache each process counts on
its own (see docs/deploy.md).
"""

import hashlib

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request for ``key`` in ``scope``; False once ``limit`` is passed."""
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()
    cache_key = f"equalcity:throttle:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit
