"""Rehash every translation state once with scheme 3 (fields in the model's declared order).

Scheme 2 hashed the fields in the order of a set, which differs from one process to another:
a state written by one process looked changed in both languages to the next. The hashes are
recomputed from each page's latest revision (the content they describe), keeping the change
times; an outdated group gets its French "before" from the revision of the time its English was
last written. Pages with no revision are rehashed at their next revision (record() does it for
any state of an older scheme).

This reads the pages' content through the current code (a StreamField's blocks are only known
to the real model's field, not to a historical one): it runs only while that code computes
scheme 3, and a later scheme brings its own migration.
"""

from django.apps import apps as real_apps
from django.db import migrations


def rehash_states(apps, schema_editor):
    from clermont_intl.editorial import translation_state

    if translation_state.SCHEME != 3:
        return
    TranslationState = apps.get_model("editorial", "TranslationState")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    by_page = {}
    for state in TranslationState.objects.exclude(scheme=3).order_by("page_id", "field_group"):
        by_page.setdefault(state.page_id, []).append(state)
    for page_id, states in by_page.items():
        revision = (
            Revision.objects.filter(base_content_type=page_type, object_id=str(page_id))
            .order_by("-created_at", "-pk")
            .first()
        )
        if revision is None:
            continue
        content_type = ContentType.objects.get(pk=revision.content_type_id)
        try:
            model = real_apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        translation_state.rehash(page_id, model, revision.content, states)


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0006_translation_units"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rehash_states, migrations.RunPython.noop)]
