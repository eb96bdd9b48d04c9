#!/usr/bin/env python3
"""Differential test of Kiln's module forms.

Generates `vm` programs that cover every op family with edge values
(INT_MIN, -1, 0, NaN, +-inf, negative sizes and indices, offsets near
INT64_MAX, ...), compiles each module to bytecode and to C (and, with
--forms bytecode,c,llvm,jit, to the LLVM form: vm-translate --vm-to-object,
and for the JIT: run-module --module=x.mlir), runs every case through
run-module in every form and requires identical results or identical
failures (exit status and the error line: status code and message). The JIT
compiles its module at every run, so it gets a module per case (the same
module name, globals, rodata and case) rather than the shared one. Each case also runs from a copy of its module whose operands are
plain constants (no vm.optimization_barrier), so what the compile-time
folders compute must agree with what the runtime computes.

Float results are returned as their bit patterns (vm.bitcast) so values are
compared exactly; NaNs compare as "some NaN" (their payload and sign are not
specified across hardware and APFloat).

Many cases share one module (--per-module), so a run compiles few C files.

usage: vm_diff.py --bin BUILD/bin --out DIR [--seed N] [--cases N]
                  [--per-module N] [--jobs N] [--junit FILE] [--no-fold]
                  [--forms bytecode,c,llvm,jit] [--jit-cases N]
Exit status 0 when every case agrees; 1 otherwise (each disagreement is
printed with the case's source).

       vm_diff.py --from-bytes FILE --emit DIR
writes one module whose every random decision is drawn from FILE's bytes
(DIR/diff.mlir, and DIR/cases.txt: a line per case, its name and result
types), for the libFuzzer target that runs the differential test
(runtime/src/cmodule/fuzz_diff.cpp, docs/fuzzing.md).
"""
import argparse
import concurrent.futures
import os
import pathlib
import random
import re
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

I32_MIN, I32_MAX = -(1 << 31), (1 << 31) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1

I32_EDGES = [0, 1, -1, 2, -2, 3, 7, 31, 32, 33, 63, 64, 127, 128, 255, 256, -128, -129,
             32767, 32768, 65535, I32_MIN, I32_MAX, I32_MIN + 1, I32_MAX - 1]
I64_EDGES = [0, 1, -1, 2, -2, 3, 31, 32, 63, 64, 65, I32_MIN, I32_MAX, 1 << 32,
             (1 << 32) - 1, I64_MIN, I64_MAX, I64_MIN + 1, I64_MAX - 1, -(1 << 32)]
# Bit patterns.
F32_EDGES = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F000000, 0x3FC00000,
             0x40200000, 0xC0200000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000,
             0x00000001, 0x7F7FFFFF, 0x4F000000, 0xCF000000, 0x4F800000, 0x5F000000,
             0x5F800000, 0x3EFFFFFF, 0x40400000, 0x4B000001, 0xC0400000, 0x501502F9]
F64_EDGES = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000,
             0xBFF0000000000000, 0x3FE0000000000000, 0x3FF8000000000000,
             0x4004000000000000, 0xC004000000000000, 0x7FF0000000000000,
             0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
             0x0000000000000001, 0x7FEFFFFFFFFFFFFF, 0x41E0000000000000,
             0xC1E0000000000000, 0x43E0000000000000, 0xC3E0000000000000,
             0x43F0000000000000, 0x3FDFFFFFFFFFFFFF, 0x4330000000000001,
             0x41DFFFFFFFC00000, 0x41EFFFFFFFE00000]

INT_BINARY = ["add", "sub", "mul", "div.{w}.s", "div.{w}.u", "rem.{w}.s", "rem.{w}.u",
              "min.{w}.s", "min.{w}.u", "max.{w}.s", "max.{w}.u", "and", "or", "xor"]
INT_SHIFT = ["shl", "shr.{w}.s", "shr.{w}.u"]
INT_UNARY = ["abs", "not", "ctlz"]
FLOAT_BINARY = ["add", "sub", "mul", "div", "rem", "min", "max", "pow", "atan2"]
FLOAT_UNARY = ["abs", "neg", "ceil", "floor", "round", "round.{w}.even", "sqrt", "rsqrt",
               "exp", "exp2", "expm1", "log", "log10", "log1p", "log2", "sin", "cos",
               "tanh", "atan", "erf"]
