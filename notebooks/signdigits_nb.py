"""What the notebooks share: find the project, run its command line, start and query its server.

Nothing here computes a result of its own: every number the notebooks show comes from signdigits
itself (its JSON output, its run files, its HTTP answers). This module only runs it and reads it.
"""
import atexit
import base64
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pandas as pd
from PIL import Image, ImageOps


def find_root(start=None):
    """The project root: the nearest folder, from here upwards, holding the launcher and pom.xml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "signdigits").is_file() and (folder / "pom.xml").is_file():
            return folder
    raise FileNotFoundError(f"No signdigits project (launcher and pom.xml) in {here} or above: "
                            "open the notebook from the project's notebooks/ folder.")


ROOT = find_root(Path(__file__).parent)
LAUNCHER = ROOT / "signdigits"

# The notebooks train into their own models folder, so the user's models/finetuned/latest is never replaced.
NOTEBOOK_MODELS = ROOT / "target" / "notebooks" / "models"

# A short demonstration run (a few minutes on two cores): small input, few epochs, one variant per
# photo. An empty list trains with the project's defaults (the accuracy reported in docs/performance.md).
# The demo reads whole photos (--hand-locator off): notebook 03's occlusion map then lies on the photo
# itself, and the short run skips locating 1,862 photos. The default (auto) trains on hand crops.
DEMO_TRAIN_ARGS = ["--input-size", "128", "--epochs", "4", "--augment-copies", "1", "--hand-locator", "off"]
# ...with one PyTorch thread: the short run needs under a minute of CPU either way, and a single
# thread keeps its speed when other jobs share the cores, where waiting PyTorch threads spin and a
# two-thread run measured 3-4x slower (docs/notebooks.md). Not for the default training: {} = all cores.
DEMO_TRAIN_ENV = {"SIGNDIGITS_THREADS": "1"}

# Progress bars ("epoch 2/4 [####----] ...") redraw many times; the notebooks keep only their final line.
_PROGRESS = re.compile(r"\[[#\-]+\]")
# PyTorch's native deprecation warning on engine start ("[W1124 18:01:09.44 LegacyTypeDispatch.h:74]
# Warning: AutoNonVariableTypeMode is deprecated..."): about PyTorch's internals, nothing a user can act on.
_NATIVE_WARNING = re.compile(r"^\[W\d{4} [\d:.]+ \S+\] Warning: AutoNonVariableTypeMode")


def signdigits(*args, quiet=False, env=None):
    """Runs `./signdigits ARGS` in the project root (with `env` added to the environment) and returns its standard output.

    Log lines (standard error) are echoed as they come, except intermediate progress-bar lines.
    A non-zero exit raises RuntimeError carrying the command's last error lines.
    """
    command = [str(LAUNCHER), *map(str, args)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    stdout = []
    reader = threading.Thread(target=lambda: stdout.append(process.stdout.read()), daemon=True)
    reader.start()
    recent = []
    for line in process.stderr:
        line = line.rstrip("\n")
        recent = (recent + [line])[-20:]
        if quiet or _NATIVE_WARNING.match(line):
            continue
        if not _PROGRESS.search(line) or "took" in line:
            print(line, flush=True)
    process.wait()
    reader.join()
    if process.returncode != 0:
        raise RuntimeError(f"signdigits {' '.join(map(str, args))} exited with {process.returncode}:\n"
                           + "\n".join(recent))
    return "".join(stdout)


def signdigits_json(*args):
    """Runs a signdigits command that prints JSON (`--json`) and returns it parsed."""
    return json.loads(signdigits(*args, quiet=True))


def project_path(path):
    """A path printed by signdigits, which is relative to the project root when not absolute."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def read_manifest(path):
    """A signdigits split manifest: its '# key: value' header as a dict, and its rows (file, label, group, split)."""
    header, rows = {}, []
    with open(path, newline="") as lines:
        for line in lines:
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                header[key.strip()] = value.strip()
            else:
                rows.append(line)
    table = pd.read_csv(io.StringIO("".join(rows)), dtype={"label": str, "group": str})
    return header, table


