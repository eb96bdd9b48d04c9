"""Writers for parameter files (safetensors, GGUF), for the io_parameters
end-to-end tests, samples and benchmarks. A tensor is a numpy array or a
(dtype name, shape, bytes) tuple (no numpy needed). IRPA files are made with
`kiln-params create`."""
import json
import struct

SAFETENSORS_DTYPES = {
    "float32": "F32", "float64": "F64", "float16": "F16", "int32": "I32",
    "int64": "I64", "int8": "I8", "uint8": "U8", "int16": "I16",
}
GGML_TYPES = {
    "float32": 0, "float16": 1, "int8": 24, "int16": 25, "int32": 26, "int64": 27,
    "float64": 28,
}


def _parts(tensor):
    """(dtype name, shape, bytes) of a numpy array or of such a tuple."""
    if isinstance(tensor, tuple):
        return tensor
    return str(tensor.dtype), tuple(tensor.shape), tensor.tobytes(order="C")


def _pad(n, alignment):
    return (alignment - n % alignment) % alignment


def write_safetensors(path, tensors, alignment=64):
    """tensors: {name: tensor}. Each tensor's data starts on `alignment`
    bytes in the file (the header is padded with spaces)."""
    header, data = {}, bytearray()
    for name, tensor in tensors.items():
        dtype, shape, raw = _parts(tensor)
        data += b"\0" * _pad(len(data), alignment)
        header[name] = {"dtype": SAFETENSORS_DTYPES[dtype], "shape": list(shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
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
    for name, tensor in tensors.items():
        dtype, shape, raw = _parts(tensor)
        data += b"\0" * _pad(len(data), alignment)
        encoded = name.encode()
        out += struct.pack("<Q", len(encoded)) + encoded + struct.pack("<I", len(shape))
        for d in reversed(shape):
            out += struct.pack("<Q", d)
        out += struct.pack("<IQ", GGML_TYPES[dtype], len(data))
        data += raw
    out += b"\0" * _pad(len(out), alignment)
    with open(path, "wb") as f:
        f.write(bytes(out) + bytes(data))
