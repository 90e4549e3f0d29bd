// The dashboard: sign-in, the hash router, and the live refresh of the view on screen.
import { api, basic, bearer, signedIn, signIn, signOut } from './api.js';
import { h, toast } from './dom.js';
import * as overview from './overview.js';
import * as jobs from './jobs.js';
import * as job from './job.js';
import * as workers from './workers.js';

const REFRESH_MS = 3000;
const main = document.getElementById('view');
let caller = null;
let current = null;

function showSignIn(message) {
  caller = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-out').hidden = true;
  const error = h('p', { class: 'error', id: 'sign-in-error', hidden: !message }, message || '');
  const form = h('form', { class: 'card sign-in', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('label', {}, 'User', h('input', { name: 'user', id: 'user', autocomplete: 'username' })),
    h('label', {}, 'Password', h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password' })),
    h('details', {}, h('summary', {}, 'Use an API token instead'),
      h('label', {}, 'Token', h('input', { name: 'token', id: 'token', autocomplete: 'off' }))),
    error,
    h('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    signIn(data.get('token') ? bearer(data.get('token')) : basic(data.get('user'), data.get('password')));
    try {
      caller = await api('me');
      route();
    } catch (e) {
      signOut();
      error.textContent = e.status === 401 ? 'Those credentials were not accepted.' : e.message;
      error.hidden = false;
    }
  });
  main.replaceChildren(form);
}

function showChrome(view) {
  document.getElementById('nav').hidden = false;
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.view === view);
  }
  const who = document.getElementById('who');
  who.textContent = `${caller.name} · ${caller.roles.join(', ')}` + (caller.queues.length ? ` · queues ${caller.queues.join(', ')}` : '');
  who.hidden = false;
  document.getElementById('sign-out').hidden = false;
}

async function route() {
  current?.stop?.();
  current = null;
  if (!signedIn()) return showSignIn();
  if (!caller) {
    try {
      caller = await api('me');
    } catch (e) {
      return showSignIn(e.status === 401 ? null : e.message);
    }
  }
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const context = { caller, admin: caller.roles.includes('admin'), params: new URLSearchParams(search || ''), main };
  main.replaceChildren();
  const jobId = /^\/jobs\/([0-9a-f-]{36})$/i.exec(path || '');
  if (jobId) {
    showChrome('jobs');
    current = job.show(context, jobId[1]);
  } else if (path === '/jobs') {
    showChrome('jobs');
    current = jobs.show(context);
  } else if (path === '/workers') {
    showChrome('workers');
    current = workers.show(context);
  } else {
    showChrome('overview');
    current = overview.show(context);
  }
}

// Live: the view on screen refreshes itself while the tab is visible.
setInterval(() => {
  if (current && document.visibilityState === 'visible') {
    current.refresh().catch((e) => toast(e.message, 'error'));
  }
}, REFRESH_MS);

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  caller = null;
  location.hash = '#/';
  route();
});
// A 401 after sign-in (a revoked token, a changed password); the sign-in form reports its own.
window.addEventListener('jobstore:signed-out', () => {
  if (caller) showSignIn('Your credentials are no longer accepted: sign in again.');
});
window.addEventListener('hashchange', route);
route();