def read_photo(path):
    """A photo as signdigits sees it: EXIF orientation applied, RGB."""
    with Image.open(path) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def latest_demo_model():
    """The newest model trained by notebook 02; trains a short one first when there is none."""
    latest = NOTEBOOK_MODELS / "finetuned" / "latest"
    if not (latest / "model.params").is_file():
        print("No model from notebook 02 yet: training a short one (a few minutes).")
        signdigits("train", "--models-dir", NOTEBOOK_MODELS, *DEMO_TRAIN_ARGS, env=DEMO_TRAIN_ENV)
    return latest.resolve()


class Server:
    """`signdigits serve` on a free port, as a child process of this kernel.

    Stopped by stop() (SIGTERM, then wait); also when the kernel exits (atexit) and, should the
    kernel be killed outright, by the parent-death signal that setpriv arranges, so a failed
    notebook never leaves a server running.
    """

    def __init__(self, model, *extra_args, start_timeout_s=300):
        self.log_path = ROOT / "target" / "notebooks" / "serve.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [str(LAUNCHER), "serve", "--model", str(model), "--port", "0", "--watch-interval-ms", "0",
                   *map(str, extra_args)]
        if shutil.which("setpriv"):
            command = ["setpriv", "--pdeathsig", "TERM", "--", *command]
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=self._log, text=True)
        atexit.register(self.stop)
        self.output = []
        lines = queue.Queue()
        threading.Thread(target=self._drain, args=(lines,), daemon=True).start()
        self.url = self._await_url(lines, start_timeout_s)
        self._await_ready(start_timeout_s)

    def _drain(self, lines):
        for line in self.process.stdout:  # keeps reading so the server never blocks on a full pipe
            self.output.append(line.rstrip("\n"))
            lines.put(line)
        lines.put(None)

    def _await_url(self, lines, timeout_s):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                break
            found = re.search(r"Serving on (http://\S+?)/? ", line)
            if found:
                return found.group(1)
        self.stop()
        raise RuntimeError(f"signdigits serve did not start within {timeout_s} s; its log:\n"
                           + self.log_path.read_text()[-3000:])

    def _await_ready(self, timeout_s):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if self.get("/v2/health/ready").get("ready"):
                    return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{self.url}/v2/health/ready did not turn ready within {timeout_s} s.")

    def _send(self, request):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{request.get_method()} {request.full_url} answered {error.code}: "
                               f"{error.read().decode(errors='replace')}") from None

    def get(self, route):
        return self._send(urllib.request.Request(self.url + route))

    def text(self, route):
        with urllib.request.urlopen(self.url + route, timeout=60) as response:
            return response.read().decode()

    def post_json(self, route, document):
        return self._send(urllib.request.Request(self.url + route, data=json.dumps(document).encode(),
                                                 headers={"Content-Type": "application/json"}))

    def predict(self, photo):
        """POST /api/v1/predict with the photo as the multipart field `image`."""
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{Path(photo).name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + Path(photo).read_bytes() \
            + f"\r\n--{boundary}--\r\n".encode()
        return self._send(urllib.request.Request(self.url + "/api/v1/predict", data=body,
                                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}))

    def infer_bytes(self, encoded_images, request_id="notebook"):
        """POST /v2/models/signdigits/infer with encoded images (JPEG, PNG...) as the BYTES input `image_bytes`."""
        return self.post_json("/v2/models/signdigits/infer", {
            "id": request_id,
            "inputs": [{"name": "image_bytes", "datatype": "BYTES", "shape": [len(encoded_images)],
                        "data": [base64.b64encode(image).decode("ascii") for image in encoded_images]}],
        })

    def stop(self, timeout_s=60):
        """SIGTERM, then wait for the graceful shutdown; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        atexit.unregister(self.stop)
        return self.process.returncode
