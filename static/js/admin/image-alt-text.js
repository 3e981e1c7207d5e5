/*
 * When an editor chooses an image for a page, its description (typed in the image library, one
 * per language) fills the empty alternative text fields next to the chooser, each in its own
 * language: the StreamField image block's "alt_text" (the language of the StreamField, e.g.
 * body_en), the "alt_text_fr" / "alt_text_en" fields of a gallery image, or the
 * "image_alt_text_fr" / "image_alt_text_en" fields of a news item's or history entry's image.
 * The text stays editable; a field the editor has typed in is never overwritten. Loaded by the
 * insert_editor_js hook (clermont_intl/wagtail_hooks.py), without inline script (admin CSP).
 */
(() => {
  const script = document.currentScript;
  const descriptionsUrl = script.dataset.descriptionsUrl; // ends with /0/
  const languages = script.dataset.languages.split(" ");
  const defaultLanguage = script.dataset.defaultLanguage;

  // The language of a translated field's name: "body_en" → "en"; untranslated: the default.
  const languageOfName = (name) => {
    const match = name.match(/_([a-z]{2})$/);
    return match && languages.includes(match[1]) ? match[1] : defaultLanguage;
  };

  // The alternative text inputs that go with an image chooser's hidden input, with the
  // language of each: "…image" goes with "…alt_text_fr" (a gallery image) or with
  // "…image_alt_text_fr" (a news item's or a history entry's image).
  const altTextFields = (imageInput) => {
    const match = imageInput.id.match(/^(.*)image$/);
    if (!match) return [];
    const prefix = match[1];
    const fields = [];
    for (const language of languages) {
      const field =
        document.getElementById(`${prefix}alt_text_${language}`) ||
        document.getElementById(`${imageInput.id}_alt_text_${language}`);
      if (field) fields.push({ field, language });
    }
    const single = document.getElementById(`${prefix}alt_text`);
    if (single) {
      // A StreamField block: "body_en-0-value-image" → the language of "body_en".
      const fieldName = prefix.replace(/^id_/, "").split("-")[0];
      fields.push({ field: single, language: languageOfName(fieldName) });
    }
    return fields;
  };

  const decorative = (imageInput) => {
    const box = document.getElementById(imageInput.id.replace(/image$/, "decorative"));
    return Boolean(box && box.checked);
  };

  const fill = (fields, descriptions) => {
    for (const { field, language } of fields) {
      const text = descriptions[language] || "";
      // Empty, or still the text this script put there for the previous image.
      if (field.value === "" || field.value === field.dataset.suggestedAltText) {
        field.value = text;
        field.dataset.suggestedAltText = text;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  };

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "hidden" || !input.value) return;
    const chooser = document.getElementById(`${input.id}-chooser`);
    if (!chooser || !chooser.querySelector("[data-chooser-image]")) return;
    const fields = altTextFields(input);
    if (!fields.length || decorative(input)) return;
    const url = descriptionsUrl.replace(/\/0\/$/, `/${encodeURIComponent(input.value)}/`);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { descriptions: {} }))
      .then((data) => fill(fields, data.descriptions || {}))
      .catch(() => {});
  });
})();
