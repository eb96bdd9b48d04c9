"""Kiln from Python: compile MLIR to a VM module and run it.

    import numpy as np, kiln
    vmfb = kiln.compiler.compile(MLIR_TEXT)          # .vmfb bytes
    ctx = kiln.runtime.Context([vmfb])               # hal/check added as needed
    print(ctx.matmul(np.ones((2, 3), np.float32), np.ones((3, 2), np.float32)))

`kiln.runtime` needs only the runtime; `kiln.compiler` (loaded on first
use) brings in the compiler libraries (libMLIR, libLLVM).
"""
import importlib

from . import runtime
from ._errors import VMError
from .runtime import export, i32, i64, f32, f64, ref

__all__ = ["runtime", "compiler", "VMError", "export", "i32", "i64", "f32", "f64", "ref"]


def __getattr__(name):
    if name == "compiler":
        return importlib.import_module(".compiler", __name__)
    raise AttributeError(f"module 'kiln' has no attribute {name!r}")
