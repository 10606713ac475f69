// The agent desktop: sign in, my calls, one secure capture at a time, live masked progress.
import { api, ApiError, openEvents, session } from './api.js';

const FIELD_LABELS = {
  cardNumber: 'Card number',
  expiry: 'Expiry date',
  securityCode: 'Security code',
  postcode: 'Postcode',
  routingNumber: 'Routing number',
  accountNumber: 'Account number',
};
const STATE_LABELS = {
  collecting: 'Collecting', ready: 'Ready to process', processing: 'Processing…', approved: 'Approved',
  declined: 'Declined', failed: 'Failed', cancelled: 'Cancelled', timedOut: 'Timed out',
};
const FIELD_STATE_LABELS = { waiting: 'Waiting', entering: 'Entering', obtained: 'Obtained', invalid: 'Invalid' };
const FINAL = new Set(['approved', 'declined', 'failed', 'cancelled', 'timedOut']);

const $ = (id) => document.getElementById(id);
const state = {
  calls: [],
  selectedCallId: null,
  capture: null,      // the CaptureView being shown
  recording: null,    // 'paused' | 'resumed' | null
  stopEvents: null,
  refreshTimer: null,
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function showError(id, err) {
  $(id).textContent = err ? (err.message || String(err)) : '';
}

// ---- sign in / out ----

async function signIn(token) {
  session.token = token;
  try {
    state.calls = await api.calls();
  } catch (e) {
    session.token = null;
    throw e;
  }
  $('sign-in-panel').hidden = true;
  $('desk').hidden = false;
  $('session').hidden = false;
  renderCalls();
  state.stopEvents = openEvents(onEvent, onStreamState);
  state.refreshTimer = setInterval(refreshCalls, 3000);
}

function signOut() {
  session.token = null;
  if (state.stopEvents) state.stopEvents();
  clearInterval(state.refreshTimer);
  Object.assign(state, { calls: [], selectedCallId: null, capture: null, recording: null, stopEvents: null });
  $('desk').hidden = true;
  $('session').hidden = true;
  $('sign-in-panel').hidden = false;
  $('token').value = '';
  $('token').focus();
}

function onStreamState(s, hello) {
  const live = $('live');
  live.className = 'live ' + (s === 'live' ? 'on' : 'off');
  live.textContent = s === 'live' ? 'Live' : 'Reconnecting…';
  if (hello) $('who').textContent = 'Signed in as ' + hello.agent + (hello.admin ? ' (admin)' : '');
  if (s === 'live') { refreshCalls(); refreshCapture(); }
  if (s === 'offline') api.calls().catch((e) => { if (e.status === 401) signOut(); });
}

// ---- calls ----

async function refreshCalls() {
  try {
    state.calls = await api.calls();
    renderCalls();
  } catch (e) {
    if (e.status === 401) signOut();
  }
}

function renderCalls() {
  const list = $('call-list');
  list.replaceChildren();
  $('no-calls').hidden = state.calls.length > 0;
  if (!state.calls.some((c) => c.id === state.selectedCallId)) {
    state.selectedCallId = state.calls.length === 1 ? state.calls[0].id : null;
  }
  for (const c of state.calls) {
    const started = c.answeredAt || c.startedAt;
    const item = el('button', {
      type: 'button', class: 'call', 'data-call-id': c.id, 'aria-pressed': String(c.id === state.selectedCallId),
      onclick: () => selectCall(c.id),
    },
    el('span', { class: 'caller', text: callerName(c.caller) }),
    el('span', { class: 'call-meta', text: (started ? 'since ' + new Date(started).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '') + ' · ' + c.state }),
    c.captureId ? el('span', { class: 'badge collecting tag', text: 'Capture running' }) : null);
    list.append(el('li', {}, item));
  }
  renderCapturePanel();
}

function callerName(uri) {
  if (!uri) return 'Unknown caller';
  const m = /^sips?:([^@;]+)/.exec(uri);
  return m ? decodeURIComponent(m[1]) : uri;
}

function selectedCall() {
  return state.calls.find((c) => c.id === state.selectedCallId) || null;
}

function selectCall(id) {
  state.selectedCallId = id;
  const call = selectedCall();
  if (state.capture && state.capture.callId !== id && !FINAL.has(state.capture.state)) state.capture = null;
  renderCalls();
  if (call && call.captureId && (!state.capture || state.capture.id !== call.captureId)) loadCapture(call.captureId);
}

// ---- capture ----

async function loadCapture(id) {
  try {
    state.capture = await api.capture(id);
    renderCapturePanel();
  } catch (e) {
    if (e.status === 401) signOut();
  }
}

let captureRefresh = null;
function refreshCapture() {
  if (!state.capture) {
    const call = selectedCall();
    if (call && call.captureId) loadCapture(call.captureId);
    return;
  }
  clearTimeout(captureRefresh);
  const id = state.capture.id;
  captureRefresh = setTimeout(() => loadCapture(id), 150);
}

function renderCapturePanel() {
  const call = selectedCall();
  const c = state.capture;
  const showing = c && (!call || c.callId === call.id || FINAL.has(c.state));
  $('no-call-selected').hidden = Boolean(call) || Boolean(showing);
  $('capture-form').hidden = !call || Boolean(showing) || Boolean(call.captureId);
  $('capture-view').hidden = !showing;
  if (call) $('form-caller').textContent = callerName(call.caller);
  if (showing) renderCapture(c);
}

function renderCapture(c) {
  $('capture-amount').textContent = formatAmount(c.amount);
  $('capture-reference').textContent = 'Ref. ' + c.reference;
  $('capture-description').textContent = c.description ? '· ' + c.description : '';
  const badge = $('capture-state');
  badge.className = 'badge ' + c.state;
  badge.textContent = STATE_LABELS[c.state] || c.state;

  const rec = $('recording');
  rec.hidden = !state.recording;
  rec.className = 'badge badge-rec ' + (state.recording || '');
  rec.textContent = state.recording === 'paused' ? 'Recording paused' : 'Recording resumed';

  const ivr = $('ivr');
  ivr.hidden = !state.ivr;
  ivr.textContent = state.ivr === 'in' ? 'Caller in payment IVR' : 'Back from IVR: ' + (IVR_OUTCOMES[state.ivr] || state.ivr);

  const open = !FINAL.has(c.state) && c.state !== 'processing';
  const list = $('fields');
  // rows are redrawn as events arrive: keep keyboard focus on the same button
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusKey = focused && focused.closest('[data-field]')
    ? `[data-field="${focused.closest('[data-field]').dataset.field}"] [data-action="${focused.dataset.action}"]` : null;
  list.replaceChildren(...c.fields.map((f) => fieldRow(c, f, open)));
  if (focusKey) list.querySelector(focusKey)?.focus();

  $('process').disabled = c.state !== 'ready';
  $('process').hidden = FINAL.has(c.state);
  $('cancel').hidden = !open;
  $('done').hidden = !FINAL.has(c.state);
  renderResult(c);
}

function fieldRow(c, f, open) {
  const active = c.activeField === f.field && f.state !== 'obtained';
  const label = FIELD_LABELS[f.field] || f.field;
  return el('li', { class: 'field-row' + (active ? ' active' : ''), 'data-field': f.field, 'data-state': f.state },
    el('span', { class: 'field-name' }, label, f.required ? null : el('span', { class: 'req', text: 'optional' })),
    el('span', { class: 'badge field-state ' + f.state, text: FIELD_STATE_LABELS[f.state] || f.state }),
    el('span', { class: 'field-detail' }, ...fieldDetail(f, active)),
    !open ? null : el('span', { class: 'field-buttons' },
      el('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-action': 'request',
        'aria-label': (f.state === 'waiting' ? 'Request ' : 'Re-request ') + label, onclick: () => act(() => api.requestField(c.id, f.field)) },
        f.state === 'waiting' ? 'Request' : 'Re-request'),
      el('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-action': 'clear', disabled: f.state === 'waiting',
        'aria-label': 'Clear ' + label, onclick: () => act(() => api.clearField(c.id, f.field)) }, 'Clear')));
}

