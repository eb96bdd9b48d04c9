#!/usr/bin/env python3
"""The JIT's figures, measured side by side in one run.

1. Time to first result on a small module (bench/jit/small.mlir, whose
   main() runs fib(20) and a 1,000-element buffer loop), wall clock from the
   .mlir to the printed result, median of --repeat runs, interleaved:
     jit       run-module --module=small.mlir            (LLVM target + ORC
                                                          in the process, at
                                                          the default level,
                                                          quick)
     jit-O2    the same with --jit-opt-level=2           (the fastest code;
                                                          the default before)
     jit-ir    run-module --module=small.ll              (IR made beforehand:
                                                          the JIT alone)
     c         vm-translate --vm-to-c + cc -O2 -shared + run-module x.so
     bytecode  vm-translate --vm-to-bytecode + run-module x.vmfb
     jit-cached  jit with the opt-in object cache, warm ($KILN_JIT_CACHE_DIR
               filled by one run beforehand): not a cold start, reported apart
     jit-base  with --baseline OTHER_BUILD: jit through that build
   and the ratio c / jit (how many times sooner the JIT path starts).
2. JIT compile time per 1,000 vm ops: run-module --print-statistics' load
   time of generated modules (bench/compile/gen_module.py's functions of
   about 50 ops, their one import replaced by a constant) minus that of the
   small module, per 1,000 ops, at --jit-opt-level quick, 2 and 0.
3. Run time of JIT-compiled code at each of those levels, beside the C
   form (cc -O2): run-module --print-statistics' call time of the workloads
   of bench/jit/speed.mlir (loops, calls, a buffer, fib), fastest of 5.

A form this build cannot run (no .mlir JIT plugin yet) is reported as such.

The load average (other processes on the machine) is printed before and
after the startup runs.

usage: bench/jit/run.py [--build BUILD] [--repeat N] [--functions N,N]
                        [--baseline OTHER_BUILD] [--skip-speed]
"""
import argparse
import os
import pathlib
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(cmd, env=None):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stderr}")
    return result


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(steps):
    """Wall and CPU seconds (user + system, all steps) and the last output."""
    start, cpu = time.perf_counter(), children_cpu()
    for cmd in steps:
        env = None
        if isinstance(cmd, tuple):  # (command, extra environment)
            cmd, extra = cmd
            env = dict(os.environ, **extra)
        last = run(cmd, env)
    return time.perf_counter() - start, children_cpu() - cpu, last.stdout.strip()


