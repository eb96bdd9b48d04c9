"""Writers for parameter files (safetensors, GGUF) from numpy arrays, for the
io_parameters end-to-end tests, samples and benchmarks. IRPA files are made
with `kiln-params create`."""
import json
import struct

import numpy as np

SAFETENSORS_DTYPES = {
    np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("float16"): "F16",
    np.dtype("int32"): "I32", np.dtype("int64"): "I64", np.dtype("int8"): "I8",
    np.dtype("uint8"): "U8", np.dtype("int16"): "I16",
}
GGML_TYPES = {
    np.dtype("float32"): 0, np.dtype("float16"): 1, np.dtype("int8"): 24,
    np.dtype("int16"): 25, np.dtype("int32"): 26, np.dtype("int64"): 27,
    np.dtype("float64"): 28,
}


def _pad(n, alignment):
    return (alignment - n % alignment) % alignment


def write_safetensors(path, tensors, alignment=64):
    """tensors: {name: np.ndarray}. Each tensor's data starts on `alignment`
    bytes in the file (the header is padded with spaces)."""
    header, data = {}, bytearray()
    for name, array in tensors.items():
        array = np.ascontiguousarray(array)
        data += b"\0" * _pad(len(data), alignment)
        header[name] = {"dtype": SAFETENSORS_DTYPES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [len(data), len(data) + array.nbytes]}
        data += array.tobytes()
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    text += b" " * _pad(8 + len(text), alignment)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))


def write_gguf(path, tensors, alignment=32):
    """GGUF version 3; dims are written innermost first, as GGUF does."""
    out = bytearray(b"GGUF" + struct.pack("<IQQ", 3, len(tensors), 1 if alignment != 32 else 0))
    if alignment != 32:
        key = b"general.alignment"
        out += struct.pack("<Q", len(key)) + key + struct.pack("<II", 4, alignment)
    data = bytearray()
    for name, array in tensors.items():
        array = np.ascontiguousarray(array)
        data += b"\0" * _pad(len(data), alignment)
        encoded = name.encode()
        out += struct.pack("<Q", len(encoded)) + encoded + struct.pack("<I", array.ndim)
        for d in reversed(array.shape):
            out += struct.pack("<Q", d)
        out += struct.pack("<IQ", GGML_TYPES[array.dtype], len(data))
        data += array.tobytes()
    out += b"\0" * _pad(len(out), alignment)
    with open(path, "wb") as f:
        f.write(bytes(out) + bytes(data))
