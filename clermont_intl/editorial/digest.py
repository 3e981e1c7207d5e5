"""The translators' daily digest: the pages whose French changed since their English.

One round (``manage.py send_translation_digest``) sends each translator who has not turned it
off (their account settings) at most one e-mail a day, listing the pages whose French changed
after their English was last written, since the previous digest they received; nothing when
nothing changed. Running the round again the same day sends nothing more.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from wagtail.models import Page
from wagtail.users.models import UserProfile

from .constants import TRANSLATORS_GROUP
from .models import TranslationState, TranslatorPreference


@dataclass
class DigestPage:
    title: str
    changed_at: object
    changes_url: str
    units_url: str


def _changed_pages(since):
    """{page id: latest French change} of pages whose French changed after their English
    (and after ``since``, if given)."""
    states = TranslationState.objects.filter(
        fr_changed_at__gt=F("en_changed_at"), page__depth__gt=1
    )
    if since is not None:
        states = states.filter(fr_changed_at__gt=since)
    changed = defaultdict(lambda: None)
    for page_id, when in states.values_list("page_id", "fr_changed_at"):
        if changed[page_id] is None or when > changed[page_id]:
            changed[page_id] = when
    return dict(changed)


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def digest_pages(since):
    changed = _changed_pages(since)
    titles = dict(Page.objects.filter(pk__in=changed).values_list("pk", "title"))
    pages = [
        DigestPage(
            titles[page_id],
            when,
            _absolute(reverse("editorial_translation_changes", args=[page_id])),
            _absolute(reverse("editorial_translation_units", args=[page_id])),
        )
        for page_id, when in changed.items()
        if page_id in titles
    ]
    return sorted(pages, key=lambda page: page.changed_at, reverse=True)


def translators():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=TRANSLATORS_GROUP)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_digests(now=None):
    """One round: returns the number of e-mails sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for user in translators():
        preference = TranslatorPreference.objects.filter(user=user).first()
        preference = preference or TranslatorPreference(user=user)
        if not preference.daily_digest:
            continue
        last = preference.last_digest_at
        if last is not None and timezone.localdate(last) == today:
            continue  # one a day
        pages = digest_pages(last)
        if not pages:
            continue
        language = UserProfile.get_for_user(user).get_preferred_language() or "fr"
        with translation.override(language):
            subject = ngettext(
                "French changed on %(count)s page since its English",
                "French changed on %(count)s pages since their English",
                len(pages),
            ) % {"count": len(pages)}
            body = render_to_string(
                "editorial/translation_digest_email.txt",
                {
                    "user": user,
                    "pages": pages,
                    "settings_url": _absolute(reverse("wagtailadmin_account")),
                    "status_url": _absolute(reverse("editorial_translation_status")),
                },
            )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        preference.last_digest_at = now
        preference.save()
        sent += 1
    return sent
