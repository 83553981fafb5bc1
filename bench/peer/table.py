"""Turns the JSON lines of one run-peer.sh run into the markdown table of medians and Java/Python ratios.

Usage: table.py RESULTS.jsonl > table.md. A ratio is Java's speed over Python's (throughput over
throughput, or Python's latency over Java's): 1.0 or more means Java is as fast or faster.
"""
import json
import statistics
import sys
from collections import defaultdict

SERVING_RUNTIMES = ("onnx", "tflite")


def load(path):
    runs = defaultdict(list)
    with open(path) as f:
        for line in f:
            if line.startswith("{"):
                r = json.loads(line)
                if r["workload"] == "check":
                    continue
                runs[(r["side"], r["workload"], r.get("input_size"), r.get("runtime"))].append(r)
    return runs


def median(runs, key, value):
    values = [value(r) for r in runs.get(key, [])]
    return (statistics.median(values), len(values)) if values else (None, 0)


def best(runs, side, size, runtimes, value, lower_is_better):
    """The runtime with the best median among `runtimes` that have results."""
    found = [(median(runs, (side, "infer", size, rt), value)[0], rt) for rt in runtimes
             if (side, "infer", size, rt) in runs]
    if not found:
        return None, None
    return (min if lower_is_better else max)(found)


def fmt(v, digits):
    return "-" if v is None else f"{v:.{digits}f}"


def row(label, java, java_label, python, python_label, unit, lower_is_better, digits):
    ratio = None if java is None or python is None else (python / java if lower_is_better else java / python)
    return (f"| {label} | {fmt(java, digits)} {unit} ({java_label}) | {fmt(python, digits)} {unit} ({python_label}) |"
            f" {'-' if ratio is None else f'**{ratio:.2f}**'} |")


def table(runs):
    lines = ["| row | Java (signdigits) | PyTorch-Python | Java/Python |", "| --- | --- | --- | --- |"]
    ips = lambda r: r["images_per_s"]  # noqa: E731
    for size in sorted({k[2] for k in runs if k[1] == "train-frozen"}, reverse=True):
        j, _ = median(runs, ("java", "train-frozen", size, None), ips)
        p, n = median(runs, ("python", "train-frozen", size, None), ips)
        lines.append(row(f"(a) train 1 epoch, {size}px, last 28 layers, frozen trunk every step, JPEG decode in the loop",
                         j, "DJL", p, "eager", "img/s", False, 1))
        pc = runs.get(("python", "train-cached", size, None), [])
        jr = runs.get(("java", "train-frozen", size, None), [])
        for phase, label in (("extract", "feature extraction pass (decode, augment, frozen trunk)"),
                             ("fit", "one epoch on cached features (last 28 layers)")):
            per = lambda r, ph=phase: r["images"] / r["phases"][ph]  # noqa: E731
            jv = statistics.median(per(r) for r in jr) if jr else None
            pv = statistics.median(per(r) for r in pc) if pc else None
            lines.append(row(f"(a') cached path, {size}px: {label}", jv, "DJL", pv, "eager", "img/s", False, 1))
    for size in sorted({k[2] for k in runs if k[1] == "train-full"}, reverse=True):
        j, _ = median(runs, ("java", "train-full", size, None), ips)
        p, _ = median(runs, ("python", "train-full", size, None), ips)
        lines.append(row(f"(b) train 1 epoch, {size}px, every layer trained (BN statistics frozen)",
                         j, "DJL", p, "eager", "img/s", False, 1))
    for size in sorted({k[2] for k in runs if k[1] == "infer"}, reverse=True):
        python_runtimes = sorted({k[3] for k in runs if k[0] == "python" and k[1] == "infer" and k[2] == size})
        for metric, unit, lower, digits, label in (("p50_ms", "ms", True, 2, "batch 1 latency p50"),
                                                   ("batch32_images_per_s", "img/s", False, 0, "batch 32 throughput")):
            value = lambda r, m=metric: r[m]  # noqa: E731
            p, p_rt = best(runs, "python", size, python_runtimes, value, lower)
            p_label = (p_rt or "").replace("pytorch-", "") + ", best of " + "/".join(
                rt.replace("pytorch-", "") for rt in python_runtimes)
            j, _ = median(runs, ("java", "infer", size, "djl"), value)
            lines.append(row(f"(c) inference {size}px, {label}", j, "DJL", p, p_label, unit, lower, digits))
            s, s_rt = best(runs, "java", size, SERVING_RUNTIMES, value, lower)
            lines.append(row(f"(c) inference {size}px, {label}, signdigits serving runtime", s,
                             f"{s_rt} float32" if s_rt else "-", p, p_label, unit, lower, digits))
    return "\n".join(lines) + "\n"


def profiles(path):
    """The djl runtime's time per call by op kind (PeerBenchmark profile lines), one column per run."""
    with open(path) as f:
        found = [json.loads(line) for line in f if line.startswith("{") and '"workload": "profile"' in line]
    if not found:
        return ""
    kinds = sorted({k for p in found for k in p["ops"]}, key=lambda k: -max(p["ops"].get(k, [0])[0] for p in found))
    head = [f"{p['input_size']}px, batch {p['batch']} ({p['calls']} calls)" for p in found]
    lines = ["| op kind (ops per call) | " + " | ".join(head) + " |", "| --- |" + " --- |" * len(found)]
    for kind in kinds:
        counts = sorted({p["ops"][kind][1] for p in found if kind in p["ops"]})
        cells = []
        for p in found:
            ms, _ = p["ops"].get(kind, [0, 0])
            cells.append(f"{ms:.2f} ms ({100 * ms / p['mean_ms']:.0f}%)")
        lines.append(f"| {kind} ({'/'.join(map(str, counts))}) | " + " | ".join(cells) + " |")
    lines.append("| **whole call** | " + " | ".join(f"**{p['mean_ms']:.2f} ms**" for p in found) + " |")
    return "\n".join(lines) + "\n"


def main():
    runs = load(sys.argv[1])
    runs = {k: v for k, v in runs.items() if k[1] != "profile"}
    pairs = max((len(v) for v in runs.values()), default=0)
    sys.stdout.write(table(runs))
    sys.stdout.write(f"\nMedians of {pairs} runs per cell, sides alternated (Java, Python, Java, Python, ...).\n")
    profile = profiles(sys.argv[1])
    if profile:
        sys.stdout.write("\nWhere a djl runtime call spends its time (`PeerBenchmark profile`: the folded network timed op by op,"
                         " mean per call after 30 warm-up calls; ops per call in brackets, share of the call in parentheses):\n\n" + profile)


if __name__ == "__main__":
    main()
