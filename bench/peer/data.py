"""Training photos as signdigits reads them: the train split of the manifest, decoded from JPEG on every
read, shrunk to at most 256 px (as TrainingDataLoader keeps them), augmented as
dev.signdigits.train.Augmentation does (rotation, scale and crop, mirror, brightness, contrast, colour
balance; same ranges, bilinear) and normalized to (pixel - 128) / 128 in NCHW.
"""
import csv
import math
import os
import random

import numpy as np
import torch
from PIL import Image

KEEP_EDGE = 256
MEAN, STD = 128.0, 128.0


def train_files(data_dir, manifest, limit=0):
    """(path, label) of the manifest's train split in manifest order; with limit > 0, that many spread evenly
    over it (the manifest is sorted by digit), the same photos PeerBenchmark picks."""
    with open(manifest, newline="") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#")) if r["split"] == "train"]
    files = [(os.path.join(data_dir, r["file"]), int(r["label"])) for r in rows]
    if 0 < limit < len(files):
        files = [files[i * len(files) // limit] for i in range(limit)]
    return files


def decode(path):
    image = Image.open(path)
    image = image.convert("RGB")
    edge = max(image.size)
    if edge > KEEP_EDGE:
        s = KEEP_EDGE / edge
        image = image.resize((max(1, round(image.width * s)), max(1, round(image.height * s))), Image.BOX)
    return image


def augment(image, size, rng, max_rotation=15.0, min_scale=0.80, brightness=0.15, contrast=0.20, colour=0.08, flip=True):
    """One augmented size x size rendering, drawn as Augmentation.apply draws it."""
    w, h = image.size
    side = min(w, h) * (min_scale + rng.random() * (1 - min_scale))
    cx = w / 2 + (rng.random() * 2 - 1) * (w - side) / 2
    cy = h / 2 + (rng.random() * 2 - 1) * (h - side) / 2
    angle = math.radians((rng.random() * 2 - 1) * max_rotation)
    mirror = flip and rng.random() < 0.5
    # PIL wants the inverse map (output pixel -> input pixel): translate(cx, cy) rotate(-angle) scale(side/size).
    k = side / size
    sx = -k if mirror else k
    cos, sin = math.cos(angle), math.sin(angle)
    a, b = cos * sx, sin * k
    d, e = -sin * sx, cos * k
    c = cx - a * size / 2 - b * size / 2
    f = cy - d * size / 2 - e * size / 2
    fill = tuple(int(v) for v in np.asarray(image.resize((16, 16), Image.NEAREST)).reshape(-1, 3).mean(axis=0))
    out = image.transform((size, size), Image.AFFINE, (a, b, c, d, e, f), resample=Image.BILINEAR, fillcolor=fill)
    pixels = np.asarray(out, dtype=np.float32)
    bright = (rng.random() * 2 - 1) * brightness * 255
    contr = 1 + (rng.random() * 2 - 1) * contrast
    gain = np.array([1 + (rng.random() * 2 - 1) * colour for _ in range(3)], dtype=np.float32)
    pixels = np.clip(np.rint(((pixels - 128) * contr + 128 + bright) * gain), 0, 255)
    return pixels


def center_resize(image, size):
    """Centre square crop, bilinear resize (ModelInput.resize for photos under twice the input edge), as float pixels."""
    w, h = image.size
    s = min(w, h)
    x0, y0 = (w - s) // 2, (h - s) // 2
    return np.asarray(image.resize((size, size), Image.BILINEAR, box=(x0, y0, x0 + s, y0 + s)), dtype=np.float32)


def to_chw(pixels):
    return torch.from_numpy(((pixels - MEAN) / STD).transpose(2, 0, 1).copy())


class AugmentedPhotos(torch.utils.data.Dataset):
    """Item i: photo i decoded from disk and freshly augmented (seeded by seed and i), with its label."""

    def __init__(self, files, size, seed):
        self.files, self.size, self.seed = files, size, seed

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        path, label = self.files[i]
        rng = random.Random(self.seed * 1_000_003 + i)
        return to_chw(augment(decode(path), self.size, rng)), label
