// Overview: every queue with its counts, pause state and oldest pending job; charts of the
// last hour or day from the queues' history (the same on every node: it is in the database).
import { api } from './api.js';
import { age, h, seconds, section, table, toast } from './dom.js';
import { chart, perBucket } from './charts.js';

const STATUSES = ['WAITING', 'PENDING', 'RUNNING', 'PAUSED', 'FULFILLED', 'FAILED', 'CANCELLED'];
// A day is read in 10-minute buckets: 144 points a queue instead of 1,440.
const WINDOWS = { '1 h, per minute': 3600, '24 h, per 10 minutes': 86400 };
const STEPS = { 3600: 60, 86400: 600 };

export function show({ admin, main }) {
  let windowSeconds = 3600;
  const queues = h('div', { id: 'queues' });
  const windowPicker = h('div', { class: 'segmented', role: 'group' },
    Object.entries(WINDOWS).map(([label, value]) =>
      h('button', { type: 'button', class: value === windowSeconds ? 'on' : '', onclick: (e) => {
        windowSeconds = value;
        windowPicker.querySelectorAll('button').forEach((b) => b.classList.toggle('on', b === e.target));
        refresh();
      } }, label)));
  const throughputBox = h('div', { class: 'chart', id: 'chart-throughput' });
  const depthBox = h('div', { class: 'chart', id: 'chart-depth' });
  main.append(
    section('History', windowPicker, h('div', { class: 'charts' }, throughputBox, depthBox)),
    section('Queues', queues));
  const throughput = chart(throughputBox, 'Jobs created, fulfilled, failed', ['created', 'fulfilled', 'failed']);
  const depth = chart(depthBox, 'Queue depth', ['pending', 'running']);

  async function setPaused(queue, paused) {
    try {
      await api(`queues/${encodeURIComponent(queue)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
      toast(`Queue ${queue} ${paused ? 'paused' : 'resumed'}`);
      await refresh();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function row(stats) {
    const link = (status) => `#/jobs?queue=${encodeURIComponent(stats.queue)}${status ? `&status=${status}` : ''}`;
    return h('tr', { 'data-queue': stats.queue },
      h('td', {}, h('a', { href: link() }, stats.queue)),
      h('td', {}, stats.paused ? h('span', { class: 'status s-paused' }, 'paused') : 'active'),
      STATUSES.map((status) => (stats.counts[status]
        ? h('td', { class: 'num' }, h('a', { href: link(status) }, stats.counts[status]))
        : h('td', { class: 'num zero' }, '0'))),
      h('td', { class: 'num' }, age(seconds(stats.oldestPendingAge))),
      admin ? h('td', {}, h('button', {
        type: 'button', class: 'small', 'data-action': stats.paused ? 'resume-queue' : 'pause-queue',
        onclick: () => setPaused(stats.queue, !stats.paused),
      }, stats.paused ? 'Resume' : 'Pause')) : null);
  }

  async function refresh() {
    const [stats, history] = await Promise.all([
      api('queues'),
      api('history', { query: { window: `PT${windowSeconds}S`, step: `PT${STEPS[windowSeconds]}S` } }),
    ]);
    queues.replaceChildren(table(
      ['Queue', 'State', ...STATUSES.map((s) => s.toLowerCase()), 'Oldest pending', admin ? '' : null].filter((x) => x !== null),
      stats.map(row)));
    const data = perBucket(history, windowSeconds, STEPS[windowSeconds]);
    throughput.update(data);
    depth.update(data);
  }

  refresh().catch((e) => toast(e.message, 'error'));
  return { refresh, stop() { throughput.stop(); depth.stop(); } };
}
