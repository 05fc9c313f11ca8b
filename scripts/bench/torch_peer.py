"""PyTorch as a peer of `diffscope bench` on the networks (src/bench/torch-peer.ts runs it).

Reads one JSON object on stdin: widths, weights (flat, layer by layer, row-major: unit j's
weights over the previous layer, as diffscope orders its parameters), x, targets, and the
timing budget. The network is diffscope's: sigmoid hidden units, no biases, cross-entropy with
a sigmoid (one unit) or softmax output, in float64 on one thread. Times the gradient (forward
and backward of the loss) and f alone, sampled in turn after a warm-up, in batches of at least
2 ms, and prints one JSON object: version, medians in seconds, samples, and the gradient.
"""
import json
import statistics
import sys
import time

import torch


def main():
    spec = json.load(sys.stdin)
    torch.set_num_threads(1)
    widths = spec["widths"]
    flat = torch.tensor(spec["weights"], dtype=torch.float64)
    weights, offset = [], 0
    for l in range(1, len(widths)):
        size = widths[l] * widths[l - 1]
        weights.append(flat[offset:offset + size].reshape(widths[l], widths[l - 1]).clone().requires_grad_(True))
        offset += size
    x = torch.tensor(spec["x"], dtype=torch.float64)
    t = torch.tensor(spec["targets"], dtype=torch.float64)

    def loss():
        h = x
        for w in weights[:-1]:
            h = torch.sigmoid(w @ h)
        b = weights[-1] @ h
        if b.shape[0] == 1:
            # J = -[t log y + (1 - t) log(1 - y)], y = sigmoid(b)
            return torch.nn.functional.binary_cross_entropy_with_logits(b, t, reduction="sum")
        # J = -sum_k t_k log p_k, p = softmax(b)
        return -(t * torch.log_softmax(b, dim=0)).sum()

    def gradient():
        return torch.autograd.grad(loss(), weights)

    def value():
        with torch.no_grad():
            return loss().item()

    budget = spec["budget"]
    runs = [gradient, value]
    per_call = []
    for run in runs:
        start = time.perf_counter()
        run()
        per_call.append(time.perf_counter() - start)
    batch_of = lambda s: max(1, min(1_000_000, int(0.002 / max(s, 1e-9)) + 1))
    warm_start = time.perf_counter()
    while True:
        for k, run in enumerate(runs):
            batch = batch_of(per_call[k])
            start = time.perf_counter()
            for _ in range(batch):
                run()
            per_call[k] = (time.perf_counter() - start) / batch
        if time.perf_counter() - warm_start >= budget["warmupSeconds"]:
            break
    batches = [batch_of(s) for s in per_call]
    samples = [[], []]
    sample_start = time.perf_counter()
    while len(samples[0]) < budget["maxSamples"]:
        for k, run in enumerate(runs):
            start = time.perf_counter()
            for _ in range(batches[k]):
                run()
            samples[k].append((time.perf_counter() - start) / batches[k])
        if len(samples[0]) >= budget["minSamples"] and time.perf_counter() - sample_start >= budget["sampleSeconds"]:
            break
    grads = gradient()
    json.dump({
        "version": torch.__version__,
        "gradientSeconds": statistics.median(samples[0]),
        "functionSeconds": statistics.median(samples[1]),
        "samples": len(samples[0]),
        "value": value(),
        "gradient": torch.cat([g.reshape(-1) for g in grads]).tolist(),
    }, sys.stdout)


if __name__ == "__main__":
    main()
