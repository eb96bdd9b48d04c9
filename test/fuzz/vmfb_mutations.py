#!/usr/bin/env python3
"""Structured .vmfb mutations of every e2e module (issue 14).

Compiles each test/e2e/*.mlir to bytecode, then runs kiln-vmfb-mutate on
all of them: register indices, branch targets, ordinals, signatures,
FlatBuffer words and truncations, every mutant rejected or run to a status
under fuel, a deadline and a memory limit. A crash or a hang (the tool's
watchdog) fails the test. Writes one JUnit case per mutation kind."""
import argparse
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mutations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--junit")
    args = parser.parse_args()
    bin_dir = pathlib.Path(args.bin)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    e2e = pathlib.Path(__file__).resolve().parent.parent / "e2e"
    modules = []
    for source in sorted(e2e.glob("*.mlir")):
        target = out / (source.stem + ".vmfb")
        r = subprocess.run([str(bin_dir / "vm-translate"), "--vm-to-bytecode", str(source),
                            "-o", str(target)], capture_output=True, text=True)
        if r.returncode == 0:
            modules.append(str(target))
    if not modules:
        print("no e2e module compiled")
        return 1
    cmd = [str(bin_dir / "kiln-vmfb-mutate"), f"--mutations={args.mutations}",
           f"--seed={args.seed}", "--watchdog=120"] + modules
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    print(r.stdout)
    if r.returncode != 0:
        print(r.stderr[-4000:])
    ok = r.returncode == 0
    if args.junit:
        suite = ET.Element("testsuite", name="vmfb_mutations")
        rows = [line.split() for line in r.stdout.splitlines()]
        kinds = [" ".join(row[:-5]) for row in rows[1:] if len(row) > 5 and row[0] != "total"]
        for kind in kinds or ["all"]:
            case = ET.SubElement(suite, "testcase", classname="vmfb_mutations", name=kind)
            if not ok:
                ET.SubElement(case, "failure", message=f"kiln-vmfb-mutate exited {r.returncode}")
        ET.ElementTree(suite).write(args.junit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
