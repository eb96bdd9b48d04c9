"""python -m kiln.run_module mirrors run-module: same output and exit status."""
import os
import subprocess
import sys

import pytest

import kiln
from conftest import needs_compiler

pytestmark = needs_compiler

SOURCE = """
module @rm {
  func.func @scale(%a: memref<?xf32>, %s: f32) -> memref<?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %a, %c0 : memref<?xf32>
    %out = memref.alloc(%n) : memref<?xf32>
    scf.for %i = %c0 to %n step %c1 {
      %x = memref.load %a[%i] : memref<?xf32>
      %y = arith.mulf %x, %s : f32
      memref.store %y, %out[%i] : memref<?xf32>
    }
    return %out : memref<?xf32>
  }
  func.func @div(%a: i32, %b: i32) -> i32 {
    %c = arith.divsi %a, %b : i32
    return %c : i32
  }
}
"""


def run(*args):
    return subprocess.run([sys.executable, "-m", "kiln.run_module", *args],
                          capture_output=True, text=True)


def run_tool(*args):
    tool = os.path.join(os.environ.get("KILN_BUILD_DIR", ""), "bin", "run-module")
    if not os.path.exists(tool):
        pytest.skip("run-module not built")
    return subprocess.run([tool, *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def vmfb(tmp_path_factory):
    path = tmp_path_factory.mktemp("rm") / "rm.vmfb"
    path.write_bytes(kiln.compiler.compile(SOURCE, filename="rm.mlir"))
    return str(path)


@pytest.mark.parametrize("args", [
    ["--function=scale", "--input=4xf32=1,2,3,4", "--input=f32=2.5"],
    ["--function=div", "--input=i32=7", "--input=i32=2"],
    ["--function=div", "--input=i32=7", "--input=i32=0"],
    ["--function=nope"],
    ["--function=div", "--input=i32=x", "--input=i32=0"],
    ["--list-functions"],
    ["--function=scale", "--input=4xf32=1,2,3,4", "--input=f32=2", "--invocations=20",
     "--device=local-sync"],
])
def test_same_as_run_module(vmfb, args):
    ours, theirs = run(f"--module={vmfb}", *args), run_tool(f"--module={vmfb}", *args)
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout)
    if theirs.returncode:
        assert ours.stderr.splitlines()[0] == theirs.stderr.splitlines()[0]


def test_outputs_and_exit_codes(vmfb, tmp_path):
    out = tmp_path / "r.npy"
    done = run(f"--module={vmfb}", "--function=scale", "--input=2xf32=1,2",
               "--input=f32=3", f"--output=@{out}")
    assert done.returncode == 0, done.stderr
    import numpy as np
    np.testing.assert_array_equal(np.load(out), [3, 6])
    failed = run(f"--module={vmfb}", "--function=div", "--input=i32=1", "--input=i32=0")
    assert failed.returncode == 1
    assert "division by zero" in failed.stderr and "rm.mlir:" in failed.stderr
    assert run("--function=div").returncode == 2
    assert run("--module=/no/such.vmfb", "--function=div").returncode == 2
