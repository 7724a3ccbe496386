// Draws the ranking page's charts with Chart.js from the JSON in each canvas's data-chart attribute.
(function () {
  'use strict';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  ready(function () {
    if (typeof window.Chart === 'undefined') { return; }
    var distribution = document.getElementById('distribution-chart');
    if (distribution) {
      var d = JSON.parse(distribution.getAttribute('data-chart'));
      new window.Chart(distribution, {
        type: 'bar',
        data: {
          labels: d.labels,
          datasets: [
            { label: distribution.getAttribute('data-label-raw'), data: d.raw },
            { label: distribution.getAttribute('data-label-calibrated'), data: d.calibrated }
          ]
        },
        options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
      distribution.setAttribute('data-drawn', 'true');
    }
    var leniency = document.getElementById('leniency-chart');
    if (leniency) {
      var l = JSON.parse(leniency.getAttribute('data-chart'));
      new window.Chart(leniency, {
        type: 'bar',
        data: { labels: l.labels, datasets: [{ label: leniency.getAttribute('data-label'), data: l.offsets }] },
        options: { animation: false, indexAxis: 'y' }
      });
      leniency.setAttribute('data-drawn', 'true');
    }
  });
  ready(function () {
    var refresh = document.querySelector('[data-auto-refresh]');
    if (refresh) {
      var seconds = parseInt(refresh.getAttribute('data-auto-refresh'), 10) || 2;
      window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
  });
}());
