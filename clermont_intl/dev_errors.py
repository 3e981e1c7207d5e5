"""The site's own "page not found" on a developer's machine too.

With DEBUG on (`make run`), Django answers a missing page with its debug page, which lists the
URL patterns: not what a citizen sees in production, nor what a reviewer of the site should see.
"""

from django.http import Http404
from django.views.defaults import page_not_found


class SiteNotFoundMiddleware:
    """Renders templates/404.html for a page that does not exist, whatever DEBUG says.

    Last in MIDDLEWARE, so that it sees the view's Http404 before Django's debug handling.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
