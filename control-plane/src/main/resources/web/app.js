// The practice page: sign in with an API key, pick a scenario, talk to the AI prospect over WebRTC.
// Signalling is WHIP-shaped: POST the offer SDP to the media server's offer_url with the call's
// session token, get the answer SDP and the call's Location back; DELETE the Location ends the call.
// The live transcript comes from the control plane's SSE stream, read with fetch() because it
// needs the Authorization header (EventSource cannot send one).
'use strict';

(() => {
  const { api, el, clock } = Sparring;
  const $ = (id) => document.getElementById(id);

  // Voice meter: a 20 ms tick reads the remote audio's level; above VOICED_RMS is "speaking", and a
  // segment ends once the level has stayed below it for HANGOVER_MS (so pauses between words do not
  // split one utterance into many).
  const TICK_MS = 20;
  const VOICED_RMS = 0.01; // about -40 dBFS
  const HANGOVER_MS = 250;
  const LIVE_RETRY_MS = 1000;
  const LIVE_AFTER_END_MS = 8000;

  // Product telemetry shown as the meter and read by the browser tests. Times are milliseconds
  // since startedAtEpochMs (the moment the media server's answer arrived); remoteAudioMs is how long
  // the prospect's audio was measured while connected, remoteVoicedMs how much of it was voiced.
  const stats = window.sparringStats = {
    status: 'idle',
    statusHistory: [],
    callId: null,
    startedAtEpochMs: null,
    connectedAtMs: null,
    endedAtMs: null,
    remoteTrack: false,
    remoteAudioMs: 0,
    remoteVoicedMs: 0,
    remoteVoicedSegments: [],
    remoteLevel: 0,
    prospectSpeaking: false,
    transcriptEvents: 0,
    error: null,
  };

  let call = null; // the current call: {id, token, offerUrl, location, pc, localStream, audioContext, ...}

  const signIn = Sparring.wireSignIn(showPractice);

  $('sign-out').addEventListener('click', async () => {
    await endCall('signed out');
    Sparring.setApiKey('');
    $('practice').hidden = true;
    $('sign-out').hidden = true;
    signIn.show('');
  });

  $('call-form').addEventListener('submit', (event) => {
    event.preventDefault();
    connect();
  });
  $('end-call').addEventListener('click', () => endCall('hangup'));
  window.addEventListener('pagehide', () => {
    if (call && call.location) {
      // Best effort: tell the media server the rep left. keepalive lets the request outlive the page.
      fetch(call.location, { method: 'DELETE', headers: { Authorization: `Bearer ${call.token}` }, keepalive: true })
        .catch(() => {});
    }
  });

  start();

  async function start() {
    if (!Sparring.apiKey()) {
      signIn.show('');
      return;
    }
    try {
      showPractice(await api('/api/scenarios'));
    } catch (e) {
      Sparring.setApiKey('');
      signIn.show(Sparring.signInMessage(e));
    }
  }

  function showPractice(body) {
    $('practice').hidden = false;
    $('sign-out').hidden = false;
    const list = $('scenarios');
    list.replaceChildren();
    const scenarios = (body && body.scenarios) || [];
    $('scenarios-loading').textContent = scenarios.length ? '' : 'No scenarios are set up for your organisation yet.';
    $('scenarios-loading').hidden = scenarios.length > 0;
    scenarios.forEach((s, i) => {
      const input = el('input', { type: 'radio', name: 'scenario', value: s.id, id: `scenario-${s.id}` });
      if (i === 0) input.checked = true;
      const difficulty = s.difficulty ? ` · difficulty ${s.difficulty}/5` : '';
      list.append(el('li', {},
        el('label', { for: input.id }, input,
          el('span', {}, el('span', { class: 'title' }, s.title || s.id),
            el('span', { class: 'desc' }, shorten(s.description || '', 160) + difficulty)))));
    });
    const first = list.querySelector('input');
    if (first) first.focus();
  }

  function shorten(text, max) {
    return text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1))}…`;
  }

  function setStatus(status) {
    if (stats.status === status) return;
    stats.status = status;
    stats.statusHistory.push({ status, atMs: sinceStart(), epochMs: Date.now() });
    const node = $('status');
    node.textContent = status;
    node.dataset.status = status;
    if (status === 'connected' && stats.connectedAtMs === null) {
      stats.connectedAtMs = sinceStart();
      call.timer = setInterval(tickTimer, 250);
    }
  }

  function sinceStart() {
    return stats.startedAtEpochMs === null ? 0 : Date.now() - stats.startedAtEpochMs;
  }

  function tickTimer() {
    if (!call || stats.connectedAtMs === null) return;
    const ms = sinceStart() - stats.connectedAtMs;
    $('timer').textContent = clock(ms);
    $('timer').setAttribute('datetime', `PT${Math.floor(ms / 1000)}S`);
  }

  function showCallError(message) {
    stats.error = message;
    $('call-error').textContent = message;
  }

  function microphoneMessage(error) {
    switch (error && error.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return 'Microphone access is blocked. Allow the microphone for this site (the microphone or lock icon in the '
          + 'address bar, or your browser\'s site settings), then press Connect again.';
      case 'NotFoundError':
      case 'OverconstrainedError':
        return 'No microphone was found. Plug in a headset or microphone, check that it is enabled in your system\'s '
          + 'sound settings, then press Connect again.';
      case 'NotReadableError':
      case 'AbortError':
        return 'Your microphone could not be opened; another application may be using it. Close that application, '
          + 'then press Connect again.';
      default:
        return `The microphone could not be started (${error && error.message ? error.message : error}).`;
    }
  }

  async function connect() {
    if (call) return;
    $('call-error').textContent = '';
    const chosen = document.querySelector('input[name=scenario]:checked');
    if (!chosen) {
      showCallError('Pick a scenario first.');
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.RTCPeerConnection) {
      showCallError('This browser cannot place calls from this address: browsers allow the microphone only on '
        + 'https:// pages or on localhost, and need WebRTC. Open the practice page over https.');
      return;
    }
    call = { ended: false, seen: new Set() };
    // Created inside the click so the browser's autoplay policy lets it run.
    call.audioContext = new AudioContext();
    $('connect').disabled = true;
    $('scenario-picker').disabled = true;
    resetCallView();
    setStatus('starting microphone');

    try {
      call.localStream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      });
    } catch (e) {
      await abandon(microphoneMessage(e), 'idle');
      return;
    }

    let created;
    try {
      setStatus('creating call');
      created = await api('/api/calls', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scenario_id: chosen.value, channel: 'webrtc' }),
      });
    } catch (e) {
      if (e.status === 401) {
        await abandon('', 'idle');
        Sparring.setApiKey('');
        $('practice').hidden = true;
        signIn.show(Sparring.signInMessage(e));
        return;
      }
      await abandon(`The call could not be created: ${e.message}`, 'failed');
      return;
    }
    call.id = created.id;
    stats.callId = created.id;
    call.token = created.connect.token;
    call.offerUrl = created.connect.offer_url;
    $('result-link').href = `/practice/calls/${encodeURIComponent(call.id)}`;

    try {
      setStatus('connecting');
      await negotiate();
    } catch (e) {
      await abandon(e.message, 'failed');
      return;
    }
    $('end-call').disabled = false;
    $('end-call').focus();
    followLive(call);
  }

  async function negotiate() {
    const pc = call.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const track = call.localStream.getAudioTracks()[0];
    const transceiver = pc.addTransceiver(track, { direction: 'sendrecv', streams: [call.localStream] });
    preferOpus(transceiver);
    pc.addEventListener('track', (event) => attachRemote(event.streams[0] || new MediaStream([event.track])));
    pc.addEventListener('connectionstatechange', onPeerState);
    pc.addEventListener('iceconnectionstatechange', onPeerState);

    await pc.setLocalDescription(await pc.createOffer());
    // ICE-lite media server: our host candidates are not needed, so the offer goes without waiting
    // for gathering to finish.
    let response;
    try {
      response = await fetch(call.offerUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', 'Authorization': `Bearer ${call.token}` },
        body: pc.localDescription.sdp,
      });
    } catch (e) {
      throw new Error(`The media server at ${new URL(call.offerUrl).origin} cannot be reached. `
        + 'It may be down or blocked by a firewall; try again in a minute.');
    }
    if (response.status !== 201) {
      const detail = await Sparring.problemDetail(response);
      throw new Error(offerRefusal(response.status, detail));
    }
    const location = response.headers.get('Location');
    if (location) call.location = new URL(location, call.offerUrl).href;
    const answer = await response.text();
    stats.startedAtEpochMs = Date.now();
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  function offerRefusal(status, detail) {
    switch (status) {
      case 400: return `The media server could not use this browser's call setup: ${detail}`;
      case 401: return `The media server refused the call's session (${detail}). Press Connect to try again.`;
      case 503: return `The practice server is busy or restarting (${detail}). Try again in a minute.`;
      default: return `The media server refused the call with ${status}: ${detail}`;
    }
  }

  function preferOpus(transceiver) {
    if (!transceiver.setCodecPreferences || !window.RTCRtpReceiver || !RTCRtpReceiver.getCapabilities) return;
    const capabilities = RTCRtpReceiver.getCapabilities('audio');
    if (!capabilities) return;
    const opus = capabilities.codecs.filter((c) => c.mimeType.toLowerCase() === 'audio/opus');
    const rest = capabilities.codecs.filter((c) => c.mimeType.toLowerCase() !== 'audio/opus');
    if (opus.length) transceiver.setCodecPreferences([...opus, ...rest]);
  }

  function onPeerState() {
    if (!call || !call.pc || call.ended) return;
    const { connectionState, iceConnectionState } = call.pc;
    if (connectionState === 'failed' || iceConnectionState === 'failed') {
      setStatus('failed');
      showCallError('The audio connection failed. Check your network (a VPN or firewall may block UDP), then connect again.');
      endCall('connection failed');
    } else if (connectionState === 'connected') {
      setStatus('connected');
    } else if (connectionState === 'disconnected' || iceConnectionState === 'disconnected') {
      setStatus(stats.connectedAtMs === null ? 'connecting' : 'reconnecting');
    } else if (connectionState === 'closed') {
      setStatus('ended');
    }
  }

  // The remote stream must play through an <audio> element (Chromium delivers no samples to
  // WebAudio otherwise); the analyser only listens, it is not connected to the speakers.
  function attachRemote(stream) {
    stats.remoteTrack = true;
    const audio = $('remote-audio');
    audio.srcObject = stream;
    audio.play().catch(() => {});
    const ctx = call.audioContext;
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    ctx.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let last = performance.now();
    let lastVoicedMs = null;
    let segment = null;
    const track = stream.getAudioTracks()[0];
    call.meter = setInterval(() => {
      const now = performance.now();
      const elapsed = now - last;
      last = now;
      // Audio counts once media flows: while the peer connection is connected.
      if (!track || track.readyState !== 'live' || !call || call.pc.connectionState !== 'connected') return;
      stats.remoteAudioMs += elapsed;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      const rms = Math.sqrt(sum / samples.length);
      stats.remoteLevel = rms;
      const t = sinceStart();
      if (rms >= VOICED_RMS) {
        stats.remoteVoicedMs += elapsed;
        if (!segment) {
          segment = { startMs: Math.max(0, Math.round(t - elapsed)), endMs: Math.round(t) };
          stats.remoteVoicedSegments.push(segment);
        }
        segment.endMs = Math.round(t);
        lastVoicedMs = t;
      } else if (segment && t - lastVoicedMs >= HANGOVER_MS) {
        segment = null;
      }
      showMeter(rms, segment !== null);
    }, TICK_MS);
  }

  function showMeter(rms, speaking) {
    // Speech sits around 0.02–0.3 RMS; a square root spreads that over the meter.
    $('prospect-level').value = Math.min(1, Math.sqrt(rms * 3));
    if (stats.prospectSpeaking !== speaking) {
      stats.prospectSpeaking = speaking;
      const label = $('prospect-speaking');
      label.textContent = speaking ? 'speaking' : 'quiet';
      label.classList.toggle('on', speaking);
    }
  }

  function resetCallView() {
    Object.assign(stats, {
      status: 'idle', statusHistory: [], callId: null, startedAtEpochMs: null, connectedAtMs: null, endedAtMs: null,
      remoteTrack: false, remoteAudioMs: 0, remoteVoicedMs: 0, remoteVoicedSegments: [], remoteLevel: 0,
      prospectSpeaking: false, transcriptEvents: 0, error: null,
    });
    $('call').hidden = false;
    $('transcript').replaceChildren();
    $('timer').textContent = '00:00';
    $('result').hidden = true;
    $('prospect-level').value = 0;
  }

  // Live transcript: history first, then new events; reconnects until the call ends, skipping
  // events already shown (by seq).
  async function followLive(current) {
    const controller = current.live = new AbortController();
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`/api/calls/${encodeURIComponent(current.id)}/live`, {
          headers: { 'Authorization': `Bearer ${Sparring.apiKey()}`, 'Accept': 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok) {
          if (response.status === 401 || response.status === 404) return;
          throw new Error(`live events answered ${response.status}`);
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (onLiveBlock(current, block) === 'ended') {
              controller.abort();
              return;
            }
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, LIVE_RETRY_MS));
    }
  }

  function onLiveBlock(current, block) {
    let type = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (!data) return null;
    let event;
    try {
      event = JSON.parse(data);
    } catch (e) {
      return null;
    }
    if (current.seen.has(event.seq)) return null;
    current.seen.add(event.seq);
    stats.transcriptEvents += 1;
    const d = event.data || {};
    if (type === 'utterance' && d.text) {
      const who = d.speaker === 'rep' ? 'You' : 'Prospect';
      const item = el('li', { class: d.speaker === 'rep' ? 'rep' : 'prospect', 'data-seq': event.seq, 'data-speaker': d.speaker },
        el('span', { class: 'who' }, `${who}:`), d.text);
      if (d.interrupted) item.append(' ', el('span', { class: 'cut' }, '(interrupted)'));
      insertBySeq(item, event.seq);
    } else if (type === 'call.ended') {
      if (current === call) endCall(d.reason || 'ended', { fromServer: true });
      return 'ended';
    }
    return null;
  }

  function insertBySeq(item, seq) {
    const list = $('transcript');
    const later = [...list.children].find((li) => Number(li.dataset.seq) > seq);
    list.insertBefore(item, later || null);
  }

  async function abandon(message, status) {
    if (message) showCallError(message);
    const current = call;
    call = null;
    release(current);
    setStatusAfter(status);
    $('connect').disabled = false;
    $('scenario-picker').disabled = false;
    $('end-call').disabled = true;
  }

  // After the call is released: no timer to start, and the same state may be shown again.
  function setStatusAfter(status) {
    stats.status = status;
    stats.statusHistory.push({ status, atMs: sinceStart(), epochMs: Date.now() });
    $('status').textContent = status;
    $('status').dataset.status = status;
  }

  async function endCall(reason, options = {}) {
    const current = call;
    if (!current || current.ended) return;
    current.ended = true;
    stats.endedAtMs = sinceStart();
    $('end-call').disabled = true;
    if (current.location && !options.fromServer) {
      try {
        await fetch(current.location, { method: 'DELETE', headers: { 'Authorization': `Bearer ${current.token}` } });
      } catch (e) {
        // The media server also ends the call when the peer connection goes away.
      }
    }
    release(current);
    if (stats.status !== 'failed') setStatusAfter('ended');
    call = null;
    $('connect').disabled = false;
    $('scenario-picker').disabled = false;
    if (current.id) {
      $('result').hidden = false;
      $('result-link').focus();
    }
    // Keep listening briefly for the last utterances and call.ended, then stop.
    if (current.live) setTimeout(() => current.live.abort(), options.fromServer ? 0 : LIVE_AFTER_END_MS);
  }

  function release(current) {
    if (!current) return;
    clearInterval(current.timer);
    clearInterval(current.meter);
    if (current.pc) current.pc.close();
    if (current.localStream) current.localStream.getTracks().forEach((t) => t.stop());
    if (current.audioContext) current.audioContext.close().catch(() => {});
    const audio = $('remote-audio');
    audio.srcObject = null;
    showMeter(0, false);
  }
})();
