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
  // The server wrote each countdown; this keeps it going while the page stays open.
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.live-countdown[data-closes-at]').forEach(function (element) {
      var opens = Number(element.getAttribute('data-opens-at'));
      var closes = Number(element.getAttribute('data-closes-at'));
      var pattern;
      var millis;
      if (now < opens) {
        pattern = element.getAttribute('data-opens-in');
        millis = opens - now;
      } else if (now < closes) {
        pattern = element.getAttribute('data-closes-in');
        millis = closes - now;
      } else {
        pattern = element.getAttribute('data-closed-ago');
        millis = now - closes;
      }
      var minutes = Math.floor(millis / 60000);
      var parts = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
      if (pattern) {
        element.textContent = pattern.replace(/\{(\d)\}/g, function (match, index) { return String(parts[Number(index)]); });
      }
    });
  }
  function start() {
    draw();
    window.setInterval(tick, 30000);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
