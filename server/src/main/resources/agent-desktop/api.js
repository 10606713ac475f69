// The agent API as the page uses it: REST with a bearer token, and the event WebSocket
// (the token goes as the "bearer.<token>" subprotocol, never in the URL).

const BASE = '/api/v1';
const TOKEN_KEY = 'toneguard.token';

/** An error answer of the API: status plus its {error, message}. */
export class ApiError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  },
};

async function call(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + session.token, 'Accept': 'application/json' };
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'ToneGuard cannot be reached. Check your connection.');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) {
    throw new ApiError(res.status, json?.error ?? 'error', json?.message ?? ('Request failed (' + res.status + ')'));
  }
  return json;
}

export const api = {
  calls: () => call('GET', '/calls'),
  startCapture: (callId, request) => call('POST', `/calls/${encodeURIComponent(callId)}/captures`, request),
  startIvr: (callId, request) => call('POST', `/calls/${encodeURIComponent(callId)}/ivr`, request),
  capture: (id) => call('GET', `/captures/${encodeURIComponent(id)}`),
  requestField: (id, field) => call('POST', `/captures/${encodeURIComponent(id)}/fields/${field}/request`),
  clearField: (id, field) => call('POST', `/captures/${encodeURIComponent(id)}/fields/${field}/clear`),
  process: (id) => call('POST', `/captures/${encodeURIComponent(id)}/process`),
  cancel: (id) => call('POST', `/captures/${encodeURIComponent(id)}/cancel`),
};

/**
 * Keeps the event stream open: onEvent gets each parsed message, onState 'live' | 'offline'.
 * Reconnects with a growing delay; returns a function that stops it.
 */
export function openEvents(onEvent, onState) {
  let socket = null;
  let stopped = false;
  let delay = 1000;
  let timer = null;

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}${BASE}/events`, ['toneguard.v1', 'bearer.' + session.token]);
    socket.onmessage = (m) => {
      let event;
      try { event = JSON.parse(m.data); } catch (e) { return; }
      if (event.type === 'subscribed') {
        delay = 1000;
        onState('live', event);
      }
      onEvent(event);
    };
    socket.onclose = () => {
      socket = null;
      if (stopped) return;
      onState('offline');
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    };
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (socket) socket.close(1000, 'signed out');
  };
}
