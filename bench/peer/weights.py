"""Reads the named float arrays the Java side writes (dev.signdigits.train.ParameterFile's format).

Big-endian: int magic "SDP1", int count, then per array: Java modified-UTF-8 name (u16 length +
bytes), int length, that many float32 values.
"""
import struct

import numpy as np

MAGIC = 0x53445031


def read_arrays(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack_from(">ii", data, 0)
    if magic != MAGIC:
        raise ValueError(f"{path} is not a signdigits parameter file")
    offset, arrays = 8, {}
    for _ in range(count):
        (name_length,) = struct.unpack_from(">H", data, offset)
        offset += 2
        name = data[offset:offset + name_length].decode("utf-8")
        offset += name_length
        (length,) = struct.unpack_from(">i", data, offset)
        offset += 4
        arrays[name] = np.frombuffer(data, dtype=">f4", count=length, offset=offset).astype(np.float32)
        offset += 4 * length
    return arrays
