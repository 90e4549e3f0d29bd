// Leases and workers: each node's in-process pools, running jobs by lease owner, leases that
// run out first.
import { api } from './api.js';
import { h, relative, section, shortId, table } from './dom.js';

export function show({ main }) {
  const body = h('div', { id: 'workers' });
  main.append(body);

  async function refresh() {
    const view = await api('workers');
    body.replaceChildren(
      section('Worker pools', table(['Node', 'Pool', 'Queue', 'Concurrency', 'Running', 'Idle', 'State', 'Reported'],
        view.pools.map((p) => h('tr', {},
          h('td', {}, p.node), h('td', { class: 'mono' }, p.name), h('td', {}, p.queue),
          h('td', { class: 'num' }, p.concurrency), h('td', { class: 'num' }, p.running), h('td', { class: 'num' }, p.idle),
          h('td', {}, p.paused ? h('span', { class: 'status s-paused' }, 'paused') : 'taking jobs'),
          h('td', {}, relative(p.reportedAt)))), { id: 'pools-table' })),
      section('Running jobs by lease owner', table(['Owner', 'Queue', 'Running', 'First lease runs out'],
        view.holders.map((o) => h('tr', {},
          h('td', { class: 'mono' }, o.owner), h('td', {}, o.queue),
          h('td', { class: 'num' }, h('a', { href: `#/jobs?queue=${encodeURIComponent(o.queue)}&status=RUNNING` }, o.running)),
          h('td', {}, relative(o.firstExpiry)))), { id: 'holders-table' })),
      section('Leases that run out first', table(['Job', 'Queue', 'Owner', 'Runs out', 'Attempt'],
        view.expiring.map((job) => h('tr', {},
          h('td', {}, h('a', { href: `#/jobs/${job.id}`, class: 'mono' }, shortId(job.id))), h('td', {}, job.queue),
          h('td', { class: 'mono' }, job.lease?.owner), h('td', {}, relative(job.lease?.expiresAt)),
          h('td', { class: 'num' }, `${job.attempts}/${job.maxAttempts}`))), { id: 'expiring-table' })));
  }

  refresh().catch((e) => body.replaceChildren(h('p', { class: 'error' }, e.message)));
  return { refresh };
}