def startup(build, work, repeat, cc, clang, baseline=None):
    bin_dir = build / "bin"
    small = ROOT / "bench" / "jit" / "small.mlir"
    include = ROOT / "runtime" / "include"
    translate, runner = str(bin_dir / "vm-translate"), str(bin_dir / "run-module")
    call = ["--function=main"]
    c_src, so, vmfb, ll = (work / n for n in ("small.c", "small.so", "small.vmfb", "small.ll"))
    # The IR for jit-ir: clang's from the C form (or the LLVM target's).
    try:
        run([translate, "--vm-to-llvm-ir", str(small), "-o", str(ll)])
        ir_source = "vm-translate --vm-to-llvm-ir"
    except RuntimeError:
        run([translate, "--vm-to-c", str(small), "-o", str(c_src)])
        run([clang, "-std=c11", "-O2", "-fPIC", "-S", "-emit-llvm", f"-I{include}", str(c_src),
             "-o", str(ll)])
        ir_source = "clang -O2 -S -emit-llvm of the C form"
    forms = {
        "jit": [[runner, f"--module={small}"] + call],
        "jit-O2": [[runner, f"--module={small}", "--jit-opt-level=2"] + call],
        "jit-ir": [[runner, f"--module={ll}"] + call],
        "c": [[translate, "--vm-to-c", str(small), "-o", str(c_src)],
              [cc, "-std=c11", "-O2", "-shared", "-fPIC", f"-I{include}", str(c_src), "-lm", "-o",
               str(so)],
              [runner, f"--module={so}"] + call],
        "bytecode": [[translate, "--vm-to-bytecode", str(small), "-o", str(vmfb)],
                     [runner, f"--module={vmfb}"] + call],
    }
    # The opt-in object cache ($KILN_JIT_CACHE_DIR), warm: reported apart,
    # the headline figure is the cold jit.
    cache = {"KILN_JIT_CACHE_DIR": str(work / "cache")}
    (work / "cache").mkdir()
    run([runner, f"--module={small}"] + call, dict(os.environ, **cache))
    forms["jit-cached"] = [([runner, f"--module={small}"] + call, cache)]
    if baseline:
        # The same JIT path in another build (e.g. before a change), in the
        # same interleaved runs.
        forms["jit-base"] = [[str(baseline / "bin" / "run-module"), f"--module={small}"] + call]
    walls = {name: [] for name in forms}
    cpus = {name: [] for name in forms}
    outputs, broken = {}, {}
    for _ in range(repeat):
        for name, steps in forms.items():
            if name in broken:
                continue
            try:
                wall, cpu, out = timed(steps)
            except RuntimeError as e:
                broken[name] = str(e).splitlines()[-1]
                continue
            walls[name].append(wall)
            cpus[name].append(cpu)
            outputs[name] = out
    print(f"time to first result, small module (median of {repeat}; wall clock, and CPU "
          f"time of all steps, which a busy machine moves less; jit-ir runs IR from "
          f"{ir_source}):")
    for name in forms:
        if name in broken:
            print(f"  {name:10s} not available: {broken[name]}")
        else:
            print(f"  {name:10s} wall {statistics.median(walls[name]) * 1000:8.1f} ms   "
                  f"cpu {statistics.median(cpus[name]) * 1000:8.1f} ms   result {outputs[name]}")
    if len(set(outputs.values())) > 1:
        print("  WARNING: the forms disagree on the result")
    wall = {n: statistics.median(t) for n, t in walls.items() if t}
    cpu = {n: statistics.median(t) for n, t in cpus.items() if t}
    for jit in ("jit", "jit-O2", "jit-ir", "jit-cached", "jit-base"):
        if jit in wall and "c" in wall:
            print(f"  c / {jit}: {wall['c'] / wall[jit]:.1f}x sooner (wall), "
                  f"{cpu['c'] / cpu[jit]:.1f}x less CPU")
    return wall


def generated_module(count, path):
    """gen_module.py's functions, with the import call made a constant (no
    module to import from) and an entry point that returns at once."""
    text = run([sys.executable, str(ROOT / "bench" / "compile" / "gen_module.py"),
                str(count)]).stdout
    text = re.sub(r"^\s*vm\.import .*\n", "", text, flags=re.M)
    text = re.sub(r"%h = vm\.call @ext\.hash\([^)]*\) : \([^)]*\) -> i32",
                  "%h = vm.const.i32 7", text)
    entry = ("  vm.func @bench_entry() -> i32 {\n    %c = vm.const.i32 1\n"
             "    vm.return %c : i32\n  }\n  vm.export @bench_entry\n")
    text = text[:text.rstrip().rfind("}")] + entry + "}\n"
    path.write_text(text)
    skip = ("vm.func", "vm.export", "vm.module", "vm.import", "^", "}")
    return sum(1 for line in text.splitlines()
               if line.strip() and not line.strip().startswith(skip))


def load_ms(build, module, function, level):
    out = run([str(build / "bin" / "run-module"), f"--module={module}", f"--function={function}",
               f"--jit-opt-level={level}", "--print-statistics"]).stderr
    return float(re.search(r"\[statistics\] load: ([0-9.]+) ms", out).group(1))


