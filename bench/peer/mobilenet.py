"""MobileNet v1 as signdigits builds it (dev.signdigits.model.MobileNetV1 + MobileNets.head), in PyTorch.

Same layer list and names, same TensorFlow-SAME padding before the stride-2 convolutions, batch norm
epsilon 1e-3, ReLU6, then global average pooling, dropout and a dense layer. Weights come from the
file the Java side writes (see weights.py), so both sides run the same network with the same numbers.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

# Pointwise filters (width 1.0) and depthwise stride of blocks 1..13, as in MobileNetV1.java.
BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
          (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]
BN_EPSILON = 1e-3


class TfSamePad(nn.Module):
    """Zero padding as TensorFlow's SAME computes it for a strided 3x3 conv: extra row/column at bottom/right."""

    def __init__(self, kernel=3, stride=2):
        super().__init__()
        self.kernel, self.stride = kernel, stride

    def amounts(self, size):
        out = (size + self.stride - 1) // self.stride
        total = max(0, (out - 1) * self.stride + self.kernel - size)
        return total // 2, total - total // 2

    def forward(self, x):
        top, bottom = self.amounts(x.shape[2])
        left, right = self.amounts(x.shape[3])
        return F.pad(x, (left, right, top, bottom))


def _bn(channels):
    return nn.BatchNorm2d(channels, eps=BN_EPSILON, momentum=0.1)


def layers(num_classes=10, width=1.0, dropout=0.3, inplace=True):
    """The network as an ordered list of (name, module), named as the Java factory names them."""
    def ch(base):
        return max(8, int(base * width))

    out = []
    channels = ch(32)
    out.append(("conv1", nn.Sequential(TfSamePad(3, 2), nn.Conv2d(3, channels, 3, 2, 0, bias=False))))
    out.append(("conv1_bn", _bn(channels)))
    out.append(("conv1_relu", nn.ReLU6(inplace=inplace)))
    for i, (base, stride) in enumerate(BLOCKS, start=1):
        filters = ch(base)
        if stride == 2:
            out.append((f"conv_pad_{i}", TfSamePad(3, 2)))
        out.append((f"conv_dw_{i}", nn.Conv2d(channels, channels, 3, stride, 1 if stride == 1 else 0,
                                               groups=channels, bias=False)))
        out.append((f"conv_dw_{i}_bn", _bn(channels)))
        out.append((f"conv_dw_{i}_relu", nn.ReLU6(inplace=inplace)))
        out.append((f"conv_pw_{i}", nn.Conv2d(channels, filters, 1, 1, 0, bias=False)))
        out.append((f"conv_pw_{i}_bn", _bn(filters)))
        out.append((f"conv_pw_{i}_relu", nn.ReLU6(inplace=inplace)))
        channels = filters
    out.append(("global_pool", nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())))
    out.append(("dropout", nn.Dropout(dropout)))
    out.append(("logits", nn.Linear(channels, num_classes)))
    return out


def trunk_size(named, fine_tune_layers):
    """Where the frozen trunk ends, as dev.signdigits.train.NetworkCut computes it (the cut ends at a ReLU6)."""
    cut = len(named) - fine_tune_layers
    while cut > 1 and not (named[cut - 1][0].endswith("_relu")):
        cut -= 1
    return cut


def sequential(named):
    return nn.Sequential(*[m for _, m in named])


# Java parameter names (DJL) -> PyTorch attribute names.
_BN = {"gamma": "weight", "beta": "bias", "runningMean": "running_mean", "runningVar": "running_var"}


def load_weights(named, arrays):
    """Copies {"layer.param": flat float32 array} (Java names) into the modules; every tensor must be set once."""
    modules = dict(named)
    used = set()
    for key, flat in arrays.items():
        layer, param = key.split(".", 1)
        param = param.rsplit("_", 1)[-1]  # conv1 is pad + conv in Java: "02Conv2d_weight" -> "weight"
        module = modules[layer]
        if isinstance(module, nn.Sequential):
            module = module[1]
        attr = _BN.get(param, param) if isinstance(module, nn.BatchNorm2d) else param
        target = getattr(module, attr)
        if target.numel() != flat.size:
            raise ValueError(f"{key}: {flat.size} values from Java, PyTorch {attr} has shape {tuple(target.shape)}")
        with torch.no_grad():
            target.copy_(torch.from_numpy(flat.copy()).reshape(target.shape))
        used.add((layer, attr))
    expected = {(name, attr) for name, m in named for attr, _ in
                list(m.named_parameters()) + [(b, None) for b, _ in m.named_buffers() if b != "num_batches_tracked"]}
    expected = {(name, attr.rsplit(".", 1)[-1]) for name, attr in expected}
    if used != expected:
        raise ValueError(f"weights file and network differ: missing {sorted(expected - used)[:5]},"
                         f" unknown {sorted(used - expected)[:5]}")


def freeze_batchnorm_statistics(module):
    """Batch norm in inference mode while the rest trains (statistics frozen, gamma/beta learn), as TailNetwork does."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