INT_CMP = ["eq", "ne", "lt.{w}.s", "lt.{w}.u", "lte.{w}.s", "lte.{w}.u", "gt.{w}.s",
           "gt.{w}.u", "gte.{w}.s", "gte.{w}.u"]
FLOAT_CMP = ["eq.{w}.o", "eq.{w}.u", "ne.{w}.o", "ne.{w}.u", "lt.{w}.o", "lt.{w}.u",
             "lte.{w}.o", "lte.{w}.u", "gt.{w}.o", "gt.{w}.u", "gte.{w}.o", "gte.{w}.u",
             "eq.{w}.near"]
FLOAT_CMP1 = ["nan.{w}", "nz.{w}.o", "nz.{w}.u"]
CONVERSIONS = [  # (op, from, to)
    ("trunc.i32.i8", "i32", "i32"), ("trunc.i32.i16", "i32", "i32"),
    ("trunc.i64.i8", "i64", "i32"), ("trunc.i64.i16", "i64", "i32"),
    ("trunc.i64.i32", "i64", "i32"), ("trunc.f64.f32", "f64", "f32"),
    ("ext.i8.i32.s", "i32", "i32"), ("ext.i8.i32.u", "i32", "i32"),
    ("ext.i16.i32.s", "i32", "i32"), ("ext.i16.i32.u", "i32", "i32"),
    ("ext.i8.i64.s", "i32", "i64"), ("ext.i8.i64.u", "i32", "i64"),
    ("ext.i16.i64.s", "i32", "i64"), ("ext.i16.i64.u", "i32", "i64"),
    ("ext.i32.i64.s", "i32", "i64"), ("ext.i32.i64.u", "i32", "i64"),
    ("ext.f32.f64", "f32", "f64"),
    ("cast.si32.f32", "i32", "f32"), ("cast.ui32.f32", "i32", "f32"),
    ("cast.si64.f32", "i64", "f32"), ("cast.ui64.f32", "i64", "f32"),
    ("cast.si64.f64", "i64", "f64"), ("cast.ui64.f64", "i64", "f64"),
    ("cast.f32.si32", "f32", "i32"), ("cast.f32.ui32", "f32", "i32"),
    ("cast.f32.si64", "f32", "i64"), ("cast.f32.ui64", "f32", "i64"),
    ("cast.f64.si64", "f64", "i64"), ("cast.f64.ui64", "f64", "i64"),
    ("bitcast.i32.f32", "i32", "f32"), ("bitcast.f32.i32", "f32", "i32"),
    ("bitcast.i64.f64", "i64", "f64"), ("bitcast.f64.i64", "f64", "i64"),
]
# Buffer element access: (suffix, value type, element bytes).
ELEMENTS = [("i8", "i32", 1), ("i16", "i32", 2), ("i32", "i32", 4), ("i64", "i64", 8),
            ("f32", "f32", 4), ("f64", "f64", 8)]
LOADS = [("i8.u", "i32", 1), ("i8.s", "i32", 1), ("i16.u", "i32", 2), ("i16.s", "i32", 2),
         ("i32", "i32", 4), ("i64", "i64", 8), ("f32", "f32", 4), ("f64", "f64", 8)]
OFFSETS = [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, -1, -8, I64_MAX, I64_MAX - 3,
           I64_MIN, 1 << 32, (1 << 61)]
LENGTHS = [0, 1, 2, 4, 8, 15, 16, 17, 32, -1, -16, I64_MAX, I64_MIN]
LIST_TYPES = ["i8", "i16", "i32", "i64", "f32", "f64", "!vm.buffer", "?"]
LIST_COUNTS = [0, 1, 2, 3, 4, 8]
LIST_BAD_COUNTS = [-1, -2, I32_MIN]


