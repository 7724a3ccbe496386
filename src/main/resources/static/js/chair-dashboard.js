// Draws each call's submissions per hour (Chart.js from its webjar) from the table under
// it; without JavaScript the table is the chart.
(function () {
  'use strict';
  function draw() {
    if (typeof window.Chart === 'undefined') { return; }
    document.querySelectorAll('canvas.rush-chart').forEach(function (canvas) {
      var table = document.getElementById(canvas.getAttribute('data-table'));
      if (!table) { return; }
      var labels = [];
      var counts = [];
      table.querySelectorAll('tbody tr').forEach(function (row) {
        labels.push(row.cells[0].textContent.trim());
        counts.push(Number(row.cells[1].textContent.trim()));
      });
      new window.Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: canvas.getAttribute('data-label'), data: counts, backgroundColor: '#1f5fa8' }] },
        options: { animation: false, aspectRatio: 2.5, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
