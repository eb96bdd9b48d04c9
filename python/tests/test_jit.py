"""kiln.runtime loads LLVM IR modules through the JIT plugin (docs/jit.md):
the same calls, failures and traces as the C form, and clear errors."""
import os
import shutil
import subprocess

import pytest

import kiln
from kiln.runtime import Context
from conftest import needs_compiler

MODULE = """
vm.module @jitted {
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.export @add
  vm.func @divide(%a: i32, %b: i32) -> i32 {
    %c = vm.div.i32.s %a, %b : i32
    vm.return %c : i32
  }
  vm.export @divide
}
"""

CLANG = shutil.which("clang-22")
needs_clang = pytest.mark.skipif(CLANG is None, reason="clang-22 is not installed")


def llvm_ir(tmp_path, text, suffix=".ll"):
    """LLVM IR (text, or bitcode for .bc) of `text`'s C form, made by clang."""
    c_path = tmp_path / "m.c"
    c_path.write_text(kiln.compiler.compile(text, target="c"))
    out = tmp_path / ("m" + suffix)
    kind = "-S" if suffix == ".ll" else "-c"
    subprocess.run([CLANG, "-std=c11", "-O2", "-fPIC", kind, "-emit-llvm", "-I",
                    kiln.compiler.include_dir(), str(c_path), "-o", str(out)], check=True)
    return out


@needs_compiler
@needs_clang
@pytest.mark.parametrize("suffix", [".ll", ".bc"])
def test_calls_through_the_jit(tmp_path, suffix):
    module = kiln.runtime.load_module(llvm_ir(tmp_path, MODULE, suffix))
    assert module.name == "jitted"
    ctx = Context([module])
    assert ctx.add(40, 2) == 42
    with pytest.raises(kiln.VMError) as error:
        ctx.divide(1, 0)
    assert "division by zero" in str(error.value)
    assert any(frame.module == "jitted" and frame.function == "divide" and frame.location
               for frame in error.value.trace), error.value.trace


@needs_compiler
@needs_clang
def test_bitcode_bytes(tmp_path):
    data = llvm_ir(tmp_path, MODULE, ".bc").read_bytes()
    ctx = Context([kiln.runtime.load_module(data)])
    assert ctx.add(1, 2) == 3


@needs_compiler
def test_invalid_ir_is_an_error(tmp_path):
    bad = tmp_path / "bad.ll"
    bad.write_text("this is not IR\n")
    with pytest.raises(kiln.VMError) as error:
        kiln.runtime.load_module(bad)
    assert "invalid LLVM IR" in str(error.value)


@needs_compiler
def test_module_without_entry_point(tmp_path):
    ir = tmp_path / "plain.ll"
    ir.write_text("define i32 @f() {\n  ret i32 0\n}\n")
    with pytest.raises(kiln.VMError) as error:
        kiln.runtime.load_module(ir)
    assert "does not define kiln_module_v1_get" in str(error.value)


def mlir_plugin():
    return os.path.join(os.path.dirname(kiln.runtime.__file__), "libkiln_jit_mlir.so")


@needs_compiler
def test_mlir_file_through_the_jit(tmp_path):
    # The .mlir plugin lowers it with the LLVM target and compiles it.
    assert os.path.exists(mlir_plugin())
    path = tmp_path / "jitted.mlir"
    path.write_text(MODULE)
    ctx = Context([kiln.runtime.load_module(path)])
    assert ctx.add(40, 2) == 42
    with pytest.raises(kiln.VMError) as error:
        ctx.divide(1, 0)
    assert any(frame.function == "divide" and "jitted.mlir" in frame.location
               for frame in error.value.trace), error.value.trace


@needs_compiler
def test_mlir_plugin_beside_the_compiler(tmp_path):
    # kiln._compiler (libMLIR.so, its passes and options registered) and the
    # .mlir plugin (a private static MLIR and LLVM) in one process, used in
    # turn and more than once each: nothing is registered twice.
    for round in range(2):
        ir = kiln.compiler.compile(MODULE, target="llvm-ir")
        assert "kiln_module_v1_get" in ir
        path = tmp_path / f"jitted{round}.mlir"
        path.write_text(MODULE.replace("@jitted", f"@jitted{round}"))
        module = kiln.runtime.load_module(path)
        assert module.name == f"jitted{round}"
        assert Context([module]).add(round, 2) == round + 2


@needs_compiler
def test_invalid_mlir_is_an_error(tmp_path):
    bad = tmp_path / "bad.mlir"
    bad.write_text("vm.module @m {\n  vm.func @f() -> i32 {\n    vm.return\n  }\n}\n")
    with pytest.raises(kiln.VMError) as error:
        kiln.runtime.load_module(bad)
    assert "bad.mlir:3:5: error:" in str(error.value), str(error.value)


@needs_compiler
def test_llvm_ir_target(tmp_path):
    ir = kiln.compiler.compile(MODULE, target="llvm-ir")
    assert "kiln_module_v1_get" in ir
    path = tmp_path / "m.ll"
    path.write_text(ir)
    ctx = Context([kiln.runtime.load_module(path)])
    assert ctx.add(1, 2) == 3