function fieldDetail(f, active) {
  switch (f.state) {
    case 'entering': {
      const dots = el('span', { class: 'dots', 'aria-hidden': 'true' });
      for (let i = 0; i < Math.min(f.digits, 19); i++) dots.append(el('i'));
      return [dots, el('span', { text: f.digits === 1 ? '1 digit' : f.digits + ' digits' })];
    }
    case 'obtained': {
      const parts = [];
      if (f.brand) parts.push(el('span', { class: 'card-brand ' + f.brand.toLowerCase().replace(/[^a-z]/g, ''), text: f.brand }));
      parts.push(el('span', { class: 'masked', text: f.masked || (f.field === 'securityCode' ? '•••' : f.digits + ' digits') }));
      return parts;
    }
    case 'invalid':
      return [el('span', { class: 'reason', text: f.invalidReason || 'Not valid' })];
    default:
      return [el('span', { class: 'empty', text: active ? 'Asking the caller…' : '' })];
  }
}

function renderResult(c) {
  const box = $('result');
  box.replaceChildren();
  box.className = 'result ' + c.state;
  box.hidden = !(FINAL.has(c.state) || c.state === 'processing');
  if (box.hidden) return;
  const titles = {
    processing: 'Processing payment…', approved: 'Payment approved', declined: 'Payment declined',
    failed: 'Payment failed', cancelled: 'Capture cancelled', timedOut: 'Capture timed out',
  };
  box.append(el('h3', { text: titles[c.state] }));
  if (c.state === 'approved') {
    box.append(el('dl', {},
      el('dt', { text: 'Transaction ID' }), el('dd', { id: 'transaction-id', text: c.transactionId || '—' }),
      el('dt', { text: 'Authorization code' }), el('dd', { id: 'authorization-code', text: c.authorizationCode || '—' })));
  } else if (c.resultMessage && c.state !== 'processing') {
    box.append(el('p', { class: 'result-message', text: c.resultMessage }));
  }
}

