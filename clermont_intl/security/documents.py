"""Document uploads: the admin's form, one clear message for a file over the size limit."""

from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

    A file over ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` is dropped by the form field; Wagtail's model
    ``clean()`` would then check the extension of that missing file and add "file extension “” is
    not allowed" under the size message. The form is invalid already: the model is not checked.
    """

    def _post_clean(self):
        if self.has_error("file", "file_too_large"):
            return
        super()._post_clean()
