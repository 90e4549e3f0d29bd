// Bulk actions for admins: on the selected jobs, or on every job that matches the filter, in
// chunks of the API's bulk call, after a confirmation that states the count, with progress.
import { api } from './api.js';
import { confirmDialog, h, toast } from './dom.js';

const ACTIONS = ['restart', 'cancel', 'pause', 'resume', 'rerun', 'remove'];
const CHUNK = 100;

export function bulkBar({ filter, selected, count, done }) {
  let running = false;
  let stopRequested = false;
  const action = h('select', { id: 'bulk-action', 'aria-label': 'bulk action' },
    ACTIONS.map((name) => h('option', { value: name }, name)));
  const onSelection = h('button', { type: 'button', id: 'bulk-selected', onclick: () => runSelected() });
  const onAll = h('button', { type: 'button', id: 'bulk-all', onclick: () => runAll() });
  const progress = h('progress', { id: 'bulk-progress', max: 1, value: 0, hidden: true });
  const status = h('span', { id: 'bulk-status', class: 'muted' });
  const stop = h('button', { type: 'button', class: 'small quiet', hidden: true, onclick: () => { stopRequested = true; } }, 'Stop');
  const element = h('div', { class: 'bulk', id: 'bulk' }, 'Admin:', action, onSelection, onAll, progress, status, stop);

  function update() {
    onSelection.textContent = `… ${selected.size} selected`;
    onSelection.disabled = running || selected.size === 0;
    const total = count();
    onAll.textContent = `… all ${total ?? '?'} matching`;
    onAll.disabled = running || !total;
  }

  const describe = () => Object.entries(filter).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ') || 'no filter';

  async function run(total, label, chunks) {
    if (!(await confirmDialog(`${label}?`, `${action.value} ${total}`))) return;
    running = true;
    stopRequested = false;
    progress.hidden = false;
    stop.hidden = false;
    progress.max = total;
    let seen = 0;
    let applied = 0;
    let refused = [];
    update();
    try {
      for await (const answer of chunks()) {
        applied += answer.applied;
        refused = refused.concat(answer.refused);
        seen += answer.applied + answer.refused.length;
        progress.value = Math.min(seen, total);
        status.textContent = `${action.value}: ${applied} done, ${refused.length} refused of ${total}`;
        if (stopRequested) break;
      }
      toast(`${action.value}: ${applied} done` + (refused.length ? `, ${refused.length} refused (${refused[0].problem.detail})` : ''),
        refused.length ? 'error' : 'info');
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      running = false;
      stop.hidden = true;
      selected.clear();
      await done();
    }
  }

  function runSelected() {
    const ids = [...selected];
    return run(ids.length, `${action.value} the ${ids.length} selected job${ids.length === 1 ? '' : 's'}`, async function* () {
      for (let i = 0; i < ids.length; i += CHUNK) {
        yield api('jobs/bulk', { method: 'POST', body: { action: action.value, ids: ids.slice(i, i + CHUNK) } });
      }
    });
  }

  function runAll() {
    const total = count();
    return run(total, `${action.value} all ${total} jobs matching ${describe()}`, async function* () {
      let after = null;
      do {
        const body = { action: action.value, filter, limit: CHUNK, after };
        const answer = await api('jobs/bulk', { method: 'POST', body });
        after = answer.next;
        yield answer;
      } while (after);
    });
  }

  update();
  return { element, update, running: () => running };
}
