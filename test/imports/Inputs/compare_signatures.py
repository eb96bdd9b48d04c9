#!/usr/bin/env python3
"""Checks a runtime module's exports against its declaration file.

usage: compare_signatures.py DECLS.json MODULE EXPORTS.txt
DECLS.json is `vm-translate --vm-to-bytecode-json` of the declaration file
(its imports carry the calling-convention signatures the compiler derives);
EXPORTS.txt is `run-module --list-functions` ("module.name  signature  types" lines).
Every declared function must be exported with the same signature and every
export must be declared. Prints each difference; exits 1 if there is any.
"""
import json
import sys


def canonical(signature):
    """'0r_v' and '0r_' both say "no results" (and '0v_i', '0_i' no
    arguments): spell an empty side as ''."""
    args, _, results = signature[1:].partition("_")
    return signature[0] + ("" if args == "v" else args) + "_" + ("" if results == "v" else results)

decls_path, module, exports_path = sys.argv[1:4]
with open(decls_path) as f:
    declared = {module + "." + i["name"]: canonical(i["signature"])
                for i in json.load(f)["imports"]}
exported = {}
with open(exports_path) as f:
    for line in f:
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(module + "."):
            exported[parts[0]] = canonical(parts[1])
problems = []
for name, signature in sorted(declared.items()):
    if name not in exported:
        problems.append(f"{name}: declared ({signature}) but not exported")
    elif exported[name] != signature:
        problems.append(f"{name}: declared {signature}, exported {exported[name]}")
for name in sorted(set(exported) - set(declared)):
    problems.append(f"{name}: exported ({exported[name]}) but not declared")
for p in problems:
    print(p)
print(f"{module}: {len(declared)} declared, {len(exported)} exported, "
      f"{len(problems)} differences")
sys.exit(1 if problems else 0)
