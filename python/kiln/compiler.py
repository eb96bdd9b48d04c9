"""kiln.compiler: MLIR text to a .vmfb or C, in-process.

The same libraries and steps as vm-translate: parse (vm dialect, or plain
func/arith/math/scf/cf/memref MLIR, which is lowered to vm first), verify,
prepare, encode. Failures raise CompilerError with every diagnostic and
its location.

    vmfb = compile(text)                      # bytes of a .vmfb
    c = compile(text, target="c")             # C source (str)
    so = build_shared_object(c)               # path of a .so built with cc
"""
import os
import shutil
import subprocess
import tempfile
from typing import List, NamedTuple

from . import _compiler

__all__ = ["CompilerError", "Diagnostic", "compile", "compile_file",
           "build_shared_object", "include_dir"]


class Diagnostic(NamedTuple):
    severity: str   # "error", "warning", "note", "remark"
    message: str
    file: str       # "" when the location has none
    line: int
    column: int
    notes: list

    def __str__(self):
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        text = f"{where}{self.severity}: {self.message}"
        for note in self.notes:
            text += "\n" + str(note)
        return text


def _diagnostic(t):
    return Diagnostic(t[0], t[1], t[2], t[3], t[4], [_diagnostic(n) for n in t[5]])


class CompilerError(Exception):
    """Compilation failed. `diagnostics` holds what the compiler reported
    (errors with file, line and column)."""

    def __init__(self, diagnostics: List[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


def compile(source, *, target="vmfb", pipeline=None, buffer_view_exports=True,
            index_bitwidth=64, module_name=None, strip_debug=False,
            dispatch_parallel_loops=False, kernel_form="bytecode", kernel_cc=None,
            kernel_cc_flags="-O2", kernel_c_bounded=True, dispatch_workgroups=64,
            filename="<string>"):
    """Compiles MLIR text.

    target               "vmfb" (bytes), "c" (C source), "llvm-ir" (LLVM IR
                         from the LLVM target, text; kiln.runtime JIT-compiles
                         it), "vm" (the vm module after input lowering) or
                         "mlir" (after `pipeline`)
    pipeline             a pass pipeline to run first, by name or textual
                         ("canonicalize,cse", "builtin.module(inline)")
    buffer_view_exports  plain MLIR: memref functions take and return hal
                         buffer views (numpy arrays from Python), like
                         vm-translate --vm-buffer-view-exports
    index_bitwidth       width of `index` in plain MLIR (64 or 32)
    module_name          name of the vm module made from plain MLIR
                         (default: the module's sym_name, else the file stem)
    strip_debug          omit the debug database from the .vmfb
    dispatch_parallel_loops
                         plain MLIR: top-level scf.parallel / scf.forall
                         loops over memrefs run as hal dispatches on the
                         device's workers (vm-translate
                         --kiln-dispatch-parallel-loops; docs/executables.md);
                         the module then needs a device (Context(device=...))
    kernel_form          the dispatched kernels' form, independent of
                         `target`: "bytecode" (a .vmfb) or "c" (a shared
                         object built by `kernel_cc`, a name on PATH or a
                         path, default cc, with `kernel_cc_flags`)
    kernel_c_bounded     C kernels count fuel at their loops, so the calling
                         invocation's fuel and deadline stop them there
                         (vm-translate --kernel-c-bounded)
    dispatch_workgroups  the most workgroups one loop is split into
    filename             the name locations use
    """
    if isinstance(source, bytes):
        source = source.decode()
    options = _compiler.Options()
    options.target = target
    options.pipeline = pipeline or ""
    options.buffer_view_exports = bool(buffer_view_exports)
    options.index_bitwidth = int(index_bitwidth)
    options.module_name = module_name or ""
    options.strip_debug = bool(strip_debug)
    options.dispatch_parallel_loops = bool(dispatch_parallel_loops)
    options.kernel_form = str(kernel_form)
    options.kernel_cc = kernel_cc or "cc"
    options.kernel_cc_flags = str(kernel_cc_flags)
    options.kernel_c_bounded = bool(kernel_c_bounded)
    options.dispatch_workgroups = int(dispatch_workgroups)
    ok, output, diagnostics = _compiler.compile(source, filename, options)
    diagnostics = [_diagnostic(d) for d in diagnostics]
    if not ok:
        raise CompilerError(diagnostics)
    return output if target == "vmfb" else output.decode()


def compile_file(path, **options):
    """compile() on the contents of a file; locations name the file."""
    path = os.fspath(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    options.setdefault("filename", path)
    return compile(text, **options)


def include_dir():
    """The directory holding kiln/c/*.h, which emitted C includes."""
    here = os.path.join(os.path.dirname(__file__), "include")
    return here


def build_shared_object(c_source, output=None, *, cc=None, flags=("-O2",)):
    """Builds emitted C into a shared library with the system C compiler;
    returns its path (a temporary file unless `output` is given)."""
    cc = cc or os.environ.get("CC") or shutil.which("cc") or "cc"
    if output is None:
        fd, output = tempfile.mkstemp(suffix=".so", prefix="kiln-")
        os.close(fd)
    with tempfile.TemporaryDirectory(prefix="kiln-c-") as tmp:
        c_path = os.path.join(tmp, "module.c")
        with open(c_path, "w", encoding="utf-8") as f:
            f.write(c_source)
        command = [cc, "-std=c11", *flags, "-shared", "-fPIC", "-I", include_dir(),
                   c_path, "-o", output, "-lm"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return output
