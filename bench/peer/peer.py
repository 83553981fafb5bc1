"""The PyTorch-Python side of the peer benchmark (bench/run-peer.sh); run with /usr/bin/python3.

Builds signdigits' MobileNet v1 (mobilenet.py) with the weights the Java side wrote
(PeerBenchmark prepare), checks it gives Java's logits, and runs the same work as
dev.signdigits.train.PeerBenchmark, printing one JSON object per line:

  peer.py check  --peer DIR
  peer.py train  --peer DIR --row frozen|full|cached --input-size N [--photos N] [--workers N] [--channels-last]
  peer.py infer  --peer DIR --input-size N [--mode eager|channels-last|jit] [--single 200] [--batches 8]

Threads: --threads (default 2) intra-op, 1 inter-op. The allocator is chosen by the environment
(LD_PRELOAD / GLIBC_TUNABLES), set by run-peer.sh.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
import mobilenet  # noqa: E402
import weights  # noqa: E402

BATCH = 32
WARMUP_BATCHES = 2
LEARNING_RATE, WEIGHT_DECAY, EPSILON = 5e-4, 1e-4, 1e-7


def network(peer_dir):
    named = mobilenet.layers()
    mobilenet.load_weights(named, weights.read_arrays(os.path.join(peer_dir, "weights.bin")))
    return named


def check(args):
    """Same logits as Java for the reference photo; reports how far our own pre-processing is from Java's."""
    net = mobilenet.sequential(network(args.peer)).eval()
    ref = weights.read_arrays(os.path.join(args.peer, "reference.bin"))
    x = torch.from_numpy(ref["input"].copy()).reshape(1, 3, 224, 224)
    with torch.inference_mode():
        logits = net(x).numpy().ravel()
    diff = float(np.abs(logits - ref["logits"]).max())
    scale = float(np.abs(ref["logits"]).max())
    ok = diff <= 1e-4 * max(1.0, scale)
    emit({"workload": "check", "max_abs_logit_difference": diff, "max_abs_logit": scale, "same_network": ok})
    if not ok:
        sys.exit("the PyTorch network does not reproduce the Java logits: the benchmark would compare different work")


def cut_network(named, fine_tune_layers):
    cut = mobilenet.trunk_size(named, fine_tune_layers)
    trunk = mobilenet.sequential(named[:cut]).eval()
    for p in trunk.parameters():
        p.requires_grad_(False)
    tail = mobilenet.sequential(named[cut:])
    return trunk, tail


def loader(files, size, seed, workers):
    return torch.utils.data.DataLoader(data.AugmentedPhotos(files, size, seed), batch_size=BATCH, shuffle=True,
                                       num_workers=workers, generator=torch.Generator().manual_seed(seed))


def prepare(x, channels_last):
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def step(model, optimizer, x, y):
    """One training step; returns the batch's summed loss."""
    optimizer.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return float(loss) * len(y)


