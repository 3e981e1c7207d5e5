/*
 * After a save with errors, the editor sees every error. wagtail-modeltranslation's language
 * toggles ("Afficher / modifier les champs en" fr, en) hide the fields of the languages not chosen;
 * the choice is kept from one page load to the next (WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE),
 * and a language whose fields hold an error is shown too, as a click on its toggle would.
 * Loaded by the insert_editor_js hook, after the toggles' own script: jQuery runs its ready
 * functions in order, so the toggles exist here.
 */
window.jQuery(() => {
  const languages = (window.wagtailModelTranslations || {}).languages || [];
  const languageOfPanel = new RegExp(` \\[(${languages.join("|")})\\]`);
  const erroneous = new Set();
  document.querySelectorAll(".l10n-hidden").forEach((panel) => {
    const match = languageOfPanel.exec(panel.textContent);
    if (match && panel.querySelector(".error-message, [aria-invalid='true']")) {
      erroneous.add(match[1]);
    }
  });
  document.querySelectorAll("button.locale-toggle").forEach((toggle) => {
    const language = toggle.textContent.trim();
    if (erroneous.has(language) && !toggle.classList.contains("showing-locale")) {
      toggle.click();
    }
  });
});