def count(rng):
    """A list count: mostly valid, sometimes negative (must fail alike)."""
    return rng.choice(LIST_COUNTS) if rng.random() < 0.85 else rng.choice(LIST_BAD_COUNTS)


class Case:
    """One exported function: `lines` of body, returning `results`."""

    def __init__(self, name):
        self.name = name
        self.lines = []
        self.results = []  # (ssa, type)
        self.next = 0
        self.uses_rodata = False

    def ssa(self):
        self.next += 1
        return "%v{}".format(self.next)

    def emit(self, text):
        self.lines.append(text)

    def const(self, ty, value, barrier):
        v = self.ssa()
        if ty == "i32":
            self.emit("{} = vm.const.i32 {}".format(v, value))
        elif ty == "i64":
            self.emit("{} = vm.const.i64 {}".format(v, value))
        elif ty == "f32":
            self.emit("{} = vm.const.f32 0x{:08X}".format(v, value))
        else:
            self.emit("{} = vm.const.f64 0x{:016X}".format(v, value))
        if barrier:
            b = self.ssa()
            self.emit("{} = vm.optimization_barrier {} : {}".format(b, v, ty))
            return b
        return v

    def op(self, text):
        v = self.ssa()
        self.emit("{} = {}".format(v, text))
        return v

    def ret(self, value, ty):
        """Returns a value; floats as their bits."""
        if ty == "f32":
            value = self.op("vm.bitcast.f32.i32 {} : f32 -> i32".format(value))
            ty = "i32:f32"
        elif ty == "f64":
            value = self.op("vm.bitcast.f64.i64 {} : f64 -> i64".format(value))
            ty = "i64:f64"
        self.results.append((value, ty))

    def text(self):
        types = ", ".join(t.split(":")[0] for _, t in self.results)
        out = ["  vm.func @{}() -> ({}) {{".format(self.name, types)]
        out += ["    " + l for l in self.lines]
        values = ", ".join(v for v, _ in self.results)
        out.append("    vm.return {} : {}".format(values, types))
        out.append("  }")
        out.append("  vm.export @{}".format(self.name))
        return "\n".join(out)


def pick(rng, ty):
    if ty == "i32":
        return rng.choice(I32_EDGES) if rng.random() < 0.8 else rng.randint(I32_MIN, I32_MAX)
    if ty == "i64":
        return rng.choice(I64_EDGES) if rng.random() < 0.8 else rng.randint(I64_MIN, I64_MAX)
    if ty == "f32":
        if rng.random() < 0.8:
            return rng.choice(F32_EDGES)
        return struct.unpack("<I", struct.pack("<f", rng.uniform(-1e6, 1e6)))[0]
    if rng.random() < 0.8:
        return rng.choice(F64_EDGES)
    return struct.unpack("<Q", struct.pack("<d", rng.uniform(-1e12, 1e12)))[0]


# ---- Case families -------------------------------------------------------------
# Each takes (case, rng, barrier) and fills the case.

def gen_int_binary(c, rng, b):
    w = rng.choice(["i32", "i64"])
    op = rng.choice(INT_BINARY + INT_SHIFT).format(w=w)
    name = op if "." in op else "{}.{}".format(op, w)
    x = c.const(w, pick(rng, w), b)
    y = c.const("i32" if op in INT_SHIFT or op.startswith("sh") else w,
                pick(rng, "i32" if op.startswith("sh") else w), b)
    c.ret(c.op("vm.{} {}, {} : {}".format(name, x, y, w)), w)


def gen_int_unary(c, rng, b):
    w = rng.choice(["i32", "i64"])
    op = rng.choice(INT_UNARY)
    x = c.const(w, pick(rng, w), b)
    c.ret(c.op("vm.{}.{} {} : {}".format(op, w, x, w)), w)
    if rng.random() < 0.5:
        y, z = c.const(w, pick(rng, w), b), c.const(w, pick(rng, w), b)
        c.ret(c.op("vm.fma.{} {}, {}, {} : {}".format(w, x, y, z, w)), w)


