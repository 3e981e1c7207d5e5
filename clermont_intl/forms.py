"""What every public form of the site shares: protections against robots that never refuse a
person, fields that browsers can fill in, errors that can be found, and nothing lost.

A honeypot field that people never see, a signed timestamp proving the form was displayed by the
site, and a per-address rate limit (ProtectedFormMixin.serve). There is no minimum filling time:
a person whose browser fills in the form (autocomplete, below) may send it within a second, and
must never be taken for a robot. An accepted submission is stored first; the e-mail to the
service follows and is retried when the mail server refuses it
(clermont_intl.submissions.models).

Used by the project support request form (projects.ProjectSupportFormPage), the contact page
(clermont_intl.ContactFormPage) and the exhibitions' loan requests (cied.forms.LoanRequestForm).
The template of all three is includes/protected_form.html.
"""

import re
import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from modeltranslation.utils import build_localized_fieldname

from .previews import LanguagePreviewMixin
from .security.login import client_ip
from .security.rate_limits import support_form_limit

HONEYPOT_FIELD = "website_url"
TIMESTAMP_FIELD = "form_started"
# Unchanged since the support form had it alone: forms displayed before an upgrade stay valid.
TIMESTAMP_SALT = "projects.support-form.started"
# A form displayed longer ago than this is stale: show it again rather than accept it.
TIMESTAMP_MAX_AGE = 24 * 3600


def sign_start_time(when=None):
    return signing.dumps(when if when is not None else time.time(), salt=TIMESTAMP_SALT)


class SpamProtectedForm(BaseForm):
    """Base of the form built from the editors' fields, with the two robot traps added."""

    expired_message = _("The form has expired. Please check it and send it again.")
    refused_message = _("The request could not be accepted.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=sign_start_time
        )

    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        # The honeypot is rendered apart, in a hidden block (see includes/protected_form.html).
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.refused_message, code="honeypot")
        try:
            started = signing.loads(
                self.data.get(TIMESTAMP_FIELD, ""), salt=TIMESTAMP_SALT, max_age=TIMESTAMP_MAX_AGE
            )
            age = time.time() - float(started)
            if not -60 < age < TIMESTAMP_MAX_AGE:  # signed, but not by a form displayed today
                raise ValueError(age)
        except (signing.BadSignature, TypeError, ValueError):
            # Shown again with a fresh timestamp, so that the next attempt can succeed.
            self.data = self.data.copy()
            self.data[TIMESTAMP_FIELD] = sign_start_time()
            raise forms.ValidationError(self.expired_message, code="timestamp") from None
        # Accepted however young the timestamp: a browser's autofill sends a form within a
        # second. The traps are not part of the request: they are not stored.
        cleaned_data.pop(HONEYPOT_FIELD, None)
        cleaned_data.pop(TIMESTAMP_FIELD, None)
        return cleaned_data

    def error_summary(self):
        """What the refused form's summary lists, top of the form (includes/protected_form.html):
        (anchor, label, message) per error, the anchor being the id of the input to correct
        (None for an error of the whole form)."""
        summary = [(None, None, message) for message in self.non_field_errors()]
        for field in self.visible_fields():
            summary.extend((error_anchor(field), field.label, message) for message in field.errors)
        # A hidden field has nothing to link to: its error is said, not linked.
        for field in self.hidden_fields():
            summary.extend((None, None, message) for message in field.errors)
        return summary

    def kept_values(self, data, files=None):
        """The visitor's entries in ``data``, as initial values of an unbound form: a request
        refused before it is read (the rate limit) shows the form again with them, never empty.
        The traps are left out: a fresh timestamp, an empty honeypot."""
        return {
            name: field.widget.value_from_datadict(data, files or {}, self.add_prefix(name))
            for name, field in self.fields.items()
            if name not in (HONEYPOT_FIELD, TIMESTAMP_FIELD)
        }


def error_anchor(bound_field):
    """The id a summary link points at: the input itself, or the first of a group of checkboxes
    or radio buttons (their fieldset has no id of its own)."""
    if bound_field.use_fieldset:
        subwidgets = bound_field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else bound_field.auto_id
    return bound_field.id_for_label or bound_field.auto_id


# --- Autofill: what each personal field is for (RGAA 11.13, WCAG 1.3.5) ---------------------
#
# The editors build the contact and support forms from Wagtail's generic field types (single
# line, e-mail, multi-line…), which say nothing of what a field asks for. Its purpose is read
# from its words: the field's name (set from its first label, kept when the label changes) and
# its label in every language, accents and case left out ("Téléphone", "Phone number", "Nom de
# l'association" → tel, tel, organization). A purpose is given only when every word of the name
# belongs to it, so that "Nom du projet" or "Pays ou villes partenaires envisagés" get none
# rather than a wrong one: a wrong token would make browsers fill in the wrong value.

# Words that say nothing of the purpose.
FILLER_WORDS = {
    "a", "and", "au", "d", "de", "des", "du", "e", "et", "l", "la", "le", "les", "mon", "ma",
    "my", "of", "or", "ou", "the", "vos", "votre", "your",
}  # fmt: skip

