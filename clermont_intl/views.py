from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .search import MAX_QUERY_LENGTH, search_pages

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Search the section in the language of the URL."""
    query = request.GET.get("q", "")[: MAX_QUERY_LENGTH * 2].strip()
    results = search_pages(query, get_language())
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "clermont_intl/search.html", {"query": query, "results": page})


def healthz(request):
    """Liveness for the container healthcheck: answers only if the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