def gen_float(c, rng, b):
    w = rng.choice(["f32", "f64"])
    x = c.const(w, pick(rng, w), b)
    y = c.const(w, pick(rng, w), b)
    op = rng.choice(FLOAT_BINARY)
    c.ret(c.op("vm.{}.{} {}, {} : {}".format(op, w, x, y, w)), w)
    op = rng.choice(FLOAT_UNARY).format(w=w)
    name = op if "." in op else "{}.{}".format(op, w)
    c.ret(c.op("vm.{} {} : {}".format(name, x, w)), w)
    if rng.random() < 0.3:
        z = c.const(w, pick(rng, w), b)
        c.ret(c.op("vm.fma.{} {}, {}, {} : {}".format(w, x, y, z, w)), w)


def gen_compare(c, rng, b):
    w = rng.choice(["i32", "i64", "f32", "f64"])
    x = c.const(w, pick(rng, w), b)
    y = c.const(w, pick(rng, w), b)
    if w.startswith("i"):
        for op in rng.sample(INT_CMP, 4):
            op = op.format(w=w)
            name = op if "." in op else "{}.{}".format(op, w)
            c.ret(c.op("vm.cmp.{} {}, {} : {}".format(name, x, y, w)), "i32")
        c.ret(c.op("vm.cmp.nz.{} {} : {}".format(w, x, w)), "i32")
    else:
        for op in rng.sample(FLOAT_CMP, 4):
            c.ret(c.op("vm.cmp.{} {}, {} : {}".format(op.format(w=w), x, y, w)), "i32")
        op = rng.choice(FLOAT_CMP1).format(w=w)
        c.ret(c.op("vm.cmp.{} {} : {}".format(op, x, w)), "i32")
    # The select and switch families ride along.
    s = c.const("i32", rng.choice([0, 1, -1, 2, 3, I32_MIN]), b)
    c.ret(c.op("vm.select.{} {}, {}, {} : {}".format(w, s, x, y, w)), w)
    c.ret(c.op("vm.switch.{} {}[{}, {}] else {} : {}".format(w, s, x, y, x, w)), w)


def gen_conversion(c, rng, b):
    for _ in range(3):
        op, src, dst = rng.choice(CONVERSIONS)
        x = c.const(src, pick(rng, src), b)
        c.ret(c.op("vm.{} {} : {} -> {}".format(op, x, src, dst)), dst)


def buffer(c, rng, b, length=None):
    n = c.const("i64", length if length is not None else rng.choice([0, 1, 8, 16, 24, 32]), b)
    align = c.const("i32", rng.choice([0, 0, 0, 1, 8, 16, 64]), b)
    buf = c.op("vm.buffer.alloc {}, {} : !vm.buffer".format(n, align))
    # Some content, so loads, hashes and compares see bytes.
    zero = c.const("i64", 0, False)
    full = c.op("vm.buffer.length {} : !vm.buffer -> i64".format(buf))
    pat = c.const("i32", rng.randint(0, 255), False)
    c.emit("vm.buffer.fill.i8 {}, {}, {}, {} : i32 -> !vm.buffer".format(buf, zero, full, pat))
    return buf