# (autocomplete token, input type or None, words one of which names the purpose, words that may
# come with them). The first purpose that fits wins: "Nom de l'association" is an organisation,
# "Nom de famille" a family name, "Nom et prénom" a full name.
ORGANISATION_WORDS = {
    "organisation", "organization", "organisme", "association", "structure", "entreprise",
    "company", "societe", "collectivite", "etablissement", "institution",
}  # fmt: skip
EMAIL_WORDS = {"email", "mail", "courriel", "electronique", "mel"}
PHONE_WORDS = {"telephone", "tel", "phone", "portable", "mobile"}
NAME_WORDS = {"nom", "name", "personne", "person", "fullname"}
FULL_NAME_EXTRAS = {"prenom", "complet", "full", "contact", "contacter"}
FIELD_PURPOSES = [
    ("email", "email", EMAIL_WORDS, {"adresse", "address"}),
    ("tel", "tel", PHONE_WORDS, {"numero", "number", "n", "no"}),
    ("organization", None, ORGANISATION_WORDS, {"nom", "name"}),
    ("name", None, NAME_WORDS, FULL_NAME_EXTRAS),
    ("given-name", None, {"prenom", "first", "given", "forename"}, {"name"}),
    ("family-name", None, {"famille", "last", "family", "surname"}, {"nom", "name"}),
    ("postal-code", None, {"postal", "postcode", "zip"}, {"code"}),
    ("address-level2", None, {"ville", "commune", "city", "town"}, set()),
    ("street-address", None, {"adresse", "address", "rue", "street"}, {"postale", "postal"}),
    ("country-name", None, {"pays", "country"}, set()),
]  # fmt: skip
KNOWN_WORDS = set().union(*(keys | extras for _token, _type, keys, extras in FIELD_PURPOSES))

# The field types that can hold each purpose: a postal address may span several lines; a
# choice, a date or a number is never filled in from the visitor's personal details.
PURPOSE_FIELD_TYPES = {"singleline", "email"}
MULTILINE_PURPOSES = {"street-address"}


def significant_words(text):
    """The words of a field's name or label, without accents, case or filler words; an elided
    article is cut off ("lassociation", from the name of "l'association", → "association")."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    words = set()
    for word in re.findall(r"[a-z0-9]+", plain.lower().replace("e-mail", "email")):
        if word not in KNOWN_WORDS and word[:1] in ("l", "d") and word[1:] in KNOWN_WORDS:
            word = word[1:]
        words.add(word)
    return words - FILLER_WORDS


def purpose_of_words(words):
    """(autocomplete token, input type or None) of a set of words, or None."""
    for token, input_type, keys, extras in FIELD_PURPOSES:
        if words & keys and words <= keys | extras:
            return token, input_type
    return None


def field_purpose(form_field):
    """(autocomplete token, input type or None) of an editor's form field, or None."""
    if form_field.field_type not in PURPOSE_FIELD_TYPES | {"multiline"}:
        return None
    if form_field.field_type == "email":
        return "email", None  # already an e-mail input
    names = [form_field.clean_name or form_field.get_field_clean_name(), form_field.label]
    names += [
        getattr(form_field, build_localized_fieldname("label", code), "")
        for code, _name in settings.LANGUAGES
    ]
    for name in names:
        purpose = purpose_of_words(significant_words(name))
        if purpose is None:
            continue
        if form_field.field_type == "multiline" and purpose[0] not in MULTILINE_PURPOSES:
            return None
        return purpose
    return None


def declare_purpose(widget, token, input_type=None):
    """The widget, telling browsers what to fill it with (and which keyboard to show)."""
    widget.attrs["autocomplete"] = token
    if input_type and isinstance(widget, forms.TextInput):
        widget.input_type = input_type
    return widget


# The longest answer each kind of editor-built field accepts, enforced by the server (the
# browser's maxlength only helps): a message is a few paragraphs, a name or a line is short. A
# megabyte pasted into a form is refused with the field's error, and nothing is stored or sent.
SINGLE_LINE_MAX_LENGTH = 200
MULTI_LINE_MAX_LENGTH = 5000
EMAIL_MAX_LENGTH = 254  # RFC 5321's longest address
URL_MAX_LENGTH = 2000


class SpamProtectedFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return super().create_url_field(field, options)

    @property
    def formfields(self):
        formfields = super().formfields
        for form_field in self.fields:
            purpose = field_purpose(form_field)
            name = form_field.clean_name or form_field.get_field_clean_name()
            if purpose and name in formfields:
                declare_purpose(formfields[name].widget, *purpose)
        return formfields

    def get_form_class(self):
        return type("ProtectedForm", (SpamProtectedForm,), self.formfields)


