// A finished call's result: summary, score breakdown and transcript from GET /api/calls/{id}.
// A call that has ended but is not scored yet is polled until its score arrives.
'use strict';

(() => {
  const { api, el, clock } = Sparring;
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 2000;
  const POLL_LIMIT = 60;
  const LABELS = {
    talk_ratio: 'Talk ratio', filler_rate: 'Filler words', pace: 'Pace', longest_monologue: 'Longest monologue',
    questions: 'Questions asked', interruptions: 'Interruptions', patience: 'Patience', interactivity: 'Interactivity',
    required_phrases: 'Required phrases', objections: 'Objections handled', goal: 'Goal reached',
  };
  const callId = decodeURIComponent(location.pathname.split('/').pop());
  let polls = 0;

  const signIn = Sparring.wireSignIn(() => load());
  if (Sparring.apiKey()) load(); else signIn.show('');

  async function load() {
    let body;
    try {
      body = await api(`/api/calls/${encodeURIComponent(callId)}`);
    } catch (e) {
      if (e.status === 401) {
        Sparring.setApiKey('');
        signIn.show(Sparring.signInMessage(e));
      } else {
        $('load-error').textContent = e.status === 404 ? 'There is no call with this address in your organisation.' : e.message;
      }
      return;
    }
    $('load-error').textContent = '';
    render(body);
    const waiting = !body.score && ['connecting', 'live', 'ended'].includes(body.state);
    if (waiting && polls++ < POLL_LIMIT) setTimeout(load, POLL_MS);
  }

  function render(call) {
    $('summary').hidden = false;
    $('scenario').textContent = call.scenario_id;
    $('state').textContent = call.state;
    const started = call.started_at ? Date.parse(call.started_at) : null;
    const ended = call.ended_at ? Date.parse(call.ended_at) : null;
    $('duration').textContent = started && ended ? clock(ended - started) : '—';
    if (call.score) {
      $('score').textContent = `${call.score.total} / 100`;
      renderBreakdown(call.score.breakdown || {});
    } else {
      $('score').textContent = call.state === 'ended' || call.state === 'live' ? 'Scoring…' : 'Not scored';
    }
    const transcript = call.transcript || [];
    $('transcript-section').hidden = transcript.length === 0;
    $('transcript').replaceChildren(...transcript.map((u) => {
      const item = el('li', { class: u.speaker === 'rep' ? 'rep' : 'prospect', 'data-speaker': u.speaker },
        el('span', { class: 'who' }, u.speaker === 'rep' ? 'You:' : 'Prospect:'), u.text);
      if (u.interrupted) item.append(' ', el('span', { class: 'cut' }, '(interrupted)'));
      return item;
    }));
  }

  function renderBreakdown(breakdown) {
    const kpis = breakdown.kpis || {};
    const rows = Object.entries(kpis).map(([key, k]) => {
      const target = Array.isArray(k.target) ? `${k.target[0]}–${k.target[1]}` : '—';
      const skill = el('td', {}, LABELS[key] || key.replace(/_/g, ' '));
      if (k.reason) skill.append(el('span', { class: 'reason' }, k.reason));
      return el('tr', { 'data-kpi': key }, skill, el('td', {}, k.display ?? '—'), el('td', {}, target),
        el('td', {}, k.score ?? '—'), el('td', {}, k.weight ?? '—'));
    });
    $('breakdown').tBodies[0].replaceChildren(...rows);
    $('breakdown-section').hidden = rows.length === 0;
  }
})();
