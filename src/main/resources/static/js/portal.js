// Progressive enhancements shared by every page; each page works without them.
(function () {
  'use strict';

  // A form marked data-unsaved-guard asks before the page is left with edits it has not sent.
  document.querySelectorAll('form[data-unsaved-guard]').forEach(function (form) {
    var dirty = false;
    form.addEventListener('input', function () { dirty = true; });
    form.addEventListener('change', function () { dirty = true; });
    form.addEventListener('submit', function (event) { if (!event.defaultPrevented) { dirty = false; } });
    window.addEventListener('beforeunload', function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = form.getAttribute('data-unsaved-message') || '';
        return event.returnValue;
      }
    });
  });

  // A button or form marked data-confirm asks in a dialog first (the server still asks without JavaScript).
  document.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // The error summary of a refused form gets the focus, so it is where the user is.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
