// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move keyboard and screen-reader focus to a form's error summary so the errors are announced.
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
});

// Live character counters for fields marked data-counter (the limit is also shown without JS).
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-counter][maxlength]').forEach((field) => {
    const counter = field.parentElement.querySelector('.counter');
    if (!counter) {
      return;
    }
    const update = () => {
      counter.textContent = `${field.value.length} / ${field.maxLength}`;
    };
    field.addEventListener('input', update);
    update();
  });
});
