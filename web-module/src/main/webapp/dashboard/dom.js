// Builds elements from text: nothing the server sends is ever parsed as HTML.

export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export function table(headers, rows, attributes) {
  return h('div', { class: 'table-wrap' },
    h('table', attributes,
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', {}, header)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'None')))));
}

export function section(title, ...content) {
  return h('section', { class: 'card' }, h('h2', {}, title), content);
}

export const statusBadge = (status) => h('span', { class: `status s-${status.toLowerCase()}` }, status);

export const shortId = (id) => id.slice(0, 8);

/** "12 s", "4 min", "3 h", "2 d" for a number of seconds. */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** Seconds in an ISO-8601 duration such as PT1M3.5S (as the API writes them). */
export function seconds(duration) {
  if (!duration) return null;
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  return m ? (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0) : null;
}

export function time(iso) {
  if (!iso) return '–';
  const at = new Date(iso);
  return h('time', { datetime: iso, title: iso }, at.toLocaleString());
}

/** "in 12 s" or "3 min ago" for an instant. */
export function relative(iso) {
  if (!iso) return '–';
  const delta = (new Date(iso).getTime() - Date.now()) / 1000;
  return h('time', { datetime: iso, title: iso }, delta >= 0 ? `in ${age(delta)}` : `${age(-delta)} ago`);
}

export function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.className = kind;
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, kind === 'error' ? 8000 : 4000);
}

/** Asks for confirmation in a modal dialog; resolves true when confirmed. */
export function confirmDialog(message, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm' },
      h('form', { method: 'dialog' },
        h('p', {}, message),
        h('div', { class: 'actions' },
          h('button', { value: 'cancel', class: 'quiet' }, 'Cancel'),
          h('button', { value: 'ok', class: 'danger', id: 'confirm-ok' }, confirmLabel))));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'ok'); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
