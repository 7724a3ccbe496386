// Charts of the usage page (Chart.js from its webjar); the tables below them work without JS.
document.addEventListener('DOMContentLoaded', async () => {
  const charts = document.getElementById('usage-charts');
  if (!charts || typeof window.Chart === 'undefined') {
    return;
  }
  const response = await fetch(charts.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    return;
  }
  const data = await response.json();
  // As in the tables: Korea time, year-month-day and 24-hour clock, whatever the browser's zone.
  const kst = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const when = (iso) => kst.format(new Date(iso)).replace(',', '');
  new window.Chart(document.getElementById('balance-chart'), {
    type: 'line',
    data: {
      labels: data.balance.map((point) => when(point.t)),
      datasets: [
        { label: charts.dataset.labelAvailable, data: data.balance.map((point) => point.available), stepped: true },
        { label: charts.dataset.labelHeld, data: data.balance.map((point) => point.held), stepped: true },
      ],
    },
    options: { animation: false, scales: { y: { beginAtZero: true } } },
  });
  new window.Chart(document.getElementById('jobs-chart'), {
    type: 'bar',
    data: {
      labels: data.jobs.map((job) => `#${job.id} ${job.name}`),
      datasets: [{ label: charts.dataset.labelCharged, data: data.jobs.map((job) => job.charged) }],
    },
    options: { animation: false, scales: { y: { beginAtZero: true } } },
  });
});
