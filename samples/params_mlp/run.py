#!/usr/bin/env python3
"""A small MLP whose weights come from a .safetensors file: writes random
weights, compiles mlp.mlir (plain MLIR) and weights.mlir (vm, loading the
weights through io_parameters) in one form, runs them in one context with
the file as the parameter scope "mlp", and checks the answer against numpy.

    PYTHONPATH=build/python python3 samples/params_mlp/run.py [--form=c]
"""
import argparse
import os
import pathlib
import sys
import tempfile

import numpy as np

import kiln.compiler
import kiln.runtime

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "test" / "params"))
import param_files  # noqa: E402


def build(path, form, out_dir, **options):
    text = path.read_text()
    if form == "bytecode":
        return kiln.runtime.Module.load(kiln.compiler.compile(text, **options))
    c = kiln.compiler.compile(text, target="c", **options)
    so = kiln.compiler.build_shared_object(c, os.path.join(out_dir, path.stem + ".so"))
    return kiln.runtime.Module.load(so)


def run(form="bytecode", seed=0):
    """Returns (kiln's answer, numpy's answer)."""
    rng = np.random.default_rng(seed)
    weights = {
        "w1": rng.standard_normal((4, 8), dtype=np.float32),
        "b1": rng.standard_normal(8, dtype=np.float32),
        "w2": rng.standard_normal((8, 3), dtype=np.float32),
        "b2": rng.standard_normal(3, dtype=np.float32),
    }
    x = rng.standard_normal((5, 4), dtype=np.float32)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "weights.safetensors")
        param_files.write_safetensors(path, weights)
        ctx = kiln.runtime.Context(parameters=[f"mlp={path}"])
        ctx.add_module(build(HERE / "weights.mlir", form, tmp))
        ctx.add_module(build(HERE / "mlp.mlir", form, tmp, buffer_view_exports=True))
        w1, b1, w2, b2 = ctx.lookup("weights.weights")()
        y = np.array(ctx.lookup("mlp.mlp")(x, w1, b1, w2, b2))
    h = np.maximum(x @ weights["w1"] + weights["b1"], 0)
    return y, h @ weights["w2"] + weights["b2"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--form", default="bytecode", choices=["bytecode", "c"])
    args = parser.parse_args()
    got, expected = run(args.form)
    print("kiln: ", got)
    print("numpy:", expected)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    print("match")


if __name__ == "__main__":
    main()
