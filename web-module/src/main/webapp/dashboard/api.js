// Calls the JSON API with the signed-in caller's credentials. They live in this tab's
// sessionStorage only, and go as an Authorization header the script sets itself: with
// credentials 'omit' the browser adds no login of its own and shows no sign-in prompt of its
// own on a 401.
const KEY = 'jobstore.authorization';

/** An API problem (RFC 9457), or a network failure. */
export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

export const signedIn = () => sessionStorage.getItem(KEY) !== null;
export const signIn = (authorization) => sessionStorage.setItem(KEY, authorization);
export const signOut = () => sessionStorage.removeItem(KEY);

export function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

export const bearer = (token) => `Bearer ${token.trim()}`;

function url(path, query) {
  const target = new URL('api/' + path, document.baseURI);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  }
  return target;
}

/** The raw response of a call; throws ApiError unless it succeeded. */
export async function call(path, { method = 'GET', body, query } = {}) {
  const headers = { Accept: 'application/json' };
  const authorization = sessionStorage.getItem(KEY);
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError({ title: 'The server cannot be reached', detail: String(e) }, 0);
  }
  if (response.status === 401 && authorization) {
    signOut();
    window.dispatchEvent(new Event('jobstore:signed-out'));
  }
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    const problem = type.includes('json') ? await response.json() : { title: response.statusText };
    throw new ApiError(problem, response.status);
  }
  return response;
}

/** The JSON answer of a call (null for 204). */
export async function api(path, options) {
  const response = await call(path, options);
  return response.status === 204 ? null : response.json();
}