def compile_rate(build, work, counts, repeat):
    small = ROOT / "bench" / "jit" / "small.mlir"
    modules = []
    for count in counts:
        path = work / f"gen{count}.mlir"
        modules.append((count, path, generated_module(count, path)))
    for level in ("quick", 2, 0):
        try:
            base = statistics.median(load_ms(build, small, "main", level) for _ in range(repeat))
        except RuntimeError as e:
            print(f"JIT compile time: not available: {str(e).splitlines()[-1]}")
            return
        print(f"JIT compile time at --jit-opt-level={level} (.mlir -> LLVM target -> ORC): "
              f"load time minus the small module's {base:.1f} ms:")
        for count, path, ops in modules:
            ms = statistics.median(
                load_ms(build, path, "bench_entry", level) for _ in range(repeat))
            print(f"  {count:5d} functions, {ops:6d} vm ops: load {ms:8.1f} ms, "
                  f"{(ms - base) / ops * 1000:6.1f} ms per 1,000 ops")


SPEED_CALLS = [("loop_sum", ["100000000"]), ("loop_mix", ["100000000"]),
               ("call_chain", ["10000000"]), ("buffer_sum", ["100000", "300"]),
               ("fib", ["30"])]


def call_ms(build, module, function, inputs, extra):
    out = run([str(build / "bin" / "run-module"), f"--module={module}", f"--function={function}",
               "--print-statistics"] + [f"--input={i}" for i in inputs] + extra)
    return float(re.search(r"\[statistics\] call: ([0-9.]+) ms", out.stderr).group(1)), \
        out.stdout.strip()


def speed(build, work, cc, repeat):
    speed_mlir = ROOT / "bench" / "jit" / "speed.mlir"
    include = ROOT / "runtime" / "include"
    so = work / "speed.so"
    try:
        run([str(build / "bin" / "vm-translate"), "--vm-to-c", str(speed_mlir), "-o",
             str(work / "speed.c")])
        run([cc, "-std=c11", "-O2", "-shared", "-fPIC", f"-I{include}", str(work / "speed.c"),
             "-lm", "-o", str(so)])
    except RuntimeError as e:
        print(f"run time: the C form is not available: {str(e).splitlines()[-1]}")
        return
    forms = {"c": (so, []), "jit quick": (speed_mlir, ["--jit-opt-level=quick"]),
             "jit 2": (speed_mlir, ["--jit-opt-level=2"]),
             "jit 0": (speed_mlir, ["--jit-opt-level=0"])}
    print(f"run time of the code (call time, ms, fastest of {repeat}; "
          f"bench/jit/speed.mlir; x = / jit 2):")
    print("  " + f"{'':28s}" + "".join(f"{name:>18s}" for name in forms))
    for function, inputs in SPEED_CALLS:
        times, results = {}, set()
        for name, (module, extra) in forms.items():
            try:
                samples = [call_ms(build, module, function, inputs, extra) for _ in range(repeat)]
            except RuntimeError:
                times[name] = None
                continue
            # The fastest run: other processes on the machine only add time.
            times[name] = min(t for t, _ in samples)
            results.update(r for _, r in samples)
        base = times.get("jit 2")
        cells = []
        for name in forms:
            t = times[name]
            if t is None:
                cells.append(f"{'n/a':>18s}")
            elif base:
                cells.append(f"{t:9.2f} ({t / base:5.1f}x)")
            else:
                cells.append(f"{t:18.2f}")
        label = f"{function}({', '.join(inputs)})"
        print(f"  {label:28s}" + "".join(cells)
              + ("" if len(results) <= 1 else "   WARNING: results disagree"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--functions", default="20,100")
    parser.add_argument("--baseline", type=pathlib.Path,
                        help="another build whose JIT path runs beside (jit-base)")
    parser.add_argument("--cc", default="cc")
    parser.add_argument("--skip-speed", action="store_true",
                        help="leave out the run time of the code (part 3)")
    parser.add_argument("--clang", default="clang-22")
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        startup(args.build, work, args.repeat, args.cc, args.clang, args.baseline)
        print("load average after the startup runs: {:.2f} {:.2f} {:.2f}".format(
            *os.getloadavg()))
        compile_rate(args.build, work, [int(n) for n in args.functions.split(",")], 3)
        if not args.skip_speed:
            speed(args.build, work, args.cc, 5)


if __name__ == "__main__":
    main()
