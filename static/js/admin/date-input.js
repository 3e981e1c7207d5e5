/*
 * The admin's date, time and date-time fields keep what the editor typed. Wagtail's picker
 * (jquery.datetimepicker, loaded by every admin page before this file) replaces, by default, a
 * value it cannot read with the current date and time when the field loses focus: a date typed
 * in another form than the picker's would be saved as "now" without a word. Switched off, the
 * typed value goes to the server, which accepts it (15/01/2027 18:30, or 2027-01-15 18:30) or
 * refuses it with an error under the field, the rest of the form kept.
 * Loaded by the insert_global_admin_js hook (clermont_intl/wagtail_hooks.py).
 */
(() => {
  const picker = window.jQuery && window.jQuery.fn.datetimepicker;
  if (picker && picker.defaults) {
    picker.defaults.validateOnBlur = false;
  }
})();
