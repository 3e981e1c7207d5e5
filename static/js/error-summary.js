/*
 * A refused form's summary of errors (templates/includes/protected_form.html, data-error-summary)
 * takes the focus when the page loads: a screen reader reads it at once, and the keyboard goes on
 * from it to the fields rather than from the top of the page. Its links move the focus to the
 * field to correct, with the field's label or legend in view (a plain link to the input would
 * scroll the label out of sight and leave the focus behind). Without JavaScript the summary is
 * there all the same, first in the form, and its links lead to the fields.
 */
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();

  const labelOf = (input) => {
    const legend = input.closest("fieldset")?.querySelector("legend");
    return legend || document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  };

  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const input = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!input) return;
    event.preventDefault();
    (labelOf(input) || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
