"""The site's URLs plus one that fails, to see the 500 page as a visitor would."""

from django.urls import path

from clermont_intl.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
