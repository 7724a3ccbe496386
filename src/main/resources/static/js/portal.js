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
    if (!message) {
      return;
    }
    if (!window.confirm(message)) {
      event.preventDefault();
      return;
    }
    // Asked here: the server need not show its confirmation page.
    var confirmed = event.target.querySelector('input[name="confirmed"]');
    if (confirmed) {
      confirmed.value = 'true';
    }
  }, true);

  // On a narrow screen the header folds into a menu button.
  var header = document.querySelector('.site-header');
  var toggle = document.getElementById('menu-toggle');
  if (header && toggle) {
    header.classList.add('has-menu');
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = header.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  // Filters folded on a phone are laid out open beside the results on a wide screen (the
  // stylesheet does it too, where the browser can style a closed <details>).
  var wide = window.matchMedia && window.matchMedia('(min-width: 900px)');
  var openWhenWide = function () {
    document.querySelectorAll('details[data-open-wide]').forEach(function (details) {
      details.open = wide.matches;
    });
  };
  if (wide) {
    openWhenWide();
    wide.addEventListener('change', openWhenWide);
  }

  // A deadline shown in KST is also given in the browser's own time zone, and its countdown
  // keeps going without a reload.
  document.querySelectorAll('time[data-local-time]').forEach(function (time) {
    var at = new Date(time.getAttribute('datetime'));
    var label = time.getAttribute('data-local-label');
    if (isNaN(at) || !label) {
      return;
    }
    var local = document.createElement('span');
    local.className = 'local-time';
    local.textContent = ' (' + label.replace('{0}', at.toLocaleString()) + ')';
    time.after(local);
  });
  document.querySelectorAll('[data-countdown]').forEach(function (countdown) {
    var at = new Date(countdown.getAttribute('data-countdown'));
    var format = countdown.getAttribute('data-countdown-format');
    var closed = countdown.getAttribute('data-countdown-closed');
    if (isNaN(at) || !format) {
      return;
    }
    var tick = function () {
      var left = Math.max(0, Math.floor((at - Date.now()) / 60000));
      countdown.textContent = left === 0 ? closed : format.replace('{0}', Math.floor(left / 1440))
        .replace('{1}', Math.floor(left / 60) % 24).replace('{2}', left % 60);
    };
    tick();
    setInterval(tick, 30000);
  });

  // The error summary of a refused form gets the focus, so it is where the user is.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
