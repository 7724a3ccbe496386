// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move keyboard and screen-reader focus to a form's error summary so the errors are announced.
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
});
