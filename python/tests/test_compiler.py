"""kiln.compiler: in-process compilation, targets, pipelines, diagnostics."""
import pytest

import kiln
from conftest import needs_compiler

pytestmark = needs_compiler

PLAIN = """
func.func @add(%a: i32, %b: i32) -> i32 {
  %c = arith.addi %a, %b : i32
  return %c : i32
}
"""

VM = """
vm.module @v {
  vm.func @mul(%a: i32, %b: i32) -> i32 {
    %c = vm.mul.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.export @mul
}
"""


def test_plain_mlir_to_bytecode():
    vmfb = kiln.compiler.compile(PLAIN, module_name="plain")
    assert isinstance(vmfb, bytes) and len(vmfb) > 32
    ctx = kiln.runtime.Context([vmfb])
    assert ctx["plain.add"](2, 3) == 5


def test_module_name_from_the_file_stem(tmp_path):
    path = tmp_path / "my-prog.mlir"
    path.write_text(PLAIN)
    module = kiln.runtime.Module.load(kiln.compiler.compile_file(path))
    assert module.name == "my_prog"


def test_vm_to_c_and_mlir_targets(tmp_path):
    c = kiln.compiler.compile(VM, target="c")
    assert "kiln_module_v1_get" in c or "kiln/c/module.h" in c
    so = kiln.compiler.build_shared_object(c, str(tmp_path / "v.so"))
    assert kiln.runtime.Context([so]).mul(6, 7) == 42
    lowered = kiln.compiler.compile(PLAIN, target="vm", module_name="p")
    assert "@p {" in lowered and "vm.module" in lowered and "vm.add.i32" in lowered
    same = kiln.compiler.compile(PLAIN, target="mlir")
    assert "arith.addi" in same


def test_pipelines_by_name():
    text = """
    func.func @f(%a: i32) -> i32 {
      %c0 = arith.constant 0 : i32
      %b = arith.addi %a, %c0 : i32
      return %b : i32
    }
    """
    out = kiln.compiler.compile(text, target="mlir", pipeline="canonicalize")
    assert "arith.addi" not in out
    out = kiln.compiler.compile(text, target="mlir", pipeline="builtin.module(kiln-lower-to-vm)")
    assert "vm.module" in out
    with pytest.raises(kiln.compiler.CompilerError, match="pass pipeline"):
        kiln.compiler.compile(text, pipeline="no-such-pass")


def test_syntax_error_has_a_location():
    with pytest.raises(kiln.compiler.CompilerError) as error:
        kiln.compiler.compile("func.func @f( {", filename="broken.mlir")
    d = error.value.diagnostics[0]
    assert d.severity == "error" and d.file == "broken.mlir"
    assert d.line == 1 and d.column > 1
    assert str(error.value).startswith("broken.mlir:1:")


def test_verifier_error_has_a_location():
    text = """vm.module @bad {
  vm.func @f(%a: i32) -> i64 {
    vm.return %a : i32
  }
}
"""
    with pytest.raises(kiln.compiler.CompilerError) as error:
        kiln.compiler.compile(text, filename="bad.mlir")
    d = error.value.diagnostics[0]
    assert (d.file, d.line) == ("bad.mlir", 3)


def test_unsupported_input_reports_the_op():
    text = """
    func.func @f() -> memref<2xf32> {
      %m = memref.alloc() : memref<4xf32>
      %v = memref.reinterpret_cast %m to offset: [0], sizes: [2], strides: [1] : memref<4xf32> to memref<2xf32>
      return %v : memref<2xf32>
    }
    """
    with pytest.raises(kiln.compiler.CompilerError) as error:
        kiln.compiler.compile(text, filename="u.mlir")
    assert any(d.file == "u.mlir" and d.line == 4 for d in error.value.diagnostics)


def test_bad_options():
    with pytest.raises(kiln.compiler.CompilerError, match="unknown target"):
        kiln.compiler.compile(VM, target="wasm")
    with pytest.raises(kiln.compiler.CompilerError, match="index_bitwidth"):
        kiln.compiler.compile(VM, index_bitwidth=16)


def test_strip_debug_is_smaller():
    assert len(kiln.compiler.compile(VM, strip_debug=True)) < len(kiln.compiler.compile(VM))


def test_deep_nesting_is_refused_not_a_crash():
    text = "func.func @f() { " + "(" * 5000 + " }"
    with pytest.raises(kiln.compiler.CompilerError, match="nested more than"):
        kiln.compiler.compile(text)
