from django import template

from clermont_intl.editorial.constants import TranslationStatus

register = template.Library()

STATUS_CLASSES = {
    TranslationStatus.COMPLETE: "w-status--primary",
    TranslationStatus.MISSING: "w-status--label",
    TranslationStatus.OUTDATED: "w-status--label",
    TranslationStatus.DRAFT: "w-status--label",
    TranslationStatus.IN_MODERATION: "w-status--label",
    TranslationStatus.SENT_BACK: "w-status--label",
}


@register.simple_tag
def group_status(row, group):
    status = row.states.get(group.value)
    return TranslationStatus(status) if status else None


@register.simple_tag
def status_class(status):
    return STATUS_CLASSES.get(status, "")