def gen_buffer(c, rng, b):
    kind = rng.choice(["alloc", "clone", "load", "store", "fill", "copy", "compare", "hash",
                       "rodata"])
    if kind == "alloc":
        n = c.const("i64", rng.choice(LENGTHS + [24]), b)
        a = c.const("i32", rng.choice([0, -1, 1, 2, 3, 8, 12, 16, I32_MIN]), b)
        buf = c.op("vm.buffer.alloc {}, {} : !vm.buffer".format(n, a))
        c.ret(c.op("vm.buffer.length {} : !vm.buffer -> i64".format(buf)), "i64")
        return
    buf = buffer(c, rng, b)
    if kind == "clone":
        off = c.const("i64", rng.choice(OFFSETS), b)
        n = c.const("i64", rng.choice(LENGTHS), b)
        a = c.const("i32", rng.choice([0, 16, 3]), b)
        cl = c.op("vm.buffer.clone {}, {}, {}, {} : !vm.buffer -> !vm.buffer".format(buf, off, n, a))
        c.ret(c.op("vm.buffer.length {} : !vm.buffer -> i64".format(cl)), "i64")
        zero = c.const("i64", 0, False)
        c.ret(c.op("vm.buffer.hash {}, {}, {} : !vm.buffer -> i64".format(
            cl, zero, c.op("vm.buffer.length {} : !vm.buffer -> i64".format(cl)))), "i64")
    elif kind == "load":
        suffix, ty, _ = rng.choice(LOADS)
        i = c.const("i64", rng.choice(OFFSETS), b)
        c.ret(c.op("vm.buffer.load.{} {}[{}] : !vm.buffer -> {}".format(suffix, buf, i, ty)), ty)
    elif kind == "store":
        suffix, ty, _ = rng.choice(ELEMENTS)
        i = c.const("i64", rng.choice(OFFSETS), b)
        v = c.const(ty, pick(rng, ty), b)
        c.emit("vm.buffer.store.{} {}, {}[{}] : {} -> !vm.buffer".format(suffix, v, buf, i, ty))
        zero = c.const("i64", 0, False)
        full = c.op("vm.buffer.length {} : !vm.buffer -> i64".format(buf))
        c.ret(c.op("vm.buffer.hash {}, {}, {} : !vm.buffer -> i64".format(buf, zero, full)), "i64")
    elif kind == "fill":
        suffix, ty, _ = rng.choice(ELEMENTS)
        off = c.const("i64", rng.choice(OFFSETS), b)
        n = c.const("i64", rng.choice(LENGTHS), b)
        v = c.const(ty, pick(rng, ty), b)
        c.emit("vm.buffer.fill.{} {}, {}, {}, {} : {} -> !vm.buffer".format(suffix, buf, off, n, v, ty))
        zero = c.const("i64", 0, False)
        full = c.op("vm.buffer.length {} : !vm.buffer -> i64".format(buf))
        c.ret(c.op("vm.buffer.hash {}, {}, {} : !vm.buffer -> i64".format(buf, zero, full)), "i64")
    elif kind in ("copy", "compare"):
        other = buffer(c, rng, b)
        so = c.const("i64", rng.choice(OFFSETS), b)
        do = c.const("i64", rng.choice(OFFSETS), b)
        n = c.const("i64", rng.choice(LENGTHS), b)
        if kind == "copy":
            c.emit("vm.buffer.copy {}, {}, {}, {}, {} : !vm.buffer -> !vm.buffer".format(
                buf, so, other, do, n))
            zero = c.const("i64", 0, False)
            full = c.op("vm.buffer.length {} : !vm.buffer -> i64".format(other))
            c.ret(c.op("vm.buffer.hash {}, {}, {} : !vm.buffer -> i64".format(other, zero, full)),
                  "i64")
        else:
            c.ret(c.op("vm.buffer.compare {}, {}, {}, {}, {} : !vm.buffer, !vm.buffer".format(
                buf, so, other, do, n)), "i32")
    elif kind == "hash":
        off = c.const("i64", rng.choice(OFFSETS), b)
        n = c.const("i64", rng.choice(LENGTHS), b)
        c.ret(c.op("vm.buffer.hash {}, {}, {} : !vm.buffer -> i64".format(buf, off, n)), "i64")
    else:  # stores into rodata fail; loads from it work
        c.uses_rodata = True
        ro = c.op("vm.const.ref.rodata @ro : !vm.buffer")
        i = c.const("i64", rng.choice([0, 1, 3, 4, -1]), b)
        c.ret(c.op("vm.buffer.load.i32 {}[{}] : !vm.buffer -> i32".format(ro, i)), "i32")
        if rng.random() < 0.5:
            v = c.const("i32", 5, b)
            c.emit("vm.buffer.store.i32 {}, {}[{}] : i32 -> !vm.buffer".format(v, ro, i))
            c.ret(v, "i32")


def list_type(t):
    return "!vm.list<{}>".format(t)


