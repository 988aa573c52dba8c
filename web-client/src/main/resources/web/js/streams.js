// /streams: the public streams that are live now, with links to watch them.
const POLL_MS = 5000;

async function refresh() {
  try {
    const response = await fetch('/api/streams', { cache: 'no-store' });
    const { streams } = await response.json();
    const live = streams.filter((s) => s.state === 'live');
    const list = document.getElementById('streams');
    list.replaceChildren(...live.map((s) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/watch/${encodeURIComponent(s.room)}`;
      link.textContent = s.title;
      link.dataset.room = s.room;
      item.append(link, ` - ${s.viewers} watching`);
      return item;
    }));
    document.getElementById('empty').hidden = live.length > 0;
  } catch (e) {
    // the next refresh tries again
  }
}

setInterval(refresh, POLL_MS);
refresh();
