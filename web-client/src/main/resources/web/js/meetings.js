// The /meetings page: schedule meetings through the REST API, list upcoming ones, copy links, .ics, delete.
// The admin key is typed by the user and kept in sessionStorage (this tab only), never in the page's URL.

const KEY_STORAGE = 'vireo.adminKey';
const LIST_DAYS = 30;
const $ = (id) => document.getElementById(id);

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
$('zone-name').textContent = zone;

function adminKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return $('admin-key').value;
  }
}

function status(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${adminKey()}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(data?.message ?? `HTTP ${response.status}`);
    error.status = response.status;
    error.field = data?.field;
    throw error;
  }
  return data;
}

/** "2026-11-24T14:00:00+01:00" for a local date and time in this browser's zone. */
export function localIso(date, time) {
  const local = new Date(`${date}T${time}:00`);
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

function row(occurrence) {
  const li = document.createElement('li');
  li.dataset.meetingId = occurrence.meetingId;
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = occurrence.title;
  const when = document.createElement('span');
  when.className = 'when';
  when.textContent = `${WHEN.format(new Date(occurrence.startsAt))} · ${occurrence.timeZone}`
    + (occurrence.recurring ? ' · repeats' : '') + (occurrence.lobby ? ' · lobby' : '')
    + (occurrence.hasPassword ? ' · password' : '');
  const join = document.createElement('a');
  join.className = 'button secondary join-link';
  join.href = occurrence.joinUrl;
  join.textContent = 'Open';
  const copy = (label, text, cls) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `secondary ${cls}`;
    b.textContent = label;
    b.dataset.link = text;
    b.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        status(`${label}: copied`, 'ok');
      } catch {
        window.prompt('Copy this link', text);
      }
    });
    return b;
  };
  const ics = document.createElement('a');
  ics.className = 'button secondary ics-link';
  ics.href = occurrence.icsUrl;
  ics.download = `meeting-${occurrence.meetingId}.ics`;
  ics.textContent = 'Download .ics';
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'danger delete';
  del.textContent = occurrence.recurring ? 'Delete series' : 'Delete';
  del.addEventListener('click', async () => {
    try {
      await api('DELETE', `/api/meetings/${occurrence.meetingId}`);
      status('Deleted', 'ok');
      await refresh();
    } catch (error) {
      status(`Could not delete: ${error.message}`, 'error');
    }
  });
  li.append(title, when, join, copy('Copy join link', occurrence.joinUrl, 'copy-join'),
    copy('Copy host link', occurrence.hostUrl, 'copy-host'), ics, del);
  return li;
}

async function refresh() {
  if (!adminKey()) {
    status('Paste the admin key to see and schedule meetings', 'warn');
    return;
  }
  const from = new Date();
  const to = new Date(from.getTime() + LIST_DAYS * 86_400_000);
  try {
    const list = await api('GET', `/api/meetings?from=${encodeURIComponent(from.toISOString())}`
      + `&to=${encodeURIComponent(to.toISOString())}`);
    $('meeting-list').replaceChildren(...list.occurrences.map(row));
    $('empty').hidden = list.occurrences.length > 0;
    document.body.dataset.loaded = 'true';
  } catch (error) {
    status(error.status === 401 ? 'The admin key is not valid' : `Could not list meetings: ${error.message}`,
      'error');
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    sessionStorage.setItem(KEY_STORAGE, $('admin-key').value.trim());
  } catch {
    // sessionStorage disabled: adminKey() reads the field instead.
  }
  status('Key set', 'ok');
  refresh();
});

$('schedule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('form-error').hidden = true;
  const rule = $('repeat').value;
  const count = $('count').value;
  const body = {
    title: $('title').value.trim(),
    startsAt: localIso($('date').value, $('time').value),
    durationMinutes: Number($('duration').value),
    timeZone: zone,
    lobby: $('lobby').checked,
  };
  if ($('password').value) {
    body.password = $('password').value;
  }
  if (rule) {
    body.recurrence = count ? `${rule};COUNT=${count}` : rule;
  }
  try {
    const meeting = await api('POST', '/api/meetings', body);
    status(`Scheduled "${meeting.title}"`, 'ok');
    $('schedule-form').reset();
    $('duration').value = 30;
    await refresh();
  } catch (error) {
    $('form-error').textContent = error.field ? `${error.field}: ${error.message}` : error.message;
    $('form-error').hidden = false;
  }
});

$('admin-key').value = adminKey();
refresh();