def gen_list(c, rng, b):
    et = rng.choice(LIST_TYPES)
    lt = list_type(et)
    cap = c.const("i32", count(rng), b)
    lst = c.op("vm.list.alloc {} : (i32) -> {}".format(cap, lt))
    size = c.const("i32", count(rng), b)
    action = rng.choice(["resize", "reserve", "scalar", "ref"])
    if action == "reserve":
        c.emit("vm.list.reserve {}, {} : ({}, i32)".format(lst, size, lt))
        c.ret(c.op("vm.list.size {} : ({}) -> i32".format(lst, lt)), "i32")
        return
    c.emit("vm.list.resize {}, {} : ({}, i32)".format(lst, size, lt))
    c.ret(c.op("vm.list.size {} : ({}) -> i32".format(lst, lt)), "i32")
    if action == "resize":
        return
    index = c.const("i32", rng.choice([0, 1, 2, -1, 7, I32_MIN, I32_MAX]), b)
    if action == "scalar" and et not in ("!vm.buffer",):
        vt = {"i8": "i32", "i16": "i32", "i32": "i32", "i64": "i64", "f32": "f32",
              "f64": "f64"}.get(et, rng.choice(["i32", "i64", "f32", "f64"]))
        v = c.const(vt, pick(rng, vt), b)
        c.emit("vm.list.set.{} {}, {}, {} : ({}, i32, {})".format(vt, lst, index, v, lt, vt))
        c.ret(c.op("vm.list.get.{} {}, {} : ({}, i32) -> {}".format(vt, lst, index, lt, vt)), vt)
        return
    if et not in ("!vm.buffer", "?"):
        return
    # Refs: a buffer goes in; reading it back as a list type yields null.
    buf = buffer(c, rng, b, 4)
    c.emit("vm.list.set.ref {}, {}, {} : ({}, i32, !vm.buffer)".format(lst, index, buf, lt))
    got = c.op("vm.list.get.ref {}, {} : ({}, i32) -> !vm.buffer".format(lst, index, lt))
    c.ret(c.op("vm.cmp.eq.ref {}, {} : !vm.buffer".format(got, buf)), "i32")
    if et == "?":
        other = c.op("vm.list.get.ref {}, {} : ({}, i32) -> !vm.list<i32>".format(lst, index, lt))
        c.ret(c.op("vm.cmp.nz.ref {} : !vm.list<i32>".format(other)), "i32")


def gen_global(c, rng, b):
    ty = rng.choice(["i32", "i64", "f32", "f64"])
    addr = c.const("i32", rng.choice([0, 4, 8, 12, 16, 20, 24, 28, 32, -4, -1, 1 << 20,
                                      I32_MAX, I32_MIN]), b)
    if rng.random() < 0.5:
        v = c.const(ty, pick(rng, ty), b)
        c.emit("vm.global.store.indirect.{} {}, {} : {} -> i32".format(ty, v, addr, ty))
    c.ret(c.op("vm.global.load.indirect.{} {} : i32 -> {}".format(ty, addr, ty)), ty)


FAMILIES = [gen_int_binary, gen_int_binary, gen_int_unary, gen_float, gen_compare,
            gen_conversion, gen_buffer, gen_buffer, gen_list, gen_list, gen_global]

def make_module(name, cases):
    body = ["vm.module @{} {{".format(name),
            "  vm.rodata private @ro dense<[1, 2, 3, 4]> : tensor<4xi32>"]
    for k in range(4):
        body.append("  vm.global.i64 private mutable @g{} = {} : i64".format(k, k + 1))
    # Keep the globals and their layout: every one is stored somewhere.
    body.append("  vm.func @touch_globals(%x: i64) {")
    for k in range(4):
        body.append("    vm.global.store.i64 %x, @g{} : i64".format(k))
    body.append("    vm.return")
    body.append("  }")
    body.append("  vm.export @touch_globals")
    for c in cases:
        body.append(c.text())
    body.append("}")
    return "\n".join(body) + "\n"


def generate(seed, count, barrier):
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        c = Case("case_{}".format(i))
        rng.choice(FAMILIES)(c, rng, barrier)
        if not c.results:
            c.ret(c.const("i32", 0, False), "i32")
        cases.append(c)
    return cases


