// signdigits page: upload, drag-and-drop or webcam frames -> POST /api/v1/predict -> digit and bars,
// and for a model trained with the hand locator the hand's box and 21 landmarks drawn over the photo
// or the live video, or "No hand in view"; an answer below the server's confidence floor shows
// "not sure (best guess 4, 41%)" instead of a digit, with the bars as usual.
// Results are written with textContent only: nothing from the server is parsed as HTML.
(function () {
  'use strict';

  const form = document.getElementById('upload-form');
  const input = document.getElementById('image-input');
  const dropZone = document.getElementById('drop-zone');
  const previewStage = document.getElementById('preview-stage');
  const preview = document.getElementById('preview');
  const previewOverlay = document.getElementById('preview-overlay');
  const previewCaption = document.getElementById('preview-caption');
  const button = document.getElementById('classify-button');
  const apiKey = document.getElementById('api-key');
  const result = document.getElementById('result');
  const digit = document.getElementById('digit');
  const confidence = document.getElementById('confidence');
  const noHand = document.getElementById('no-hand');
  const notSure = document.getElementById('not-sure');
  const detail = document.getElementById('result-detail');
  const error = document.getElementById('error');
  const rows = Array.from(document.querySelectorAll('#chart-body tr'));
  const webcamToggle = document.getElementById('webcam-toggle');
  const webcamStage = document.getElementById('webcam-stage');
  const video = document.getElementById('webcam');
  const webcamOverlay = document.getElementById('webcam-overlay');
  const webcamStatus = document.getElementById('webcam-status');
  const maxBytes = Number(form.dataset.maxBytes);
  let previewUrl = null;

  // MediaPipe's hand connections: thumb, index, middle, ring, little finger, and the palm.
  const CONNECTIONS = [[0, 1], [1, 2], [2, 3], [3, 4], [0, 5], [5, 6], [6, 7], [7, 8], [5, 9], [9, 10], [10, 11],
    [11, 12], [9, 13], [13, 14], [14, 15], [15, 16], [13, 17], [0, 17], [17, 18], [18, 19], [19, 20]];

  function headers(extra) {
    const h = Object.assign({ 'Accept': 'application/json' }, extra || {});
    if (apiKey && apiKey.value) { h['X-API-Key'] = apiKey.value; }
    return h;
  }

  async function predict(body, contentType) {
    const response = await fetch('/api/v1/predict?landmarks=true&top_k=' + rows.length, {
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

  // The overlay has the photo's own pixel size and is stretched over the picture by CSS, so the
  // server's source-pixel coordinates are drawn as they are.
  function drawHand(overlay, width, height, hand) {
    if (overlay.width !== width || overlay.height !== height) {
      overlay.width = width;
      overlay.height = height;
    }
    const g = overlay.getContext('2d');
    g.clearRect(0, 0, overlay.width, overlay.height);
    if (!hand || !hand.found) {
      overlay.dataset.hand = hand ? 'none' : '';
      return;
    }
    const line = Math.max(2, Math.round(Math.max(width, height) / 200));
    const b = hand.box;
    g.lineWidth = line;
    g.strokeStyle = '#ffbf47';
    g.strokeRect(b[0], b[1], b[2], b[3]);
    const points = hand.landmarks || [];
    if (points.length === 21) {
      g.strokeStyle = '#1a7f37';
      g.beginPath();
      CONNECTIONS.forEach(function (c) {
        g.moveTo(points[c[0]][0], points[c[0]][1]);
        g.lineTo(points[c[1]][0], points[c[1]][1]);
      });
      g.stroke();
      g.fillStyle = '#b3261e';
      points.forEach(function (p) {
        g.beginPath();
        g.arc(p[0], p[1], line * 1.5, 0, 2 * Math.PI);
        g.fill();
      });
    }
    overlay.dataset.hand = 'found';
  }

  function clearBars() {
    rows.forEach(function (row) {
      row.querySelector('.value').textContent = '–';
      row.querySelector('.fill').style.width = '0%';
      row.classList.remove('best');
    });
  }

  function handText(hand) {
    if (!hand || !hand.found) { return ''; }
    return ' Hand found (' + hand.handedness + ', ' + Math.round(hand.score * 100) + '% sure it is a hand).';
  }

  function showBars(answer, best) {
    const byDigit = new Map(answer.top_k.map(function (r) { return [String(r.digit), r.probability]; }));
    rows.forEach(function (row) {
      const p = byDigit.has(row.dataset.label) ? byDigit.get(row.dataset.label) : 0;
      row.querySelector('.value').textContent = (p * 100).toFixed(1) + '%';
      row.querySelector('.fill').style.width = (p * 100).toFixed(1) + '%';
      row.classList.toggle('best', row.dataset.label === String(best));
    });
  }

  function showResult(answer, source) {
    error.textContent = '';
    notSure.hidden = true;
    if (answer.not_sure) { // classified, but below the confidence floor: no digit, the best guess shown as such
      result.dataset.state = 'not-sure';
      noHand.hidden = true;
      digit.textContent = '?';
      confidence.textContent = '';
      notSure.textContent = 'not sure (best guess ' + answer.best_guess + ', '
        + Math.round(answer.confidence * 100) + '%)';
      notSure.hidden = false;
      detail.textContent = source + ': model ' + answer.model + ', ' + Math.round(answer.latency_ms) + ' ms.'
        + handText(answer.hand);
      showBars(answer, answer.best_guess);
      return;
    }
    if (answer.digit === null) { // the model looked for a hand and found none: an answer, not a weak digit
      result.dataset.state = 'no-hand';
      digit.textContent = '–';
      confidence.textContent = '';
      noHand.hidden = false;
      detail.textContent = source + ': ' + (answer.reason || 'no hand found.') + ' Model ' + answer.model + ', '
        + Math.round(answer.latency_ms) + ' ms.';
      clearBars();
      return;
    }
    result.dataset.state = 'digit';
    noHand.hidden = true;
    digit.textContent = String(answer.digit);
    confidence.textContent = '(' + (answer.confidence * 100).toFixed(1) + '% sure)';
    detail.textContent = source + ': model ' + answer.model + ', ' + Math.round(answer.latency_ms) + ' ms.'
      + handText(answer.hand);
    showBars(answer, answer.digit);
  }

  function showError(message) {
    error.textContent = message;
  }

  // A small photo (the dataset's are 100x100) is shown at least 240 px on its longer side, so its
  // hand box and landmarks can be seen; larger ones keep the stylesheet's limits.
  function fitSmall(img) {
    const side = Math.max(img.naturalWidth, img.naturalHeight);
    img.style.width = side > 0 && side < 240 ? Math.round(img.naturalWidth * 240 / side) + 'px' : '';
  }
  preview.addEventListener('load', function () { fitSmall(preview); });

  function imageLoaded(img) {
    if (img.complete && img.naturalWidth > 0) { return Promise.resolve(); }
    return new Promise(function (resolve) {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', resolve, { once: true });
    });
  }

  async function classifyFile(file) {
    if (!file) { showError('Choose a photo first.'); return; }
    if (file.size > maxBytes) {
      showError(file.name + ' is larger than the ' + Math.round(maxBytes / 1048576) + ' MB limit: choose a smaller photo.');
      return;
    }
    if (previewUrl) { URL.revokeObjectURL(previewUrl); }
    previewUrl = URL.createObjectURL(file);
    drawHand(previewOverlay, 1, 1, null);
    preview.src = previewUrl;
    previewStage.hidden = false;
    previewCaption.textContent = file.name;
    const data = new FormData();
    data.append('image', file, file.name);
    button.disabled = true;
    detail.textContent = 'Classifying ' + file.name + '...';
    try {
      const answer = await predict(data);
      showResult(answer, file.name);
      await imageLoaded(preview);
      // the browser shows the photo upright by its EXIF orientation, as the server read it
      drawHand(previewOverlay, preview.naturalWidth || 1, preview.naturalHeight || 1, answer.hand);
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

  // Webcam: the whole frame, sent as a raw JPEG body; one frame in flight at a time, the next sent
  // as soon as the answer is in, so the rate is what the server and the network allow.
  const canvas = document.createElement('canvas');
  const RETRY_MS = 500;
  let stream = null;
  let frames = 0;
  let hands = 0;
  let answeredAt = [];

  function framesPerSecond() {
    if (answeredAt.length < 2) { return 0; }
    return (answeredAt.length - 1) * 1000 / (answeredAt[answeredAt.length - 1] - answeredAt[0]);
  }

  function showRate() {
    const fps = framesPerSecond();
    webcamStatus.dataset.frames = String(frames);
    webcamStatus.dataset.hands = String(hands);
    webcamStatus.dataset.fps = fps.toFixed(2);
    webcamStatus.textContent = 'Live: ' + frames + ' frames classified, ' + fps.toFixed(1) + ' frames/s.';
  }

  async function classifyFrame(session) {
    if (stream !== session) { return; }
    if (video.videoWidth === 0) { setTimeout(function () { classifyFrame(session); }, 50); return; }
    const width = video.videoWidth;
    const height = video.videoHeight;
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').drawImage(video, 0, 0, width, height);
    let wait = 0;
    try {
      const blob = await new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.85); });
      const answer = await predict(blob, 'image/jpeg');
      if (stream !== session) { return; } // stopped meanwhile: keep the "stopped" message
      frames += 1;
      if (answer.hand && answer.hand.found) { hands += 1; }
      answeredAt.push(performance.now());
      if (answeredAt.length > 20) { answeredAt.shift(); }
      showResult(answer, 'Webcam frame ' + frames);
      drawHand(webcamOverlay, width, height, answer.hand);
      showRate();
    } catch (e) {
      if (stream === session) { showError(e.message); }
      wait = RETRY_MS; // e.g. 503 under load: try again shortly, not at once
    }
    if (stream === session) { setTimeout(function () { classifyFrame(session); }, wait); }
  }

  async function startWebcam() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      webcamStatus.textContent = 'This browser does not offer a camera here (it needs https or localhost).';
      return;
    }
    let session;
    try {
      session = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    } catch (e) {
      webcamStatus.textContent = 'The camera could not be started: ' + e.message;
      return;
    }
    stream = session;
    video.srcObject = stream;
    webcamStage.hidden = false;
    frames = 0;
    hands = 0;
    answeredAt = [];
    drawHand(webcamOverlay, 1, 1, null);
    webcamToggle.textContent = 'Stop webcam';
    webcamToggle.setAttribute('aria-pressed', 'true');
    webcamStatus.textContent = 'Live: starting...';
    classifyFrame(session);
  }

  function stopWebcam() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.srcObject = null;
    webcamStage.hidden = true;
    webcamToggle.textContent = 'Start webcam';
    webcamToggle.setAttribute('aria-pressed', 'false');
    webcamStatus.textContent = 'Webcam stopped after ' + frames + ' frames.';
  }

  webcamToggle.addEventListener('click', function () {
    if (stream) { stopWebcam(); } else { startWebcam(); }
  });
}());
