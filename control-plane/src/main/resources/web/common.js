// Shared by the practice and result pages: the API key in sessionStorage and API calls that turn
// problem+json answers into readable messages. No framework, no build step.
'use strict';

const Sparring = (() => {
  const KEY = 'sparring.apiKey';

  /** An API answer that was not 2xx; message is what to show the rep. */
  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function apiKey() {
    return sessionStorage.getItem(KEY) || '';
  }

  function setApiKey(value) {
    if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
  }

  async function problemDetail(response) {
    try {
      const type = response.headers.get('Content-Type') || '';
      if (type.includes('json')) {
        const body = await response.json();
        return body.detail || body.title || `HTTP ${response.status}`;
      }
      const text = await response.text();
      return text.trim().slice(0, 300) || `HTTP ${response.status}`;
    } catch (e) {
      return `HTTP ${response.status}`;
    }
  }

  /** fetch() against the control plane with the rep's key; resolves to parsed JSON. */
  async function api(path, options = {}) {
    const headers = Object.assign({ 'Authorization': `Bearer ${apiKey()}`, 'Accept': 'application/json' }, options.headers || {});
    let response;
    try {
      response = await fetch(path, Object.assign({}, options, { headers }));
    } catch (e) {
      throw new ApiError(0, 'The Sparring server cannot be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      throw new ApiError(response.status, await problemDetail(response));
    }
    return response.status === 204 ? null : response.json();
  }

  /** What to tell a rep whose key was refused. */
  function signInMessage(error) {
    if (error.status === 401) {
      return 'That API key was not accepted. Check it for typos, or ask your coach for a new one.';
    }
    return error.message;
  }

  /** Wires a sign-in form: checks the key with a cheap authenticated call, then calls onSignedIn. */
  function wireSignIn(onSignedIn) {
    const section = document.getElementById('sign-in');
    const form = document.getElementById('sign-in-form');
    const input = document.getElementById('api-key');
    const error = document.getElementById('sign-in-error');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const value = input.value.trim();
      if (!value) {
        error.textContent = 'Enter your API key.';
        input.focus();
        return;
      }
      setApiKey(value);
      try {
        const scenarios = await api('/api/scenarios');
        input.value = '';
        section.hidden = true;
        onSignedIn(scenarios);
      } catch (e) {
        setApiKey('');
        error.textContent = signInMessage(e);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
    return {
      show(message) {
        section.hidden = false;
        error.textContent = message || '';
        input.focus();
      },
    };
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'class') node.className = value; else node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const mm = String(Math.floor(s / 60)).padStart(2, '0');
    return `${mm}:${String(s % 60).padStart(2, '0')}`;
  }

  return { ApiError, api, apiKey, setApiKey, problemDetail, signInMessage, wireSignIn, el, clock };
})();