class BytesRandom(random.Random):
    """Draws every decision from `data` (a fuzzer's input), so the same bytes
    give the same program and a mutated byte changes one decision; past the
    end every draw is 0 (the first choice)."""

    def __init__(self, data):
        self.data = data
        self.pos = 0
        super().__init__(0)

    def getrandbits(self, k):
        n = (k + 7) // 8
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return int.from_bytes(chunk.ljust(n, b"\0"), "little") & ((1 << k) - 1)

    def random(self):
        return self.getrandbits(53) / (1 << 53)


def emit_from_bytes(data, out):
    """One module of 1 to 8 cases (operands behind optimization barriers)
    from `data`; returns the number of cases."""
    rng = BytesRandom(data)
    cases = []
    for i in range(1 + rng.randrange(8)):
        c = Case("case_{}".format(i))
        rng.choice(FAMILIES)(c, rng, True)
        if not c.results:
            c.ret(c.const("i32", 0, False), "i32")
        cases.append(c)
    out.mkdir(parents=True, exist_ok=True)
    (out / "diff.mlir").write_text(make_module("diff", cases))
    (out / "cases.txt").write_text("".join(
        "{} {}\n".format(c.name, " ".join(t for _, t in c.results)) for c in cases))
    return len(cases)


# ---- Running -------------------------------------------------------------------

def run(cmd, timeout=60):
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout)
    return r.returncode, r.stdout, r.stderr


def compile_module(bin_dir, src, form):
    if form == "bytecode":
        out = src.with_suffix(".vmfb")
        code, _, err = run([str(bin_dir / "vm-translate"), "--vm-to-bytecode", str(src), "-o",
                            str(out)])
        return out if code == 0 else err
    if form == "jit":
        return src  # run-module compiles it
    if form == "llvm":
        out = src.with_name(src.stem + "_llvm.so")
        code, _, err = run([str(bin_dir / "vm-translate"), "--vm-to-object", str(src), "-o",
                            str(out)], timeout=300)
        return out if code == 0 else err
    c_src = src.with_suffix(".c")
    code, _, err = run([str(bin_dir / "vm-translate"), "--vm-to-c", str(src), "-o", str(c_src)])
    if code != 0:
        return err
    include = pathlib.Path(__file__).resolve().parents[2] / "runtime" / "include"
    so = src.with_suffix(".so")
    cc = os.environ.get("CC", "cc")
    code, _, err = run([cc, "-std=c11", "-O1", "-shared", "-fPIC", "-I", str(include),
                        str(c_src), "-o", str(so), "-lm"], timeout=300)
    return so if code == 0 else err


