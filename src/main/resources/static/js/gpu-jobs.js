// Progressive enhancement of the GPU job pages; both work without this file.

// The job form: show what the job would hold as its GPUs, nodes and time limit change.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('job-form');
  const hold = document.getElementById('form-hold');
  if (!form || !hold) {
    return;
  }
  const value = (id) => Number.parseInt(document.getElementById(id).value, 10) || 0;
  const update = () => {
    const seconds = value('gpusPerNode') * value('nodes') * value('timeLimitMinutes') * 60;
    const hours = seconds / 3600;
    const digits = hours !== 0 && hours < 1 ? 4 : 2;
    hold.textContent = hours.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const available = Number.parseInt(document.getElementById('form-available').dataset.seconds, 10);
    hold.classList.toggle('field-error', seconds > available);
    const over = document.getElementById('form-hold-over');
    if (over) {
      over.hidden = seconds <= available;
    }
  };
  form.querySelectorAll('[data-hold-part]').forEach((field) => field.addEventListener('input', update));
  update();
});

// The job page: follow state, times, charge and the log tail until the job is settled.
document.addEventListener('DOMContentLoaded', () => {
  const job = document.getElementById('job');
  if (!job || !job.dataset.liveUrl || job.dataset.settled === 'true') {
    return;
  }
  const stateLabels = {};
  const stateElement = document.getElementById('job-state');
  const set = (id, text) => {
    const element = document.getElementById(id);
    if (element && text !== undefined && text !== null && text !== '') {
      element.textContent = text;
    }
  };
  const logElement = document.getElementById('job-log');
  let settledSeen = false;
  const poll = async () => {
    try {
      const response = await fetch(job.dataset.liveUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) {
        return;
      }
      const live = await response.json();
      if (stateElement.dataset.state !== live.state) {
        // The label of a new state comes from a fresh page, in the page's language.
        if (!stateLabels[live.state]) {
          const page = await fetch(window.location.pathname, { credentials: 'same-origin' });
          const html = new DOMParser().parseFromString(await page.text(), 'text/html');
          const fresh = html.getElementById('job-state');
          stateLabels[live.state] = fresh && fresh.dataset.state === live.state ? fresh.textContent : live.state;
        }
        stateElement.textContent = stateLabels[live.state];
        stateElement.className = `status status-${live.state}`;
        stateElement.dataset.state = live.state;
      }
      set('job-placement', live.placement);
      set('job-reason', live.reason);
      set('job-exit-code', live.exitCode === null ? '' : String(live.exitCode));
      set('job-elapsed', live.elapsed);
      set('job-charged', live.charged);
      set('job-started', live.startedAt);
      set('job-ended', live.endedAt);
      set('job-cpu', live.cpuTime);
      set('job-memory', live.peakMemory);
      if (logElement && live.log && logElement.classList.contains('empty')) {
        logElement.classList.remove('empty');
        const placeholder = document.getElementById('job-log-empty');
        if (placeholder) {
          placeholder.remove();
        }
      }
      if (logElement && logElement.textContent !== live.log) {
        const atBottom = logElement.scrollTop + logElement.clientHeight >= logElement.scrollHeight - 4;
        logElement.textContent = live.log;
        if (atBottom) {
          logElement.scrollTop = logElement.scrollHeight;
        }
      }
      if (live.settled) {
        settledSeen = true;
        const cancel = document.getElementById('cancel-form');
        if (cancel) {
          cancel.remove();
        }
        job.dataset.settled = 'true';
      }
    }
    catch (error) {
      // A missed poll is retried by the next one.
    }
    if (!settledSeen) {
      window.setTimeout(poll, 1500);
    }
  };
  window.setTimeout(poll, 1000);
});

// The fellow's home: follow the state of each running job until it is settled.
document.addEventListener('DOMContentLoaded', () => {
  const labels = document.getElementById('job-state-labels');
  const label = (state) => {
    const found = labels && labels.content.querySelector(`[data-state="${state}"]`);
    return found ? found.textContent : state;
  };
  document.querySelectorAll('#running-jobs .live-state[data-live-url]').forEach((element) => {
    const id = element.id.replace('live-state-', '');
    const poll = async () => {
      let settled = false;
      try {
        const response = await fetch(element.dataset.liveUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (response.ok) {
          const live = await response.json();
          if (element.dataset.state !== live.state) {
            element.textContent = label(live.state);
            element.className = `status live-state status-${live.state}`;
            element.dataset.state = live.state;
          }
          const started = document.getElementById(`live-started-${id}`);
          if (started && live.startedAt) {
            started.textContent = live.startedAt;
          }
          settled = live.settled === true;
        }
      } catch (error) {
        // A failed poll is retried; the refresh link works without it.
      }
      if (!settled) {
        window.setTimeout(poll, 2000);
      }
    };
    window.setTimeout(poll, 1000);
  });
});
