#!/usr/bin/env python3
"""End-to-end test of the io_parameters module: params.mlir, compiled to
bytecode and to C, loads parameters of the scope "model" from safetensors,
GGUF and IRPA files (written here; the IRPA by `kiln-params create`) given
to run-module with --parameters, and from a scope spread over two files.
Also: kiln-params list, and hostile parameter files rejected by run-module
with an error naming the file and entry. Writes a JUnit report."""
import argparse
import pathlib
import subprocess
import sys
import time
import struct
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "e2e"))
import param_files  # noqa: E402
import run_e2e  # noqa: E402

W = ("int32", (2, 3), struct.pack("<6i", 1, 2, 3, 4, 5, 6))
B = ("int32", (2,), struct.pack("<2i", 10, 20))


def run(cmd):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=120)


def make_files(bin_dir, out):
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    files["safetensors"] = out / "model.safetensors"
    param_files.write_safetensors(files["safetensors"], {"w": W, "b": B})
    files["gguf"] = out / "model.gguf"
    param_files.write_gguf(files["gguf"], {"w": W, "b": B})
    (out / "w.bin").write_bytes(W[2])
    (out / "b.bin").write_bytes(B[2])
    files["irpa"] = out / "model.irpa"
    result = run([bin_dir / "kiln-params", "create", f"--out={files['irpa']}",
                  f"w=@{out / 'w.bin'}", f"b=@{out / 'b.bin'}"])
    if result.returncode != 0:
        raise RuntimeError(f"kiln-params create failed: {result.stderr}")
    # Converted: every parameter of the GGUF file into an IRPA archive.
    files["converted"] = out / "converted.irpa"
    result = run([bin_dir / "kiln-params", "create", f"--out={files['converted']}",
                  f"--from={files['gguf']}"])
    if result.returncode != 0:
        raise RuntimeError(f"kiln-params create --from failed: {result.stderr}")
    # One scope from two files: w from a safetensors file, b from a GGUF one.
    files["w_only"] = out / "w_only.safetensors"
    param_files.write_safetensors(files["w_only"], {"w": W})
    files["b_only"] = out / "b_only.gguf"
    param_files.write_gguf(files["b_only"], {"b": B})
    return files


def check_call(bin_dir, module, params, function, expect):
    cmd = [bin_dir / "run-module", f"--module={module}", f"--function={function}"]
    cmd += [f"--parameters={p}" for p in params]
    result = run(cmd)
    text = result.stdout + result.stderr
    if expect.startswith("error:"):
        if result.returncode != 1 or expect[6:].strip() not in result.stderr:
            return f"expected exit 1 and '{expect}', got {result.returncode}: {text}"
        return None
    if result.returncode != 0 or result.stdout.strip() != expect:
        return f"expected '{expect}', got exit {result.returncode}: {text}\n{' '.join(map(str, cmd))}"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("--junit", required=True, type=pathlib.Path)
    args = parser.parse_args()
    files = make_files(args.bin, args.out)
    cases = []  # (name, failure or None, seconds)

    def case(name, fn):
        start = time.monotonic()
        try:
            failure = fn()
        except Exception as error:  # a broken case fails, the rest still run
            failure = f"{type(error).__name__}: {error}"
        cases.append((name, failure, time.monotonic() - start))

    for kind in ("safetensors", "gguf", "irpa"):
        def listed(kind=kind):
            result = run([args.bin / "kiln-params", "list", files[kind]])
            if result.returncode != 0 or "  w " not in result.stdout or "  b " not in result.stdout:
                return f"kiln-params list {files[kind]}: {result.stdout}{result.stderr}"
            return None
        case(f"list.{kind}", listed)

    scopes = {kind: [f"model={files[kind]}"]
              for kind in ("safetensors", "gguf", "irpa", "converted")}
    scopes["two_files"] = [f"model={files['w_only']}", f"model={files['b_only']}"]
    calls = [
        ("weighted_sum", "i32=121"),
        ("weights", "2x3xi32=[1 2 3][4 5 6]"),
        ("gathered", "5xi32=2 3 4 5 20"),
        ("fail_missing_key", "error: scope 'model' has no parameter 'x'"),
        ("fail_missing_scope", "error: no parameters registered for scope 'nope'"),
        ("fail_span_past_end", "error: is outside parameter 'w' (24 bytes)"),
    ]
    for form in ("bytecode", "c"):
        module, error = run_e2e.compile_module(args.bin, HERE / "params.mlir", args.out / form, form)
        for scope_name, params in scopes.items():
            for function, expect in calls:
                name = f"{form}.{scope_name}.{function}"
                if error:
                    cases.append((name, error, 0.0))
                    continue
                case(name, lambda m=module, p=params, f=function, e=expect:
                     check_call(args.bin, m, p, f, e))

    # Hostile files: run-module refuses them (exit 2) naming file and entry.
    good = files["safetensors"].read_bytes()
    hostile = {
        "truncated": (good[:len(good) - 8], ["truncated.safetensors", "'b'", "past the end"]),
        "bad_header": (good[:9] + b"!" + good[10:], ["bad_header.safetensors", "not valid JSON"]),
    }
    module, error = run_e2e.compile_module(args.bin, HERE / "params.mlir", args.out / "bytecode",
                                           "bytecode")
    for name, (data, parts) in hostile.items():
        path = args.out / f"{name}.safetensors"
        path.write_bytes(data)

        def rejected(path=path, parts=parts):
            result = run([args.bin / "run-module", f"--module={module}",
                          "--function=weighted_sum", f"--parameters=model={path}"])
            first = result.stderr.splitlines()[0] if result.stderr else ""
            if result.returncode != 2 or not all(p in first for p in parts):
                return f"expected exit 2 naming {parts}, got {result.returncode}: {result.stderr}"
            return None
        case(f"hostile.{name}", rejected)

        def listed_error(path=path, parts=parts):
            result = run([args.bin / "kiln-params", "list", path])
            if result.returncode != 2 or not all(p in result.stderr for p in parts):
                return f"kiln-params list: expected exit 2 naming {parts}, got {result.returncode}: {result.stderr}"
            return None
        case(f"hostile.{name}.list", listed_error)

    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="params_e2e", tests=str(len(cases)),
                          failures=str(sum(1 for c in cases if c[1])))
    for name, failure, seconds in cases:
        el = ET.SubElement(suite, "testcase", classname="params_e2e", name=name,
                           time=f"{seconds:.3f}")
        if failure:
            ET.SubElement(el, "failure", message=failure.splitlines()[0]).text = failure
    args.junit.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(args.junit, encoding="utf-8", xml_declaration=True)
    failed = [c for c in cases if c[1]]
    for name, failure, _ in failed:
        print(f"FAIL {name}\n  " + failure.replace("\n", "\n  "))
    print(f"params_e2e: {len(cases) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
