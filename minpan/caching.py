"""`Cache-Control: no-store` on every page except the few that anyone may read.

Pages with personal data (the desk, the admin, the inbox, a writer's own case, the receipt,
file downloads) must not stay in a shared computer's browser cache or a proxy's. Listing the
public pages rather than the private ones means a page added later is private until someone
decides otherwise. Static files are answered by WhiteNoise above this middleware.
"""
from __future__ import annotations

from django.utils.cache import add_never_cache_headers

# (namespace, url name) of the pages published to everyone.
PUBLIC_PAGES = frozenset({
    ("portal", "home"),
    ("portal", "answers"),
    ("portal", "answer"),
    ("portal", "refusals"),
    ("portal", "statistics"),
})


def is_public(request) -> bool:
    match = request.resolver_match
    return match is not None and (match.namespace, match.url_name) in PUBLIC_PAGES


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_public(request):
            # Adds no-store to whatever the view set (a download's "private, no-store" stays).
            add_never_cache_headers(response)
        return response
