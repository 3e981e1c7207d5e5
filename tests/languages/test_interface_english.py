"""The French admin's walk (tests/browser/test_french_admin.py) tells English from French by the
catalogues: what it flags, and what it leaves alone."""

import pytest

from tests.browser.interface_english import english_texts


@pytest.mark.parametrize(
    "text",
    [
        "Save draft",  # Wagtail's catalogue
        "Page 'Lyon' has been updated.",  # a message with its placeholder filled
        "Les modifications sont enregistrées. Page 'Lyon' has been updated.",  # one sentence
        "Assignee",  # the project's catalogue, capitalised as the admin shows a verbose name
        "This slug is already in use",  # wagtail-modeltranslation, which ships no catalogue
        "Form page",  # a property's name, shown where it has no label
    ],
)
def test_english_is_found(text):
    assert english_texts().find(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Enregistrer le brouillon",
        "La page « Lyon » a été mise à jour.",
        "Date",  # the same word in both languages
        "Collection",
        "Clermont-Ferrand",  # content: in no catalogue
        "Oviedo",
    ],
)
def test_french_and_content_are_left_alone(text):
    assert english_texts().find(text) is None, text


def test_a_language_in_its_own_name_is_a_choice_not_english():
    assert english_texts().find("English", choice=True) is None
    assert english_texts().find("English")
