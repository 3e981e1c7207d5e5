"""Template helpers of the partner cities' pages."""

from django import template

from clermont_intl.flags import flag_url as country_flag_url

register = template.Library()


@register.filter
def flag_url(country):
    """The URL of a country's flag (a django-countries Country or an ISO code), "" if none."""
    return country_flag_url(getattr(country, "code", country))
