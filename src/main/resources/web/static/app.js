// signdigits page: upload, drag-and-drop or webcam frames -> POST /api/v1/predict -> digit and bars.
// Results are written with textContent only: nothing from the server is parsed as HTML.
(function () {
  'use strict';

  const form = document.getElementById('upload-form');
  const input = document.getElementById('image-input');
  const dropZone = document.getElementById('drop-zone');
  const preview = document.getElementById('preview');
  const previewCaption = document.getElementById('preview-caption');
  const button = document.getElementById('classify-button');
  const apiKey = document.getElementById('api-key');
  const digit = document.getElementById('digit');
  const confidence = document.getElementById('confidence');
  const detail = document.getElementById('result-detail');
  const error = document.getElementById('error');
  const rows = Array.from(document.querySelectorAll('#chart-body tr'));
  const webcamToggle = document.getElementById('webcam-toggle');
  const video = document.getElementById('webcam');
  const webcamStatus = document.getElementById('webcam-status');
  const maxBytes = Number(form.dataset.maxBytes);
  let previewUrl = null;

  function headers(extra) {
    const h = Object.assign({ 'Accept': 'application/json' }, extra || {});
    if (apiKey && apiKey.value) { h['X-API-Key'] = apiKey.value; }
    return h;
  }

  async function predict(body, contentType) {
    const response = await fetch('/api/v1/predict?top_k=' + rows.length, {
      method: 'POST',
      headers: headers(contentType ? { 'Content-Type': contentType } : {}),
      body: body
    });
    let json = null;
    try { json = await response.json(); } catch (e) { /* not JSON: reported below */ }
    if (!response.ok) {
      throw new Error((json && json.error) || ('The server answered ' + response.status + '.'));
    }
    return json;
  }

  function showResult(result, source) {
    error.textContent = '';
    digit.textContent = String(result.digit);
    confidence.textContent = '(' + (result.confidence * 100).toFixed(1) + '% sure)';
    detail.textContent = source + ': model ' + result.model + ', ' + Math.round(result.latency_ms) + ' ms.';
    const byDigit = new Map(result.top_k.map(function (r) { return [String(r.digit), r.probability]; }));
    rows.forEach(function (row) {
      const p = byDigit.has(row.dataset.label) ? byDigit.get(row.dataset.label) : 0;
      row.querySelector('.value').textContent = (p * 100).toFixed(1) + '%';
      row.querySelector('.fill').style.width = (p * 100).toFixed(1) + '%';
      row.classList.toggle('best', row.dataset.label === String(result.digit));
    });
  }

  function showError(message) {
    error.textContent = message;
  }

  async function classifyFile(file) {
    if (!file) { showError('Choose a photo first.'); return; }
    if (file.size > maxBytes) {
      showError(file.name + ' is larger than the ' + Math.round(maxBytes / 1048576) + ' MB limit: choose a smaller photo.');
      return;
    }
    if (previewUrl) { URL.revokeObjectURL(previewUrl); }
    previewUrl = URL.createObjectURL(file);
    preview.src = previewUrl;
    preview.hidden = false;
    previewCaption.textContent = file.name;
    const data = new FormData();
    data.append('image', file, file.name);
    button.disabled = true;
    detail.textContent = 'Classifying ' + file.name + '...';
    try {
      showResult(await predict(data), file.name);
    } catch (e) {
      showError(e.message);
      detail.textContent = '';
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    classifyFile(input.files[0]);
  });
  input.addEventListener('change', function () {
    if (input.files.length > 0) { classifyFile(input.files[0]); }
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    dropZone.addEventListener(type, function (event) {
      event.preventDefault();
      dropZone.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropZone.addEventListener(type, function () { dropZone.classList.remove('dragging'); });
  });
  dropZone.addEventListener('drop', function (event) {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) { classifyFile(file); }
  });

  // Webcam: one frame in flight at a time, a square centre crop, sent as a raw JPEG body.
  const canvas = document.createElement('canvas');
  let stream = null;
  let timer = null;
  let busy = false;
  let frames = 0;

  async function classifyFrame() {
    if (busy || !stream || video.videoWidth === 0) { return; }
    busy = true;
    const side = Math.min(video.videoWidth, video.videoHeight);
    canvas.width = 224;
    canvas.height = 224;
    canvas.getContext('2d').drawImage(video, (video.videoWidth - side) / 2, (video.videoHeight - side) / 2,
      side, side, 0, 0, 224, 224);
    const session = stream;
    try {
      const blob = await new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.9); });
      const result = await predict(blob, 'image/jpeg');
      if (stream !== session) { return; } // stopped meanwhile: keep the "stopped" message
      frames += 1;
      showResult(result, 'Webcam frame ' + frames);
      webcamStatus.textContent = 'Live: ' + frames + ' frames classified.';
    } catch (e) {
      if (stream === session) { showError(e.message); }
    } finally {
      busy = false;
    }
  }

  async function startWebcam() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      webcamStatus.textContent = 'This browser does not offer a camera here (it needs https or localhost).';
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    } catch (e) {
      webcamStatus.textContent = 'The camera could not be started: ' + e.message;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    frames = 0;
    webcamToggle.textContent = 'Stop webcam';
    webcamToggle.setAttribute('aria-pressed', 'true');
    webcamStatus.textContent = 'Live: starting...';
    timer = setInterval(classifyFrame, 400);
  }

  function stopWebcam() {
    clearInterval(timer);
    timer = null;
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    webcamToggle.textContent = 'Start webcam';
    webcamToggle.setAttribute('aria-pressed', 'false');
    webcamStatus.textContent = 'Webcam stopped after ' + frames + ' frames.';
  }

  webcamToggle.addEventListener('click', function () {
    if (stream) { stopWebcam(); } else { startWebcam(); }
  });
}());
