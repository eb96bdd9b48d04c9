"""Parameters from Python: Context(parameters=[...]) and add_parameter_bytes
feed the io_parameters module of a program that loads named parameters
(test/params/params.mlir), in both forms."""
import importlib.util
import os
import sys

import numpy as np
import pytest

import kiln.runtime

SOURCE_DIR = os.environ.get("KILN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_DIR, "test", "params"))
import param_files  # noqa: E402

with open(os.path.join(SOURCE_DIR, "test", "params", "params.mlir"), encoding="utf-8") as f:
    PROGRAM = f.read()

W = np.arange(1, 7, dtype=np.int32).reshape(2, 3)
B = np.array([10, 20], dtype=np.int32)


def test_parameters_from_a_file(load, tmp_path):
    path = tmp_path / "model.safetensors"
    param_files.write_safetensors(path, {"w": W, "b": B})
    ctx = kiln.runtime.Context(parameters=[f"model={path}"], device="local-sync")
    ctx.add_module(load(PROGRAM))
    assert ctx.weighted_sum() == 121
    np.testing.assert_array_equal(np.asarray(ctx.weights()), W)


def test_parameters_in_memory(load):
    ctx = kiln.runtime.Context()
    ctx.add_parameter_bytes("model", "w", W)
    ctx.add_parameter_bytes("model", "b", B.tobytes())
    ctx.add_module(load(PROGRAM))
    assert ctx.weighted_sum() == 121
    with pytest.raises(kiln.runtime.VMError, match="no parameter 'x'"):
        ctx.fail_missing_key()


def test_bad_parameter_file_names_the_file(tmp_path):
    path = tmp_path / "broken.safetensors"
    path.write_bytes(b"\x08\0\0\0\0\0\0\0{\"a\": 1")
    ctx = kiln.runtime.Context()
    with pytest.raises(kiln.runtime.VMError, match="broken.safetensors"):
        ctx.add_parameters(f"model={path}")


def test_mlp_sample_matches_numpy(form):
    """samples/params_mlp: a plain-MLIR MLP whose weights come from a
    .safetensors file through io_parameters, against numpy."""
    spec = importlib.util.spec_from_file_location(
        "params_mlp_sample", os.path.join(SOURCE_DIR, "samples", "params_mlp", "run.py"))
    mlp_sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mlp_sample)
    got, expected = mlp_sample.run(form, seed=1)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
