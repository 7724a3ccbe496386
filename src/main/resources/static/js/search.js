// Live progress of "reindex everything" on /admin/search; without JavaScript the page shows the
// state when it was loaded and a link to reload it.
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('reindex-progress');
  if (!box || !window.fetch) {
    return;
  }
  const bar = document.getElementById('reindex-bar');
  const status = document.getElementById('reindex-status');
  const labels = document.getElementById('reindex-labels').dataset;
  const render = (template, p) => template
    .replace('{done}', p.done).replace('{total}', p.total).replace('{percent}', p.percent);
  const poll = () => {
    fetch(box.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((p) => {
        bar.value = p.percent;
        const template = { RUNNING: labels.running, DONE: labels.done, FAILED: labels.failed }[p.state];
        if (template) {
          status.textContent = render(template, p);
        }
        if (p.state === 'RUNNING') {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  if (box.dataset.state === 'RUNNING') {
    poll();
  }
  const start = document.getElementById('reindex-start');
  if (start) {
    start.form.addEventListener('submit', () => window.setTimeout(poll, 1000));
  }
});
