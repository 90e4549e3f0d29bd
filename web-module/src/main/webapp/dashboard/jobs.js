// Jobs: filter by queue, status, key, id and payload text; newest first with cursor paging;
// admins act on a selection, or on every job that matches the filter (bulk.js).
import { api } from './api.js';
import { h, relative, shortId, statusBadge, table, toast } from './dom.js';
import { bulkBar } from './bulk.js';

const STATUSES = ['', 'WAITING', 'PENDING', 'RUNNING', 'PAUSED', 'FULFILLED', 'FAILED', 'CANCELLED'];
const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function show({ admin, params, main }) {
  const filter = {
    queue: params.get('queue') || '', status: params.get('status') || '',
    key: params.get('key') || '', text: params.get('text') || '',
  };
  const cursors = [null]; // the `after` of each page shown so far; the last is the current page's
  let page = { items: [], next: null };
  const selected = new Set();

  const input = (name, label, attributes = {}) =>
    h('label', {}, label, h('input', { name, id: `filter-${name}`, value: filter[name], ...attributes }));
  const form = h('form', { class: 'filters', id: 'job-filter' },
    input('queue', 'Queue', { list: 'queue-names' }),
    h('label', {}, 'Status', h('select', { name: 'status', id: 'filter-status' },
      STATUSES.map((s) => h('option', { value: s, selected: s === filter.status }, s || 'any')))),
    input('key', 'Key'),
    input('text', 'Payload contains'),
    h('label', {}, 'Id', h('input', { name: 'id', id: 'filter-id', placeholder: 'job id' })),
    h('button', { type: 'submit', id: 'filter-apply' }, 'Search'),
    h('datalist', { id: 'queue-names' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const id = String(data.get('id') || '').trim();
    if (id) {
      if (UUID.test(id)) location.hash = `#/jobs/${id}`;
      else toast(`'${id}' is not a job id`, 'error');
      return;
    }
    const query = new URLSearchParams();
    for (const name of ['queue', 'status', 'key', 'text']) if (data.get(name)) query.set(name, data.get(name));
    location.hash = `#/jobs?${query}`;
  });

  const count = h('p', { class: 'count', id: 'match-count' }, '…');
  const list = h('div', { id: 'job-list' });
  const pager = h('div', { class: 'pager' });
  let matching = null;
  const bulk = admin ? bulkBar({ filter, selected, count: () => matching, done: () => reload() }) : null;
  main.append(h('section', { class: 'card' }, h('h2', {}, 'Jobs'), form, count, bulk?.element, list, pager));

  api('queues').then((queues) => form.querySelector('datalist')
    .replaceChildren(...queues.map((q) => h('option', { value: q.queue })))).catch(() => {});

  function checkbox(job) {
    return h('input', {
      type: 'checkbox', class: 'pick', 'aria-label': `select ${job.id}`, checked: selected.has(job.id),
      onchange: (e) => { e.target.checked ? selected.add(job.id) : selected.delete(job.id); bulk.update(); },
    });
  }

  function render() {
    const all = admin ? h('input', {
      type: 'checkbox', id: 'pick-page', 'aria-label': 'select this page',
      checked: page.items.length > 0 && page.items.every((job) => selected.has(job.id)),
      onchange: (e) => {
        page.items.forEach((job) => (e.target.checked ? selected.add(job.id) : selected.delete(job.id)));
        render();
      },
    }) : null;
    list.replaceChildren(table(
      [all, 'Id', 'Queue', 'Status', 'Key', 'Attempts', 'Created', 'Payload'].filter((x) => x !== null),
      page.items.map((job) => h('tr', { 'data-id': job.id },
        admin ? h('td', {}, checkbox(job)) : null,
        h('td', {}, h('a', { href: `#/jobs/${job.id}`, class: 'mono' }, shortId(job.id))),
        h('td', {}, job.queue),
        h('td', {}, statusBadge(job.status)),
        h('td', { class: 'mono' }, job.key || ''),
        h('td', { class: 'num' }, `${job.attempts}/${job.maxAttempts}`),
        h('td', {}, relative(job.createdAt)),
        h('td', { class: 'payload' }, JSON.stringify(job.payload).slice(0, 120)))),
      { id: 'jobs-table' }));
    pager.replaceChildren(
      h('button', { type: 'button', class: 'small', id: 'page-first', disabled: cursors.length === 1, onclick: () => { cursors.length = 1; reload(); } }, 'Newest'),
      h('button', { type: 'button', class: 'small', id: 'page-previous', disabled: cursors.length === 1, onclick: () => { cursors.pop(); reload(); } }, 'Previous'),
      h('span', { class: 'muted' }, `page ${cursors.length}`),
      h('button', { type: 'button', class: 'small', id: 'page-next', disabled: !page.next, onclick: () => { cursors.push(page.next); reload(); } }, 'Next'));
    bulk?.update();
  }

  async function reload() {
    page = await api('jobs', { query: { ...filter, limit: PAGE, after: cursors[cursors.length - 1] } });
    render();
    await recount();
  }

  async function recount() {
    matching = (await api('jobs/count', { query: filter })).count;
    count.textContent = matching === 1 ? '1 job matches' : `${matching} jobs match`;
    bulk?.update();
  }

  reload().catch((e) => toast(e.message, 'error'));
  return {
    // Live: the count always; the rows only on the newest page, and not while the admin is choosing or acting.
    async refresh() {
      if (cursors.length === 1 && selected.size === 0 && !bulk?.running()) return reload();
      return recount();
    },
  };
}
