"""Uploads through the admin: only real images within limits, only allow-listed documents, and
documents served as attachments that a browser will never run on the site's domain."""

import io
import os

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db

SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


def png_bytes(size, mode="RGB", noise=False):
    if noise:
        image = PILImage.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))
    else:
        image = PILImage.new(mode, size)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def upload_image(client, name, content):
    file = ContentFile(content, name=name)
    return client.post(reverse("wagtailimages:add"), {"title": name, "file": file})


def upload_document(client, name, content):
    file = ContentFile(content, name=name)
    return client.post(reverse("wagtaildocs:add"), {"title": name, "file": file})


def form_errors(response):
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_a_small_png_is_accepted(admin_client):
    count = get_image_model().objects.count()
    response = upload_image(admin_client, "drapeau.png", png_bytes((40, 30)))
    assert response.status_code == 302
    assert get_image_model().objects.count() == count + 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("logo.svg", SVG),
        # An SVG renamed to a permitted extension is not an image either.
        ("logo.png", SVG),
    ],
)
def test_svg_is_refused(admin_client, name, content):
    count = get_image_model().objects.count()
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert form_errors(response)
    assert get_image_model().objects.count() == count


def test_an_image_too_large_in_bytes_is_refused(admin_client, settings):
    # Random pixels do not compress: this PNG is over the 10 MB limit.
    content = png_bytes((1900, 1900), noise=True)
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    count = get_image_model().objects.count()
    response = upload_image(admin_client, "enorme.png", content)
    assert response.status_code == 200
    assert "10" in form_errors(response)
    assert get_image_model().objects.count() == count


def test_a_decompression_bomb_is_refused(admin_client, settings):
    # A few kilobytes on disk, 100 million pixels once opened.
    content = png_bytes((10_000, 10_000), mode="1")
    assert len(content) < 100_000
    assert 10_000 * 10_000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    count = get_image_model().objects.count()
    response = upload_image(admin_client, "bombe.png", content)
    assert response.status_code == 200
    assert form_errors(response)
    assert get_image_model().objects.count() == count


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("page.htm", b"<html><script>alert(1)</script></html>"),
        ("image.svg", SVG),
        ("script.js", b"alert(1)"),
        ("programme.exe", b"MZ\x90\x00"),
    ],
)
def test_documents_outside_the_allow_list_are_refused(admin_client, name, content):
    count = get_document_model().objects.count()
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert form_errors(response)
    assert get_document_model().objects.count() == count


def test_a_document_over_the_size_limit_is_refused_with_a_clear_message(admin_client, settings):
    """Refused by the application itself, not only by the front server's body limit."""
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    content = b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    count = get_document_model().objects.count()
    response = upload_document(admin_client, "rapport-annuel.txt", content)
    assert response.status_code == 200
    assert "La taille de fichier maximale est de 20,0" in form_errors(response)
    # One message, not a second one about the extension of the refused (dropped) file.
    assert "extension" not in form_errors(response)
    assert get_document_model().objects.count() == count
    # Just under the limit is accepted.
    response = upload_document(admin_client, "rapport.txt", b"x" * (20 * 1024 * 1024 - 1))
    assert response.status_code == 302
    assert get_document_model().objects.count() == count + 1


def test_a_served_pdf_is_an_attachment_with_a_restrictive_policy(admin_client, client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = upload_document(admin_client, "programme-urbact.pdf", pdf)
    assert response.status_code == 302
    document = get_document_model().objects.get(title="programme-urbact.pdf")
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == pdf


def test_a_text_document_is_not_rendered_inline_either(admin_client, client):
    response = upload_document(admin_client, "notes.txt", b"<script>alert(1)</script>")
    assert response.status_code == 302
    document = get_document_model().objects.get(title="notes.txt")
    served = client.get(document.url)
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