function formatAmount(a) {
  if (!a) return '';
  try {
    const digits = a.display.includes('.') ? a.display.split(' ')[0].split('.')[1].length : 0;
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: a.currency, minimumFractionDigits: digits })
      .format(Number(a.display.split(' ')[0]));
  } catch (e) {
    return a.display;
  }
}

async function act(fn) {
  showError('action-error', null);
  try {
    state.capture = await fn();
    renderCapturePanel();
  } catch (e) {
    if (e.status === 401) signOut(); else showError('action-error', e);
  }
}

// ---- events: applied at once for a live view, then the capture is fetched again as the truth ----

function onEvent(e) {
  if (e.type === 'subscribed') return;
  const c = state.capture;
  if (e.type === 'captureStarted' || FINAL_EVENTS.has(e.type)) refreshCalls();
  if (e.type === 'recordingPaused' || e.type === 'recordingResumed') {
    if (!c || c.id === e.captureId) state.recording = e.type === 'recordingPaused' ? 'paused' : 'resumed';
  }
  if (e.type === 'ivrStarted' || e.type === 'ivrEnded') {
    if (!c || c.id === e.captureId) state.ivr = e.type === 'ivrStarted' ? 'in' : e.outcome;
    if (c && c.id === e.captureId) renderCapturePanel();
  }
  if (!c || c.id !== e.captureId) {
    if (e.type === 'captureStarted' && e.callId === state.selectedCallId) loadCapture(e.captureId);
    return;
  }
  apply(c, e);
  renderCapturePanel();
  refreshCapture();
}

const IVR_OUTCOMES = {
  paid: 'paid', declined: 'declined', failed: 'failed', cancelled: 'cancelled',
  noInput: 'no input', tooManyAttempts: 'too many attempts',
};

