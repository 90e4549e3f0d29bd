// One job: everything the store knows of it, and (for admins) the actions its status allows.
import { api, call } from './api.js';
import { confirmDialog, h, json, relative, section, shortId, statusBadge, table, time, toast } from './dom.js';

const FINAL = ['FULFILLED', 'FAILED', 'CANCELLED'];
const ACTIONS = [
  ['cancel', (s) => !FINAL.includes(s)],
  ['pause', (s) => s === 'PENDING' || s === 'WAITING'],
  ['resume', (s) => s === 'PAUSED'],
  ['restart', (s) => s === 'FAILED' || s === 'CANCELLED'],
  ['rerun', (s) => FINAL.includes(s)],
  ['remove', () => true],
];
const PREVIEW_BYTES = 65536;

const jobLink = (id) => h('a', { href: `#/jobs/${id}`, class: 'mono' }, shortId(id));

function facts(job) {
  const rows = [
    ['Queue', h('a', { href: `#/jobs?queue=${encodeURIComponent(job.queue)}` }, job.queue)],
    ['Key', job.key], ['Reason', job.reason], ['Priority', job.priority],
    ['Attempts', `${job.attempts} of ${job.maxAttempts}`], ['Releases', job.releases],
    ['Run at', time(job.runAt)], ['Created', time(job.createdAt)], ['Updated', time(job.updatedAt)],
    ['Finished', job.finishedAt && time(job.finishedAt)],
    ['Backoff', job.backoff && `${job.backoff.initial} × ${job.backoff.multiplier} up to ${job.backoff.max}`],
    ['Repeat', job.repeat && [job.repeat.every && `every ${job.repeat.every}`, job.repeat.cron && `cron ${job.repeat.cron}`,
      job.repeat.times && `${job.repeat.times} times`].filter(Boolean).join(', ')],
    ['Run of repeat', job.repeatRun],
    ['Progress', job.progress && h('span', {}, h('progress', { max: job.progress.total || 1, value: job.progress.completed }),
      ` ${job.progress.completed} / ${job.progress.total}`)],
    ['Lease owner', job.lease?.owner], ['Lease fence', job.lease?.fence],
    ['Lease expires', job.lease && relative(job.lease.expiresAt)],
    ['Version', job.version],
  ];
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

async function resultView(id) {
  const response = await call(`jobs/${id}/result`);
  const type = response.headers.get('Content-Type') || 'application/octet-stream';
  const blob = await response.blob();
  const download = h('a', { href: URL.createObjectURL(blob), download: `${id}-result`, id: 'result-download' },
    `Download (${type}, ${blob.size} bytes)`);
  if (!/json|^text\//.test(type)) return [download];
  const text = await blob.slice(0, PREVIEW_BYTES).text();
  let shown = text;
  if (type.includes('json') && blob.size <= PREVIEW_BYTES) {
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as sent */ }
  }
  return [h('pre', { class: 'json', id: 'result-preview' }, shown), download];
}

export function show({ admin, main }, id) {
  const body = h('div', { id: 'job-detail' });
  main.append(body);
  let resultShown = false;

  async function act(action) {
    if (action === 'remove' && !(await confirmDialog(`Remove job ${id} and everything it owns?`, 'remove'))) return;
    try {
      if (action === 'remove') {
        await api(`jobs/${id}`, { method: 'DELETE', query: { force: 'true' } });
        toast(`Job ${shortId(id)} removed`);
        location.hash = '#/jobs';
        return;
      }
      const answer = await api(`jobs/${id}/${action}`, { method: 'POST' });
      toast(`Job ${shortId(id)}: ${action} done`);
      if (action === 'rerun') location.hash = `#/jobs/${answer.id}`;
      else await refresh();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function retryTarget(target) {
    try {
      await api(`jobs/${id}/targets/${target.deliveryId}/retry`, { method: 'POST' });
      toast('Webhook target retried');
      await refresh();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function refresh() {
    const [job, logs] = await Promise.all([api(`jobs/${id}`), api(`jobs/${id}/logs`)]);
    const actions = admin ? h('div', { class: 'actions', id: 'job-actions' },
      ACTIONS.filter(([, allowed]) => allowed(job.status)).map(([name]) =>
        h('button', { type: 'button', 'data-action': name, class: name === 'remove' || name === 'cancel' ? 'danger' : '',
          onclick: () => act(name) }, name))) : null;
    const sections = [
      h('section', { class: 'card' },
        h('h1', { class: 'mono' }, job.id, ' ', statusBadge(job.status)), actions, facts(job)),
      section('Payload', json(job.payload)),
    ];
    if (job.status === 'FULFILLED') sections.push(section('Result', h('div', { id: 'result' }, 'Loading…')));
    sections.push(
      section('Failures', table(['At', 'Attempt', 'Error'], (job.failures || []).map((f) =>
        h('tr', {}, h('td', {}, time(f.at)), h('td', { class: 'num' }, f.attempt), h('td', { class: 'error-text' }, f.error))))),
      section('Log', table(['At', 'Level', 'Message', 'Data'], logs.map((line) =>
        h('tr', {}, h('td', {}, time(line.at)), h('td', {}, line.level), h('td', {}, line.message),
          h('td', { class: 'mono' }, line.data === null || line.data === undefined ? '' : JSON.stringify(line.data)))))),
      section('Dependencies',
        h('p', {}, 'Depends on: ', job.dependsOn?.length ? job.dependsOn.map((d) => [jobLink(d), ' ']) : 'nothing'),
        h('p', {}, 'Dependents: ', job.dependents?.length ? job.dependents.map((d) => [jobLink(d), ' ']) : 'none')),
      section('Notification targets', table(
        ['Target', 'State', 'Kind', 'Attempts', 'Last error', 'Next attempt', 'Delivered', admin ? '' : null].filter((x) => x !== null),
        (job.targets || []).map((t) => h('tr', {},
          h('td', { class: 'mono' }, JSON.stringify(t.target)), h('td', {}, statusBadge(t.state)),
          h('td', {}, t.webhook ? 'webhook' : 'notifier'), h('td', { class: 'num' }, t.attempts),
          h('td', { class: 'error-text' }, t.lastError || ''), h('td', {}, relative(t.nextAttemptAt)),
          h('td', {}, t.deliveredAt ? time(t.deliveredAt) : '–'),
          admin ? h('td', {}, t.state === 'DEAD' && t.webhook
            ? h('button', { type: 'button', class: 'small', 'data-action': 'retry-target', onclick: () => retryTarget(t) }, 'Retry')
            : '') : null)))));
    const previous = body.querySelector('#result');
    body.replaceChildren(...sections);
    if (job.status === 'FULFILLED') {
      const box = body.querySelector('#result');
      if (resultShown && previous) box.replaceWith(previous);
      else {
        resultShown = true;
        resultView(id).then((parts) => box.replaceChildren(...parts)).catch((e) => box.replaceChildren(e.message));
      }
    }
  }

  refresh().catch((e) => body.replaceChildren(h('p', { class: 'error' }, e.message)));
  return { refresh };
}