class ProtectedFormMixin(LanguagePreviewMixin):
    """Mixed into a Wagtail AbstractEmailForm page: robot traps, rate limit, store then notify;
    the form and its landing page previewed in each language (before AbstractForm's modes).

    The submissions are listed, and exported, by the admin's Forms menu.
    """

    form_builder = SpamProtectedFormBuilder

    @property
    def teaser_text(self):
        return self.intro or self.search_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The notice above the submit button states the period purge_personal_data enforces.
        context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
        return context

    def get_submissions_list_view_class(self):
        from .submissions.views import SafeSubmissionsListView

        return SafeSubmissionsListView

    # --- Rate limit: a few accepted requests per address and hour, counted in the database
    # (clermont_intl.security.rate_limits), which no cache flush or Redis outage resets.

    def _rate_key(self, request):
        return client_ip(request)

    def take_attempt(self, request):
        """Checks and counts one post in one step (Limit.take, under a lock per address):
        concurrent posts from one address never pass the limit together. None once the limit
        is reached."""
        return support_form_limit(self.pk).take(self._rate_key(request))

    def give_back(self, attempt):
        """Uncounts a post that stored nothing (a refused form): the limit counts accepted
        requests."""
        support_form_limit(self.pk).give_back(attempt)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        attempt = self.take_attempt(request)
        if attempt is None:
            context = self.get_context(request)
            form = self.get_form(page=self, user=request.user)
            # Nothing lost: the form comes back with what the visitor typed.
            form.initial = form.kept_values(request.POST, request.FILES)
            context["form"] = form
            context["rate_limited"] = True
            return TemplateResponse(request, self.get_template(request), context, status=429)
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if not context.get("form_submission"):
            self.give_back(attempt)
        return response

    # --- Nothing lost, nobody waits: the request and its e-mails are stored together; the
    # scheduler's `send_queued_mail` sends the e-mails after the answer (clermont_intl.outbox).

    # The form field that holds the sender's e-mail address (its clean name), for the
    # acknowledgement.
    sender_email_field = "email"

    def process_form_submission(self, form):
        from .submissions.models import SubmissionNotification

        with transaction.atomic():
            submission = self.store_submission(form)
            if self.to_address:
                SubmissionNotification.objects.create(submission=submission)
            self.record_follow_up(submission, form)
        return submission

    def store_submission(self, form):
        """The stored submission, in the transaction that queues its e-mails: a page that keeps
        more about a request (cied's loan requests) stores it here too."""
        return self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)

    def record_follow_up(self, submission, form):
        """The service's follow-up of the request, in the language it was sent in, with the
        address its acknowledgement goes to (none if the sender's is not valid)."""
        from .submissions.models import SubmissionFollowUp

        address = str(form.cleaned_data.get(self.sender_email_field) or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            address = ""
        return SubmissionFollowUp.objects.create(
            submission=submission,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            acknowledgement_to=address,
        )

    def render_notification(self, submission):
        """The e-mail body, from the stored submission (the form is gone when a retry runs)."""
        data = submission.get_data()
        lines = []
        for name, label in self.get_data_fields():
            if name == "submit_time":
                continue
            value = data.get(name, "")
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            lines.append(f"{label}: {value}")
        return "\n".join(lines)


# --- Where notifications go: they carry applicants' personal data -----------------------------

# The permission that shows the notification addresses in the editor of every form page (the
# support form, the contact page, the exhibitions' catalogue), a permission of the submissions'
# notifications (clermont_intl.submissions.models); the roles migration grants it to
# communication editors only, superusers have it anyway.
NOTIFICATION_ADDRESS_PERMISSION = "clermont_intl.change_notification_address"


def notification_email_panel(heading=None):
    """The editor's group for a form page's notification e-mail: its addresses shown only to
    those with NOTIFICATION_ADDRESS_PERMISSION, and its subject."""
    return MultiFieldPanel(
        [
            FieldRowPanel(
                [
                    FieldPanel("from_address", permission=NOTIFICATION_ADDRESS_PERMISSION),
                    FieldPanel("to_address", permission=NOTIFICATION_ADDRESS_PERMISSION),
                ]
            ),
            FieldPanel("subject"),
        ],
        heading=heading or _("Notification e-mail"),
    )


def _domain_allowed(domain, allowed):
    return any(domain == name or domain.endswith(f".{name}") for name in allowed)


def validate_notification_addresses(value):
    """Refuses any address outside ``NOTIFICATION_EMAIL_DOMAINS`` (subdomains included)."""
    allowed = [name.lower().strip(".") for name in settings.NOTIFICATION_EMAIL_DOMAINS]
    refused = [
        address
        for address in (part.strip() for part in (value or "").split(","))
        if address and not _domain_allowed(address.rpartition("@")[2].lower(), allowed)
    ]
    if refused:
        raise ValidationError(
            _(
                "Notifications carry applicants' personal data: they can only be sent to "
                "addresses in %(domains)s. Not accepted: %(refused)s."
            ),
            code="notification_domain",
            params={"domains": ", ".join(allowed), "refused": ", ".join(refused)},
        )


class SupportFormPageAdminForm(WagtailAdminFormPageForm):
    """A form page's editor form: its notification address stays in the city's domains.

    Checked here rather than in the page's ``clean()``: the field is only in the form of users
    allowed to change it, and a model error on a field that is not in the form would break the
    editor for everyone else (translators saving the page's text).
    """

    def clean_to_address(self):
        value = self.cleaned_data.get("to_address", "")
        validate_notification_addresses(value)
        return value
