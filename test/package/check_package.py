"""Checks Kiln as an installed package, as a user outside this repository
would meet it:

  1. `cmake --install BUILD --prefix WORK/install`;
  2. configure and build test/package/external (find_package(Kiln), both
     module functions in every form) against that prefix, and run it;
  3. build a host program with only `pkg-config --cflags --libs kiln-runtime`
     and run it on a module compiled by the installed vm-translate;
  4. compile emitted C with the command its own header comment gives.

Writes one JUnit test case per step.

  check_package.py --build BUILD --work DIR --junit FILE
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600, **kwargs)
    if proc.returncode != 0:
        raise RuntimeError(f"$ {' '.join(map(str, cmd))}\n{proc.stdout}")
    return proc.stdout


HOST_PROGRAM = r'''
#include <cstdio>
#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
int main(int argc, char** argv) {
  kiln::vm::Instance instance;
  auto module = kiln::bytecode::load_module_from_file(instance, argv[1]);
  if (!module.ok()) { std::puts(module.status().to_string().c_str()); return 1; }
  kiln::vm::Context context(instance);
  if (!context.register_module(*module).ok()) return 1;
  auto f = context.lookup_function("sum_to");
  if (!f.ok()) return 1;
  kiln::vm::ValueList results;
  auto s = kiln::vm::invoke(context, *f, {kiln::vm::Value::i32(5)}, &results);
  if (!s.ok()) { std::puts(s.to_string().c_str()); return 1; }
  std::printf("sum_to(5) = %d\n", results[0].as_i32());
  return results[0].as_i32() == 10 ? 0 : 1;
}
'''


def step_install(args, prefix):
    if prefix.exists():
        shutil.rmtree(prefix)
    run(["cmake", "--install", str(args.build), "--prefix", str(prefix)])
    for rel in ["bin/vm-translate", "bin/run-module", "include/kiln/c/module.h",
                "include/kiln/cmodule/c_module.h", "lib/cmake/Kiln/KilnConfig.cmake",
                "lib/pkgconfig/kiln-runtime.pc", "share/kiln/imports/hal.imports.mlir"]:
        if not (prefix / rel).exists():
            raise RuntimeError(f"the install is missing {rel}")
    return "installed"


def step_external(args, prefix, work):
    build = work / "external-build"
    if build.exists():
        shutil.rmtree(build)
    gen = ["-G", "Ninja"] if shutil.which("ninja") else []
    # Only the install prefix: nothing may come from the source tree.
    run(["cmake", *gen, "-S", str(HERE / "external"), "-B", str(build),
         f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_BUILD_TYPE=Release"])
    run(["cmake", "--build", str(build), "-j", "2"])
    out = run([str(build / "consumer")])
    if "PASSED" not in out:
        raise RuntimeError(out)
    return out


def step_pkg_config(args, prefix, work):
    env = dict(os.environ, PKG_CONFIG_PATH=str(prefix / "lib/pkgconfig"))
    flags = run(["pkg-config", "--cflags", "--libs", "kiln-runtime"], env=env).split()
    host = work / "host.cpp"
    host.write_text(HOST_PROGRAM)
    exe = work / "host"
    run(["c++", "-std=c++17", "-O1", str(host), "-o", str(exe), *flags])
    vmfb = work / "calc.vmfb"
    run([str(prefix / "bin/vm-translate"), "--vm-to-bytecode",
         str(HERE / "external/calc.mlir"), "-o", str(vmfb)])
    return run([str(exe), str(vmfb)])


def step_emitted_c_command(args, prefix, work):
    c_file = work / "cmath.c"
    run([str(prefix / "bin/vm-translate"), "--vm-to-c",
         str(HERE / "external/cmath.mlir"), "-o", str(c_file)])
    header = c_file.read_text().split("*/", 1)[0]
    match = re.search(r"Build: (cc .*)", header)
    if not match:
        raise RuntimeError(f"no build command in the header:\n{header}")
    command = match.group(1).replace(" x.c", f" {c_file}").replace(
        "-o x.so", f"-o {work / 'cmath.so'}")
    # From an unrelated directory: the command must not depend on the cwd.
    run(["sh", "-c", command], cwd="/")
    out = run([str(prefix / "bin/run-module"), f"--module={work / 'cmath.so'}",
               "--function=fib", "--input=10"])
    if "55" not in out:
        raise RuntimeError(out)
    return command + "\n" + out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", type=pathlib.Path, required=True)
    ap.add_argument("--work", type=pathlib.Path, required=True)
    ap.add_argument("--junit", type=pathlib.Path)
    args = ap.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    prefix = work / "install"
    steps = [("install", lambda: step_install(args, prefix)),
             ("external_cmake_project", lambda: step_external(args, prefix, work)),
             ("pkg_config_host", lambda: step_pkg_config(args, prefix, work)),
             ("emitted_c_header_command", lambda: step_emitted_c_command(args, prefix, work))]
    suite = ET.Element("testsuite", name="package")
    failed = 0
    for name, fn in steps:
        case = ET.SubElement(suite, "testcase", classname="package", name=name)
        start = time.time()
        try:
            out = fn()
            print(f"PASS package/{name}")
            print(out)
        except Exception as error:  # report every step, keep going
            failed += 1
            ET.SubElement(case, "failure", message=str(error)[:2000])
            print(f"FAIL package/{name}\n{error}")
        case.set("time", f"{time.time() - start:.2f}")
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(suite).write(args.junit)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
