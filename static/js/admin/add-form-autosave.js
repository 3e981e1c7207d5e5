/*
 * No autosave on an add form. Wagtail's autosave (the w-autosave controller of the page and
 * snippet forms) would create the page as soon as its title is typed: an editor who leaves the
 * form half filled leaves a draft behind, and starting again fails on that draft's slug. The
 * controller announces each save with a cancellable "w-autosave:save" event: on an add form it
 * is cancelled, before the autosave indicator hears of it. Autosave works as usual once the
 * page has been saved ("Enregistrer le brouillon", "Publier"), on its edit form.
 * The server refuses such saves too (clermont_intl/wagtail_hooks.py, before_create_page).
 * Loaded by the insert_editor_js hook.
 */
(() => {
  const isAddForm = (form) =>
    form instanceof HTMLFormElement &&
    /\/add\//.test(new URL(form.action, window.location.href).pathname);

  document.addEventListener(
    "w-autosave:save",
    (event) => {
      if (isAddForm(event.target)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
})();