def train(args):
    named = network(args.peer)
    files = data.train_files(args.data_dir, args.manifest, args.photos)
    if args.row == "full":
        trunk, model = torch.nn.Identity(), mobilenet.sequential(named)
    else:
        trunk, model = cut_network(named, args.fine_tune_layers)
    if args.channels_last:
        trunk, model = trunk.to(memory_format=torch.channels_last), model.to(memory_format=torch.channels_last)
    model.train()
    mobilenet.freeze_batchnorm_statistics(model)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=LEARNING_RATE,
                                 eps=EPSILON, weight_decay=WEIGHT_DECAY)

    def features(x):
        with torch.no_grad():
            return trunk(prepare(x, args.channels_last))

    warm = loader(files[:WARMUP_BATCHES * BATCH], args.input_size, args.seed, 0)
    for x, y in warm:
        step(model, optimizer, features(x), y)

    phases = {"extract": 0.0, "fit": 0.0}
    loss_sum = 0.0
    cpu_started = time.thread_time()
    started = time.perf_counter()
    if args.row == "cached":
        # The frozen trunk once over the epoch's augmented photos, then the tail on the stored features.
        stored, labels = [], []
        for x, y in loader(files, args.input_size, args.seed + 1, args.workers):
            stored.append(features(x))
            labels.append(y)
        stored, labels = torch.cat(stored), torch.cat(labels)
        phases["extract"] = time.perf_counter() - started
        order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(args.seed))
        for i in range(0, len(order), BATCH):
            rows = order[i:i + BATCH]
            loss_sum += step(model, optimizer, stored[rows], labels[rows])
        phases["fit"] = time.perf_counter() - started - phases["extract"]
    else:
        # Per step, as a PyTorch user writes it: loader batch -> frozen trunk (no grad) -> train the rest.
        mark = time.perf_counter()
        for x, y in loader(files, args.input_size, args.seed + 1, args.workers):
            f = features(x)
            now = time.perf_counter()
            phases["extract"] += now - mark
            loss_sum += step(model, optimizer, f, y)
            mark = time.perf_counter()
            phases["fit"] += mark - now
    seconds = time.perf_counter() - started
    emit({"workload": f"train-{args.row}", "input_size": args.input_size, "images": len(files), "seconds": seconds,
          "images_per_s": len(files) / seconds, "phases": phases, "main_thread_cpu_s": time.thread_time() - cpu_started,
          "mean_loss": loss_sum / len(files), "settings": settings(args)})


def infer(args):
    net = mobilenet.sequential(network(args.peer)).eval()
    size = args.input_size
    gen = torch.Generator().manual_seed(42)
    batch = torch.rand(BATCH, 3, size, size, generator=gen) * 2 - 1
    single = batch[:1].clone()
    if args.mode in ("channels-last", "jit"):
        net = net.to(memory_format=torch.channels_last)
        batch, single = prepare(batch, True), prepare(single, True)
    with torch.inference_mode():
        if args.mode == "jit":
            net = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(net, single).eval()))
        for _ in range(20):
            net(single)
        net(batch)
        latencies = []
        for _ in range(args.single):
            t = time.perf_counter()
            net(single)
            latencies.append((time.perf_counter() - t) * 1e3)
        batches = []
        for _ in range(args.batches):
            t = time.perf_counter()
            net(batch)
            batches.append(time.perf_counter() - t)
    emit({"workload": "infer", "runtime": f"pytorch-{args.mode}", "input_size": size,
          "p50_ms": percentile(latencies, 0.50), "p99_ms": percentile(latencies, 0.99),
          "batch32_images_per_s": BATCH / percentile(batches, 0.50), "settings": settings(args)})


def percentile(values, q):
    """The same nearest-rank percentile as RuntimeBenchmark.percentile."""
    ordered = sorted(values)
    index = int(np.ceil(q * len(ordered))) - 1
    return ordered[max(0, min(len(ordered) - 1, index))]


def settings(args):
    return {"threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
            "workers": getattr(args, "workers", 0), "channels_last": getattr(args, "channels_last", False),
            "allocator": os.environ.get("PEER_ALLOCATOR", "glibc default"), "torch": torch.__version__}


def emit(result):
    print(json.dumps({"side": "python", **result}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "train", "infer"])
    parser.add_argument("--peer", required=True, help="directory written by 'PeerBenchmark prepare'")
    parser.add_argument("--row", choices=["frozen", "full", "cached"], default="frozen")
    parser.add_argument("--input-size", type=int, default=160)
    parser.add_argument("--photos", type=int, default=0, help="first N train photos (0: all)")
    parser.add_argument("--fine-tune-layers", type=int, default=28)
    parser.add_argument("--workers", type=int, default=0, help="DataLoader worker processes")
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--mode", choices=["eager", "channels-last", "jit"], default="eager")
    parser.add_argument("--single", type=int, default=200)
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data-dir", default="data/raw/sign-language-digits")
    parser.add_argument("--manifest", default="data/processed/split.csv")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    {"check": check, "train": train, "infer": infer}[args.command](args)


if __name__ == "__main__":
    main()
