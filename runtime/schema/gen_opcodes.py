#!/usr/bin/env python3
"""Generates Kiln's bytecode opcode header and its documentation table from
runtime/schema/opcodes.txt, the single source of truth for the encoding.

usage: gen_opcodes.py opcodes.txt --header OUT.h [--markdown OUT.md]

Besides the enum and each opcode's operand kinds, the header carries the
selection columns of the table (the KEY=VALUE fields after the operands):
for every opcode the forms the compiler may choose instead of it (its
branch form, immediate forms, negation) and the pairs of instructions that
fuse into one, so the encoder builds no opcode names.
"""
import argparse
import sys

# Operand spelling in opcodes.txt -> (C++ enumerator, encoded size or None
# for variable length, description for the docs).
OPERAND_KINDS = {
    "r:i32": ("kReadI32", 2, "scalar register read as i32"),
    "r:i64": ("kReadI64", 2, "scalar register read as i64"),
    "r:f32": ("kReadF32", 2, "scalar register read as f32"),
    "r:f64": ("kReadF64", 2, "scalar register read as f64"),
    "w:i32": ("kWriteI32", 2, "scalar register written as i32"),
    "w:i64": ("kWriteI64", 2, "scalar register written as i64"),
    "w:f32": ("kWriteF32", 2, "scalar register written as f32"),
    "w:f64": ("kWriteF64", 2, "scalar register written as f64"),
    "r:ref": ("kReadRef", 2, "ref register read; bit 15 set moves the reference out"),
    "w:ref": ("kWriteRef", 2, "ref register written (the old reference is released)"),
    "imm:i32": ("kImmI32", 4, "32-bit immediate"),
    "imm:i64": ("kImmI64", 8, "64-bit immediate"),
    "imm:f32": ("kImmF32", 4, "f32 immediate (IEEE bits)"),
    "imm:f64": ("kImmF64", 8, "f64 immediate (IEEE bits)"),
    "func": ("kFunc", 4, "internal function ordinal"),
    "import": ("kImport", 4, "import ordinal"),
    "rodata": ("kRodata", 4, "rodata segment ordinal"),
    "type": ("kType", 4, "type table index"),
    "string": ("kString", 4, "string table index"),
    "global:4": ("kGlobal4", 4, "byte offset of a 4-byte global"),
    "global:8": ("kGlobal8", 4, "byte offset of an 8-byte global"),
    "global:ref": ("kGlobalRef", 4, "ref global ordinal"),
    "target": ("kTarget", 4, "branch target: byte offset within the function"),
    "targets": ("kTargets", None, "u16 count + u32 targets"),
    "args": ("kArgs", None, "u16 count + u16 registers, banks from the signature"),
    "results": ("kResults", None, "u16 count + u16 registers, banks from the signature"),
    "regs:scalar": ("kScalarRegs", None, "u16 count + u16 scalar registers"),
    "regs:ref": ("kRefRegs", None, "u16 count + u16 ref registers"),
    "segments": ("kSegments", None, "u16 count + u16 variadic span sizes"),
    "typed": ("kTyped", None, "u16 count + (u8 type code, u16 register) pairs"),
}
MAX_OPERANDS = 8

# Selection columns: KEY=VALUE after the operands of a row. Each names the
# opcode(s) this row stands in for; the header indexes them by that source.
#   swapped=VMOP[,VMOP]   vm ops encoded as this opcode with their two
#                         operands in reverse order
#   branch=OPCODE         a vm.cond_br on OPCODE's result (a compare)
#   imm_rhs=OPCODE        OPCODE with its second register read a constant,
#                         encoded as an immediate
#   imm_lhs=OPCODE        OPCODE with its first register read a constant:
#                         reads the other register, then the immediate
#   imm_rhs_negated=OPCODE  as imm_rhs, with the constant negated
#   negation=OPCODE       branches exactly when OPCODE does not (a branch)
#   negation_swapped=OPCODE  as negation, with the two registers swapped
#   sequence=FIRST,SECOND FIRST then SECOND (reading FIRST's result), fused
FORM_KEYS = ("branch", "imm_rhs", "imm_lhs", "imm_rhs_negated", "negation",
             "negation_swapped")