def outcome(bin_dir, module, fn, types):
    code, out, err = run([str(bin_dir / "run-module"), "--module=" + str(module),
                          "--function=" + fn])
    if code != 0:
        first = next((l for l in err.splitlines() if l.startswith("error")), err.strip()[:200])
        return ("fail", code, first)
    values = [l.strip() for l in out.splitlines() if l.strip()]
    norm = []
    for v, t in zip(values, types):
        # Float results are bits: any NaN compares equal to any NaN.
        if ":" in t:
            m = re.search(r"(-?\d+)\s*$", v)
            if m:
                bits = int(m.group(1)) & ((1 << 32) - 1 if t.endswith("f32") else (1 << 64) - 1)
                exp_mask, man_mask = ((0x7F800000, 0x007FFFFF) if t.endswith("f32")
                                      else (0x7FF0000000000000, 0x000FFFFFFFFFFFFF))
                if bits & exp_mask == exp_mask and bits & man_mask:
                    v = "nan"
        norm.append(v)
    if len(values) != len(types):
        norm.append("<{} values for {} results>".format(len(values), len(types)))
    return ("ok", 0, tuple(norm))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path)
    ap.add_argument("--from-bytes", type=pathlib.Path,
                    help="draw one module's decisions from this file (with --emit)")
    ap.add_argument("--emit", type=pathlib.Path, help="directory for --from-bytes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--per-module", type=int, default=150)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--junit", type=pathlib.Path)
    ap.add_argument("--forms", default="bytecode,c",
                    help="the forms the runtime cases run in (bytecode, c, llvm, jit)")
    ap.add_argument("--jit-cases", type=int,
                    help="run only the first N runtime cases in the jit form (which "
                         "compiles at every run; default: all)")
    ap.add_argument("--no-fold", action="store_true",
                    help="skip the copy without optimization barriers")
    args = ap.parse_args()
    if args.from_bytes:
        if not args.emit:
            ap.error("--from-bytes needs --emit DIR")
        emit_from_bytes(args.from_bytes.read_bytes(), args.emit)
        return 0
    if not args.bin or not args.out:
        ap.error("--bin and --out are required")
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.time()

    runtime_cases = generate(args.seed, args.cases, True)
    variants = [("rt", runtime_cases)]
    if not args.no_fold:
        variants.append(("fold", generate(args.seed, args.cases, False)))

    # Compile: each variant in modules of --per-module cases, both forms
    # (the folded copy only as bytecode: folding happens before either).
    jobs = []  # (variant, form, module path, [cases])
    errors = []
    for tag, cases in variants:
        for m in range(0, len(cases), args.per_module):
            chunk = cases[m:m + args.per_module]
            name = "diff_{}_{}_{}".format(tag, args.seed, m // args.per_module)
            src = args.out / (name + ".mlir")
            src.write_text(make_module(name, chunk))
            forms = args.forms.split(",") if tag == "rt" else ["bytecode"]
            for form in forms:
                if form != "jit":
                    jobs.append((tag, form, src, chunk))
                    continue
                for c in chunk:
                    if args.jit_cases is not None and runtime_cases.index(c) >= args.jit_cases:
                        continue
                    one = args.out / "jit" / "{}_{}.mlir".format(name, c.name)
                    one.parent.mkdir(exist_ok=True)
                    one.write_text(make_module(name, [c]))
                    jobs.append((tag, form, one, [c]))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        built = list(pool.map(lambda j: compile_module(args.bin, j[2], j[1]), jobs))
    for j, result in zip(jobs, built):
        if not isinstance(result, pathlib.Path):
            errors.append("{} ({}): does not compile:\n{}".format(j[2], j[1], result))

    # Run every case in every compiled form.
    results = {}  # case name -> {label: outcome}
    tasks = []
    for j, module in zip(jobs, built):
        if not isinstance(module, pathlib.Path):
            continue
        tag, form, src, chunk = j
        for c in chunk:
            tasks.append(("{}/{}".format(tag, form), c, module))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        outs = list(pool.map(
            lambda t: outcome(args.bin, t[2], t[1].name, [ty for _, ty in t[1].results]), tasks))
    for (label, c, _), o in zip(tasks, outs):
        results.setdefault(c.name, {})[label] = o

    failures = []
    by_name = {c.name: c for c in runtime_cases}
    for name, seen in sorted(results.items(), key=lambda kv: int(kv[0].split("_")[1])):
        distinct = set(seen.values())
        if len(distinct) > 1:
            detail = "\n".join("    {}: {}".format(k, v) for k, v in sorted(seen.items()))
            failures.append("{} (seed {}) disagrees:\n{}\n{}".format(
                name, args.seed, detail, by_name[name].text()))
    failures = errors + failures
    for f in failures:
        print("FAIL:", f)
    ok = len(results) - (len(failures) - len(errors))
    print("{} cases, {} agree, {} disagree, {} compile errors ({:.1f}s, seed {})".format(
        args.cases, ok, len(failures) - len(errors), len(errors), time.time() - start, args.seed))

    if args.junit:
        suite = ET.Element("testsuite", name="vm_diff", tests=str(args.cases),
                           failures=str(len(failures)))
        failed = {f.split(" ")[0] for f in failures}
        for c in runtime_cases:
            tc = ET.SubElement(suite, "testcase", classname="vm_diff", name=c.name)
            if c.name in failed or errors:
                ET.SubElement(tc, "failure").text = next(
                    (f for f in failures if f.startswith(c.name + " ")), "\n".join(errors))
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(suite).write(args.junit)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