const FINAL_EVENTS = new Set(['paymentApproved', 'paymentDeclined', 'paymentFailed', 'captureCancelled', 'captureTimedOut']);

function apply(c, e) {
  const field = (name) => c.fields.find((f) => f.field === name);
  const set = (name, patch) => { const f = field(name); if (f) Object.assign(f, patch); };
  switch (e.type) {
    case 'fieldStarted': c.activeField = e.field; set(e.field, { state: 'entering', digits: 0, invalidReason: null }); break;
    case 'digitProgress': c.activeField = e.field; set(e.field, { state: 'entering', digits: e.digits }); break;
    case 'fieldObtained': set(e.field, { state: 'obtained', brand: e.brand, masked: e.masked, digits: e.digits }); break;
    case 'fieldInvalid': set(e.field, { state: 'invalid', invalidReason: e.reason }); break;
    case 'fieldCleared': set(e.field, { state: 'waiting', digits: 0, brand: null, masked: null, invalidReason: null }); break;
    case 'readyToProcess': c.state = 'ready'; break;
    case 'paymentSubmitted': c.state = 'processing'; break;
    case 'paymentApproved': Object.assign(c, { state: 'approved', transactionId: e.transactionId, authorizationCode: e.authorizationCode, resultMessage: e.message }); break;
    case 'paymentDeclined': Object.assign(c, { state: 'declined', resultMessage: e.reason }); break;
    case 'paymentFailed': Object.assign(c, { state: 'failed', resultMessage: e.reason }); break;
    case 'captureCancelled': Object.assign(c, { state: 'cancelled', resultMessage: 'Cancelled by ' + e.by }); break;
    case 'captureTimedOut': Object.assign(c, { state: 'timedOut' }); break;
    default: break;
  }
}

// ---- forms and buttons ----

function wire() {
  $('sign-in-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError('sign-in-error', null);
    const token = $('token').value.trim();
    if (!token) { showError('sign-in-error', new Error('Enter your access token.')); return; }
    try {
      await signIn(token);
    } catch (e) {
      showError('sign-in-error', e.status === 401 ? new Error('That token was not accepted.') : e);
    }
  });
  $('sign-out').addEventListener('click', signOut);
  $('refresh-calls').addEventListener('click', refreshCalls);
  $('capture-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError('capture-error', null);
    const call = selectedCall();
    if (!call) return;
    const amount = $('amount').value.trim();
    if (!/^\d+(\.\d+)?$/.test(amount)) {
      showError('capture-error', new Error('Enter the amount as a number, such as 25.50.'));
      $('amount').focus();
      return;
    }
    const request = {
      kind: document.querySelector('input[name="kind"]:checked').value,
      amount,
      currency: $('currency').value,
    };
    const reference = $('reference').value.trim();
    const description = $('description').value.trim();
    if (reference) request.reference = reference;
    if (description) request.description = description;
    const viaIvr = ev.submitter && ev.submitter.id === 'start-ivr';
    $('start-capture').disabled = true;
    $('start-ivr').disabled = true;
    try {
      state.recording = null;
      state.ivr = viaIvr ? 'in' : null;
      state.capture = viaIvr ? await api.startIvr(call.id, request) : await api.startCapture(call.id, request);
      $('capture-form').reset();
      await refreshCalls();
      renderCapturePanel();
      $('capture-title').focus?.();
    } catch (e) {
      if (e.status === 401) signOut(); else showError('capture-error', e);
    } finally {
      $('start-capture').disabled = false;
      $('start-ivr').disabled = false;
    }
  });
  $('process').addEventListener('click', () => {
    $('process').disabled = true;
    act(() => api.process(state.capture.id));
  });
  $('cancel').addEventListener('click', () => act(() => api.cancel(state.capture.id)));
  $('done').addEventListener('click', () => {
    state.capture = null;
    state.recording = null;
    state.ivr = null;
    showError('action-error', null);
    renderCalls();
  });
}

wire();
if (session.token) {
  signIn(session.token).catch(() => signOut());
}