COLUMN_KEYS = FORM_KEYS + ("swapped", "sequence")


def parse(path):
    rows = []
    seen = set()
    for lineno, line in enumerate(open(path), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if len(fields) < 2:
            sys.exit(f"{path}:{lineno}: expected NAME VM_OPS OPERANDS...")
        name, vm_ops, rest = fields[0], fields[1], fields[2:]
        operands = [x for x in rest if "=" not in x]
        columns = {}
        for field in rest[len(operands):]:
            key, _, value = field.partition("=")
            if "=" not in field or key not in COLUMN_KEYS or not value:
                sys.exit(f"{path}:{lineno}: bad column '{field}' (KEY=VALUE, "
                         f"KEY one of {', '.join(COLUMN_KEYS)})")
            if key in columns:
                sys.exit(f"{path}:{lineno}: column {key} given twice")
            columns[key] = value
        if len(operands) + len(columns) != len(rest):
            sys.exit(f"{path}:{lineno}: columns must follow the operands")
        if name in seen:
            sys.exit(f"{path}:{lineno}: duplicate opcode {name}")
        seen.add(name)
        for operand in operands:
            if operand not in OPERAND_KINDS:
                sys.exit(f"{path}:{lineno}: unknown operand kind '{operand}'")
        if len(operands) > MAX_OPERANDS:
            sys.exit(f"{path}:{lineno}: more than {MAX_OPERANDS} operands")
        ops = [] if vm_ops == "-" else vm_ops.split(",")
        rows.append((name, ops, operands, columns))
    if len(rows) >= 0xFFFF:
        sys.exit("too many opcodes for a u16 (0xFFFF means none)")
    check_columns(path, rows)
    return rows


def check_columns(path, rows):
    names = {row[0] for row in rows}
    listed = {op for row in rows for op in row[1]}
    sources = {}
    for name, _, operands, columns in rows:
        for key, value in columns.items():
            if key == "swapped":
                for op in value.split(","):
                    if op in listed:
                        sys.exit(f"{path}: {name}: {op} is swapped here and "
                                 "listed directly elsewhere")
                continue
            refs = value.split(",")
            if len(refs) != (2 if key == "sequence" else 1):
                sys.exit(f"{path}: {name}: {key}={value}: wrong number of opcodes")
            for ref in refs:
                if ref not in names:
                    sys.exit(f"{path}: {name}: {key}={value}: no opcode {ref}")
            source = (key, value)
            if source in sources:
                sys.exit(f"{path}: {name} and {sources[source]} both give "
                         f"{key} of {value}")
            sources[source] = name
        if "negation" in columns and "negation_swapped" in columns:
            sys.exit(f"{path}: {name}: negation and negation_swapped both given")


def forms_of(rows):
    """opcode name -> {form key: opcode name}, from the columns that name it."""
    forms = {row[0]: {} for row in rows}
    for name, _, _, columns in rows:
        for key in FORM_KEYS:
            if key in columns:
                # negation columns sit on the negated opcode's partner:
                # "X negation=Y" means the negation of X is Y.
                if key.startswith("negation"):
                    forms[name][key] = columns[key]
                else:
                    forms[columns[key]][key] = name
    return forms


def write_header(rows, out):
    kinds = sorted({v[0] for v in OPERAND_KINDS.values()},
                   key=lambda k: [v[0] for v in OPERAND_KINDS.values()].index(k))
    o = []
    o.append("// Generated by runtime/schema/gen_opcodes.py from opcodes.txt. Do not edit.")
    o.append("#ifndef KILN_BYTECODE_OPCODES_H_")
    o.append("#define KILN_BYTECODE_OPCODES_H_")
    o.append("")
    o.append("#include <cstdint>")
    o.append("")
    o.append("namespace kiln::bytecode {")
    o.append("")
    o.append("enum class Opcode : uint16_t {")
    for i, (name, _, _, _) in enumerate(rows):
        o.append(f"  {name} = {i},")
    o.append("};")
    o.append(f"inline constexpr uint16_t kOpcodeCount = {len(rows)};")
    o.append("// Stands for \"no such opcode\" in the selection columns below.")
    o.append("inline constexpr Opcode kNoOpcode = static_cast<Opcode>(0xFFFF);")
    o.append("")
    o.append("enum class OperandKind : uint8_t {")
    for k in kinds:
        o.append(f"  {k},")
    o.append("};")
    o.append("")
    o.append("// Encoded size in bytes of a fixed-size operand kind; 0 for the")
    o.append("// variable-length kinds (lists), whose size depends on a count.")
    o.append("constexpr uint8_t fixedOperandSize(OperandKind kind) {")
    o.append("  switch (kind) {")
    for spelling, (k, size, _) in OPERAND_KINDS.items():
        o.append(f"  case OperandKind::{k}: return {size or 0};")
    o.append("  }")
    o.append("  return 0;")
    o.append("}")
    o.append("")
    # Register operands by bank, read off the spelling ("r:"/"w:" + type):
    # the verifier, disassembler and mutator each treat a bank alike.
    def register_kinds(ref):
        return [k for spelling, (k, _, _) in OPERAND_KINDS.items()
                if spelling[:2] in ("r:", "w:") and (spelling.endswith(":ref") == ref)]
    for fn, ref in (("isScalarRegisterOperand", False), ("isRefRegisterOperand", True)):
        o.append(f"constexpr bool {fn}(OperandKind kind) {{")
        cond = " || ".join(f"kind == OperandKind::{k}" for k in register_kinds(ref))
        o.append(f"  return {cond};")
        o.append("}")
    o.append("")
    o.append("struct OpcodeInfo {")
    o.append("  const char *name;       // e.g. \"ADD_I32\"")
    o.append("  const char *vmOps;      // comma-separated vm ops, \"\" if internal")
    o.append("  const char *swappedVmOps; // vm ops encoded with their operands reversed")
    o.append("  uint8_t operandCount;")
    o.append(f"  OperandKind operands[{MAX_OPERANDS}];")
    o.append("  // Bytes of the whole instruction (opcode included) when every operand")
    o.append("  // has a fixed size, else 0.")
    o.append("  uint8_t fixedLength;")
    o.append("};")
    o.append("")
    o.append("inline constexpr OpcodeInfo kOpcodeInfo[kOpcodeCount] = {")
    for name, ops, operands, columns in rows:
        kinds_list = ", ".join(f"OperandKind::{OPERAND_KINDS[x][0]}" for x in operands)
        sizes = [OPERAND_KINDS[x][1] for x in operands]
        fixed = 0 if None in sizes else 2 + sum(sizes)
        swapped = columns.get("swapped", "")
        o.append(f"  {{\"{name}\", \"{','.join(ops)}\", \"{swapped}\", {len(operands)}, "
                 f"{{{kinds_list}}}, {fixed}}},")
    o.append("};")
    o.append("")
    o.append("// The forms the compiler may select instead of an opcode (opcodes.txt")
    o.append("// selection columns); kNoOpcode where there is none.")
    o.append("struct OpcodeForms {")
    o.append("  Opcode branch;          // branch on this compare's result")
    o.append("  Opcode immRhs;          // second register read as an immediate")
    o.append("  Opcode immLhs;          // first register read as an immediate")
    o.append("  Opcode immRhsNegated;   // second read as the negated immediate")
    o.append("  Opcode negation;        // branches when this one does not")
    o.append("  bool negationSwapsRegisters; // ... with its two registers swapped")
    o.append("};")
    o.append("")
    o.append("inline constexpr OpcodeForms kOpcodeForms[kOpcodeCount] = {")
    forms = forms_of(rows)
    def ref(x):
        return f"Opcode::{x}" if x else "kNoOpcode"
    for name, _, _, _ in rows:
        f = forms[name]
        negation = f.get("negation") or f.get("negation_swapped")
        swaps = "true" if "negation_swapped" in f else "false"
        o.append(f"  {{{ref(f.get('branch'))}, {ref(f.get('imm_rhs'))}, "
                 f"{ref(f.get('imm_lhs'))}, {ref(f.get('imm_rhs_negated'))}, "
                 f"{ref(negation)}, {swaps}}}, // {name}")
    o.append("};")
    o.append("")
    o.append("// Two instructions in a row that fuse into one (the `sequence` column).")
    o.append("struct FusedSequence {")
    o.append("  Opcode first, second, fused;")
    o.append("};")
    sequences = [(c["sequence"].split(","), name) for name, _, _, c in rows if "sequence" in c]
    o.append(f"inline constexpr FusedSequence kFusedSequences[{max(len(sequences), 1)}] = {{")
    for (first, second), name in sequences:
        o.append(f"  {{Opcode::{first}, Opcode::{second}, Opcode::{name}}},")
    if not sequences:
        o.append("  {kNoOpcode, kNoOpcode, kNoOpcode},")
    o.append("};")
    o.append("")
    o.append("constexpr const OpcodeForms &getOpcodeForms(Opcode opcode) {")
    o.append("  return kOpcodeForms[static_cast<uint16_t>(opcode)];")
    o.append("}")
    o.append("")
    o.append("// The opcode `first` followed by `second` fuse into, or kNoOpcode.")
    o.append("constexpr Opcode getFusedSequence(Opcode first, Opcode second) {")
    o.append("  for (const FusedSequence &s : kFusedSequences)")
    o.append("    if (s.first == first && s.second == second)")
    o.append("      return s.fused;")
    o.append("  return kNoOpcode;")
    o.append("}")
    o.append("")
    o.append("inline const OpcodeInfo &getOpcodeInfo(Opcode opcode) {")
    o.append("  return kOpcodeInfo[static_cast<uint16_t>(opcode)];")
    o.append("}")
    o.append("")
    o.append("} // namespace kiln::bytecode")
    o.append("")
    o.append("#endif // KILN_BYTECODE_OPCODES_H_")
    write_if_changed(out, "\n".join(o) + "\n")


def write_markdown(rows, out):
    o = ["<!-- Generated by runtime/schema/gen_opcodes.py from opcodes.txt. -->", "",
         "# Kiln bytecode opcodes", "",
         "Every instruction starts with its u16 opcode, then the operands below, in",
         "order. See docs/bytecode.md for the operand encodings.", "",
         "| # | opcode | vm ops | operands |", "|---|---|---|---|"]
    for i, (name, ops, operands, columns) in enumerate(rows):
        vm = ", ".join([f"`{x}`" for x in ops] +
                       [f"`{x}` (operands swapped)"
                        for x in columns.get("swapped", "").split(",") if x])
        selected = ", ".join(f"{k} `{v}`" for k, v in columns.items()
                             if k in ("branch", "imm_rhs", "imm_lhs",
                                      "imm_rhs_negated", "sequence"))
        if not vm:
            vm = f"(selected: {selected})" if selected else "(internal)"
        o.append(f"| {i} | `{name}` | {vm} | {' '.join(f'`{x}`' for x in operands)} |")
    o += ["", "## Operand kinds", "", "| spelling | bytes | meaning |", "|---|---|---|"]
    for spelling, (_, size, desc) in OPERAND_KINDS.items():
        o.append(f"| `{spelling}` | {size if size else 'variable'} | {desc} |")
    write_if_changed(out, "\n".join(o) + "\n")


def write_if_changed(path, text):
    try:
        if open(path).read() == text:
            return
    except OSError:
        pass
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--header", required=True)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    rows = parse(args.table)
    write_header(rows, args.header)
    if args.markdown:
        write_markdown(rows, args.markdown)


if __name__ == "__main__":
    main()
