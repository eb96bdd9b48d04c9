#!/usr/bin/env python3
"""End-to-end driver: compiles every test/e2e/*.mlir module and runs each of
its exports named test_* (must succeed) and fail_* (must fail cleanly: a
non-zero exit with an error message, never a signal) through run-module.

Each module may name extra modules it imports from with a line
    // E2E-DEPENDS: other.mlir
(compiled the same way and registered before it), and inputs for a function
with
    // E2E-ARGS: test_name --input=42 --input=f32=1.5
Forms (--forms): bytecode (.vmfb), c (vm-translate --vm-to-c, then cc into a
.so) and llvm (vm-translate --vm-to-object -o x.so: the LLVM target straight
to a shared object, loaded like the C form's).

Extra vm-translate flags for a file (every form):
    // E2E-TRANSLATE-FLAGS: --vm-buffer-view-exports
A file marked
    // E2E-LIBRARY
is only compiled as another file's dependency, never run on its own.

A fail_* case passes when run-module exits with status 1 (the call failed;
2 means bad flags, modules or inputs), prints "error: ..." on stderr and a VM
stack trace with at least one frame that has a bytecode offset and a source
location ("  at module.fn @12 (file.mlir:3:5)"). Optional expectations:
    // E2E-EXPECT-ERROR: fail_name TEXT     TEXT occurs in the error line
    // E2E-EXPECT-TRACE: fail_name F1 F2..  these functions appear in the
                                             trace, innermost first
Writes a JUnit report so the suite's counts reach scripts/summarize_tests.py.

Forms (--forms, comma-separated): bytecode (.vmfb), c (emitted C built into
a .so with cc) and jit (run-module JIT-compiles the module in process: LLVM
IR, or the .mlir itself; see compile_for_jit).

usage: run_e2e.py --bin BUILD/bin --out DIR --junit FILE [--forms F,...] [files...]
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

COMMENT_LINE_RE = re.compile(r"^\s*//.*$", re.MULTILINE)
EXPORT_RE = re.compile(r"vm\.export\s+@(\w+)(?:\s+as\s*\(\s*\"([^\"]+)\"\s*\))?")
DEPENDS_RE = re.compile(r"//\s*E2E-DEPENDS:\s*(\S+)")
ARGS_RE = re.compile(r"//\s*E2E-ARGS:\s*(\w+)\s+(.*)")
LIBRARY_RE = re.compile(r"//\s*E2E-LIBRARY\b")
TRANSLATE_FLAGS_RE = re.compile(r"//\s*E2E-TRANSLATE-FLAGS:\s*(.*\S)")
# A file the C form cannot run names why, so every exclusion is tracked:
#   // E2E-C-SKIP: <what the C target lacks>
# (no file carries one today: every e2e module runs in both forms).
C_SKIP_RE = re.compile(r"//\s*E2E-C-SKIP:\s*(.+)")
# The same for the LLVM form:
#   // E2E-LLVM-SKIP: <what the LLVM target lacks>
LLVM_SKIP_RE = re.compile(r"//\s*E2E-LLVM-SKIP:\s*(.+)")
EXPECT_ERROR_RE = re.compile(r"//\s*E2E-EXPECT-ERROR:\s*(\w+)\s+(.*\S)")
EXPECT_TRACE_RE = re.compile(r"//\s*E2E-EXPECT-TRACE:\s*(\w+)\s+(.*\S)")
TRACE_FRAME_RE = re.compile(r"^\s+at \S+ @\d+ \(\S+:\d+:\d+\)\s*$", re.M)
TIMEOUT_SECONDS = 60


# In upstream MLIR input every public func.func with a body is exported.
FUNC_RE = re.compile(r"^\s*func\.func\s+(?!private\b)@(\w+)\([^)]*\)[^{\n]*\{", re.M)


def exported_names(text):
    if "vm.module" not in text:
        return FUNC_RE.findall(text)
    names = []
    # Exports in commented-out code (IREE's own test modules keep some) are
    # not exports.
    code = COMMENT_LINE_RE.sub("", text)
    for match in EXPORT_RE.finditer(code):
        names.append(match.group(2) or match.group(1))
    return names


class Case:
    def __init__(self, suite, name):
        self.suite, self.name = suite, name
        self.failure = None
        self.skipped = None
        self.seconds = 0.0


# Overridable for the sanitizer leg (scripts/sanitize.sh): where
# vm-translate lives (an uninstrumented build), and how emitted C is built.
TRANSLATE_BIN = None
C_COMPILER = None
C_FLAGS = []
# The jit form: what run-module is given (compile_for_jit), and the clang
# that turns emitted C into LLVM IR for --jit-input=c.
JIT_INPUT = "mlir"
JIT_CLANG = "clang-22"


def compile_module(bin_dir, source, out_dir, form):
    translate_bin = TRANSLATE_BIN or bin_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    flags = []
    for match in TRANSLATE_FLAGS_RE.finditer(source.read_text()):
        flags += match.group(1).split()
    if form == "bytecode":
        target = out_dir / (source.stem + ".vmfb")
        cmd = [str(translate_bin / "vm-translate"), "--vm-to-bytecode"] + flags + [str(source), "-o", str(target)]
    elif form == "c":
        source_c = out_dir / (source.stem + ".c")
        target = out_dir / (source.stem + ".so")
        translate = ([str(translate_bin / "vm-translate"), "--vm-to-c"] + flags +
                     [str(source), "-o", str(source_c)])
        result = subprocess.run(translate, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        if result.returncode != 0:
            return None, f"compile failed: {' '.join(translate)}\n{result.stderr}"
        include = pathlib.Path(__file__).resolve().parents[2] / "runtime" / "include"
        cmd = [C_COMPILER or os.environ.get("CC", "cc"), "-std=c11", "-O2", "-shared", "-fPIC",
               f"-I{include}"] + C_FLAGS + [str(source_c), "-lm", "-o", str(target)]
    elif form == "llvm":
        target = out_dir / (source.stem + ".so")
        cmd = ([str(translate_bin / "vm-translate"), "--vm-to-object"] + flags +
               [str(source), "-o", str(target)])
    elif form == "jit":
        return compile_for_jit(translate_bin, source, out_dir, flags)
    else:
        raise ValueError(form)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    if result.returncode != 0:
        return None, f"compile failed: {' '.join(cmd)}\n{result.stderr}"
    return target, None


def compile_for_jit(translate_bin, source, out_dir, flags):
    """The module run-module JIT-compiles for `source`: LLVM IR made from its
    C form by clang (--jit-input=c), or (--jit-input=mlir) the .mlir itself,
    lowered by the LLVM target inside run-module; a file with extra translate
    flags goes through vm-translate --vm-to-llvm-ir with them instead."""
    if JIT_INPUT == "mlir" and not flags:
        return source, None
    target = out_dir / (source.stem + ".ll")
    if JIT_INPUT == "mlir":
        steps = [[str(translate_bin / "vm-translate"), "--vm-to-llvm-ir"] + flags +
                 [str(source), "-o", str(target)]]
    else:
        source_c = out_dir / (source.stem + ".c")
        include = pathlib.Path(__file__).resolve().parents[2] / "runtime" / "include"
        steps = [[str(translate_bin / "vm-translate"), "--vm-to-c"] + flags +
                 [str(source), "-o", str(source_c)],
                 [JIT_CLANG, "-std=c11", "-O2", "-fPIC", "-S", "-emit-llvm", f"-I{include}",
                  str(source_c), "-o", str(target)]]
    for cmd in steps:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        if result.returncode != 0:
            return None, f"compile failed: {' '.join(cmd)}\n{result.stderr}"
    return target, None


def run_case(bin_dir, modules, function, extra_args, expect_success,
             expect_error=None, expect_trace=None):
    cmd = [str(bin_dir / "run-module")]
    cmd += [f"--module={m}" for m in modules]
    cmd += [f"--function={function}"] + extra_args
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT_SECONDS}s: {' '.join(cmd)}"
    output = result.stdout + result.stderr
    if result.returncode < 0:
        return f"killed by signal {-result.returncode}: {' '.join(cmd)}\n{output}"
    if expect_success and result.returncode != 0:
        return f"expected success, got exit {result.returncode}: {' '.join(cmd)}\n{output}"
    if not expect_success:
        if result.returncode == 0:
            return f"expected failure, but it succeeded: {' '.join(cmd)}\n{output}"
        if not result.stderr.strip():
            return f"failed without an error message: {' '.join(cmd)}"
        if result.returncode != 1:
            return (f"expected the call to fail (exit 1), got exit {result.returncode} "
                    f"(bad flags, module or inputs?): {' '.join(cmd)}\n{output}")
        error_line = result.stderr.splitlines()[0]
        if not error_line.startswith("error: "):
            return f"first stderr line is not 'error: ...': {' '.join(cmd)}\n{output}"
        if not TRACE_FRAME_RE.search(result.stderr):
            return (f"no stack trace frame with a bytecode offset and a source location "
                    f"('  at module.fn @N (file:line:col)'): {' '.join(cmd)}\n{output}")
        if expect_error and expect_error not in error_line:
            return f"error line lacks '{expect_error}': {' '.join(cmd)}\n{output}"
        if expect_trace:
            frames = [l.strip() for l in result.stderr.splitlines()[1:] if l.startswith("  at ")]
            position = 0
            for name in expect_trace:
                while position < len(frames) and f".{name} " not in frames[position] + " ":
                    position += 1
                if position == len(frames):
                    return (f"trace lacks frame '{name}' (expected in order: "
                            f"{' '.join(expect_trace)}): {' '.join(cmd)}\n{output}")
                position += 1
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("--junit", required=True, type=pathlib.Path)
    parser.add_argument("--forms", default="bytecode")
    parser.add_argument("--translate-bin", type=pathlib.Path,
                        help="where vm-translate is (default: --bin)")
    parser.add_argument("--cc", help="C compiler for emitted C (default: $CC or cc)")
    parser.add_argument("--cflags", default="",
                        help="extra flags for emitted C, e.g. '-fsanitize=address -DKILN_C_BOUNDED=1'")
    parser.add_argument("--jit-input", choices=["c", "mlir"], default="mlir",
                        help="jit form: run-module gets LLVM IR that clang made from "
                             "emitted C (c), or the .mlir file itself (mlir)")
    parser.add_argument("--jit-clang", default="clang-22",
                        help="clang for --jit-input=c (default: clang-22)")
    parser.add_argument("--jit-opt-level",
                        help="jit form: run-module's --jit-opt-level (default: run-module's, "
                             "quick)")
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    global TRANSLATE_BIN, C_COMPILER, C_FLAGS, JIT_INPUT, JIT_CLANG
    TRANSLATE_BIN, C_COMPILER, C_FLAGS = args.translate_bin, args.cc, args.cflags.split()
    JIT_INPUT, JIT_CLANG = args.jit_input, args.jit_clang

    files = args.files or sorted(pathlib.Path(__file__).parent.glob("*.mlir"))
    cases = []
    for form in args.forms.split(","):
        for source in files:
            text = source.read_text()
            if LIBRARY_RE.search(text):
                continue
            suite = f"e2e.{form}.{source.stem}"
            # The jit form runs what the target that made its IR can make.
            jit_skip = LLVM_SKIP_RE if JIT_INPUT == "mlir" else C_SKIP_RE
            skip_re = {"c": C_SKIP_RE, "llvm": LLVM_SKIP_RE, "jit": jit_skip}.get(form)
            skip = skip_re.search(text) if skip_re else None
            if skip:
                for name in exported_names(text):
                    if name.startswith(("test_", "fail_")):
                        case = Case(suite, name)
                        case.skipped = skip.group(1).strip()
                        cases.append(case)
                continue
            modules, error = [], None
            for dep in DEPENDS_RE.findall(text):
                built, error = compile_module(args.bin, source.parent / dep, args.out / form, form)
                if error:
                    break
                modules.append(built)
            if not error:
                built, error = compile_module(args.bin, source, args.out / form, form)
                modules.append(built)
            extra = {m.group(1): m.group(2).split() for m in ARGS_RE.finditer(text)}
            level = ([f"--jit-opt-level={args.jit_opt_level}"]
                     if form == "jit" and args.jit_opt_level else [])
            expect_errors = {m.group(1): m.group(2) for m in EXPECT_ERROR_RE.finditer(text)}
            expect_traces = {m.group(1): m.group(2).split()
                             for m in EXPECT_TRACE_RE.finditer(text)}
            names = [n for n in exported_names(text) if n.startswith(("test_", "fail_"))]
            if not names:
                case = Case(suite, "<module>")
                case.failure = error or "no test_* or fail_* exports"
                cases.append(case)
                continue
            for name in names:
                case = Case(suite, name)
                start = time.monotonic()
                if error:
                    case.failure = error
                else:
                    case.failure = run_case(args.bin, modules, name,
                                            extra.get(name, []) + level,
                                            name.startswith("test_"),
                                            expect_errors.get(name),
                                            expect_traces.get(name))
                case.seconds = time.monotonic() - start
                cases.append(case)

    root = ET.Element("testsuites")
    suite_el = ET.SubElement(root, "testsuite", name="e2e", tests=str(len(cases)),
                             failures=str(sum(1 for c in cases if c.failure)))
    for case in cases:
        el = ET.SubElement(suite_el, "testcase", classname=case.suite, name=case.name,
                           time=f"{case.seconds:.3f}")
        if case.skipped:
            ET.SubElement(el, "skipped", message=case.skipped)
        if case.failure:
            ET.SubElement(el, "failure", message=case.failure.splitlines()[0]).text = case.failure
    args.junit.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(args.junit, encoding="utf-8", xml_declaration=True)

    failed = [c for c in cases if c.failure]
    for case in failed:
        print(f"FAIL {case.suite}::{case.name}\n  " + case.failure.replace("\n", "\n  "))
    skipped = [c for c in cases if c.skipped]
    print(f"e2e: {len(cases) - len(failed) - len(skipped)} passed, {len(failed)} failed, "
          f"{len(skipped)} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
