//===- OpEncoding.cpp - Encoding ops ----------------------------------------===//
//
// Ops from the opcode table (each operand the row lists), calls,
// conditional branches (the plan's fused compare, or its negation), branch
// tables, returns and failures.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/FunctionEncoder.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"

namespace mlir::kiln::encoding {

void FunctionEncoder::discardDeadResults(Operation *op) {
  SmallVector<uint16_t> dead;
  for (Value result : op->getResults())
    if (RegisterAllocation::isRefType(result.getType()) && registers.hasRegister(result) &&
        liveness.isUnused(result))
      dead.push_back(reg(result));
  discardRefs(dead, op->getLoc());
}

LogicalResult FunctionEncoder::emitSymbolIndex(Operation *op, StringRef attrName,
                                               const llvm::StringMap<uint32_t> &table,
                                               StringRef what) {
  auto symbol = op->getAttrOfType<FlatSymbolRefAttr>(attrName);
  if (!symbol)
    return op->emitError() << "cannot be encoded: missing '" << attrName << "' symbol reference";
  auto it = table.find(symbol.getValue());
  if (it == table.end())
    return op->emitError() << "cannot be encoded: '" << symbol.getValue() << "' is not a " << what
                           << " of the module";
  emitU32(it->second);
  return success();
}

LogicalResult FunctionEncoder::emitString(Operation *op) {
  StringRef text;
  if (auto attr = op->getAttrOfType<StringAttr>("message"))
    text = attr.getValue();
  else if (auto attr = op->getAttrOfType<StringAttr>("event_name"))
    text = attr.getValue();
  emitU32(tables.internString(text));
  return success();
}

LogicalResult FunctionEncoder::encodeGeneric(Operation *op, Opcode opcode) {
  const auto &info = getOpcodeInfo(opcode);
  SmallVector<Value> reads;
  plan.getReads(op, reads);
  std::optional<BytecodePlan::Immediate> immediate = plan.getImmediate(op);

  unsigned nextRead = 0, nextResult = 0;
  SmallVector<uint16_t> borrowedLastUses;
  auto mismatch = [&]() {
    return op->emitError() << "cannot be encoded as " << info.name
                           << ": its operands or results do not match the opcode table";
  };
  emitOpcode(opcode, op->getLoc());
  for (unsigned k = 0; k < info.operandCount; ++k) {
    OperandKind kind = info.operands[k];
    switch (kind) {
    case OperandKind::kWriteI32:
    case OperandKind::kWriteI64:
    case OperandKind::kWriteF32:
    case OperandKind::kWriteF64:
    case OperandKind::kWriteRef:
      if (nextResult >= op->getNumResults())
        return mismatch();
      emitU16(reg(op->getResult(nextResult++)));
      break;
    case OperandKind::kReadI32:
    case OperandKind::kReadI64:
    case OperandKind::kReadF32:
    case OperandKind::kReadF64:
      if (nextRead >= reads.size() || RegisterAllocation::isRefType(reads[nextRead].getType()))
        return mismatch();
      emitU16(reg(reads[nextRead++]));
      break;
    case OperandKind::kReadRef:
      if (nextRead >= reads.size() || !RegisterAllocation::isRefType(reads[nextRead].getType()))
        return mismatch();
      emitU16(refRead(op, reads, nextRead));
      ++nextRead;
      break;
    case OperandKind::kImmI32:
    case OperandKind::kImmI64: {
      int64_t value = 0;
      if (immediate) {
        value = immediate->imm;
      } else if (auto attr = op->getAttrOfType<IntegerAttr>("value")) {
        value = attr.getValue().getSExtValue();
      } else if (op->getAttr("value")) {
        return op->emitError() << "cannot be encoded: 'value' is not an "
                                  "integer attribute";
      }
      if (kind == OperandKind::kImmI32)
        emitU32(static_cast<uint32_t>(value));
      else
        emitU64(static_cast<uint64_t>(value));
      break;
    }
    case OperandKind::kImmF32:
    case OperandKind::kImmF64: {
      uint64_t bits = 0;
      if (auto attr = op->getAttrOfType<FloatAttr>("value"))
        bits = attr.getValue().bitcastToAPInt().getZExtValue();
      else if (op->getAttr("value"))
        return op->emitError() << "cannot be encoded: 'value' is not a "
                                  "float attribute";
      if (kind == OperandKind::kImmF32)
        emitU32(static_cast<uint32_t>(bits));
      else
        emitU64(bits);
      break;
    }
    case OperandKind::kFunc:
      if (failed(emitSymbolIndex(op, "callee", tables.functionOrdinals, "function")))
        return failure();
      break;
    case OperandKind::kImport:
      if (failed(emitSymbolIndex(op, op->getAttr("import") ? "import" : "callee",
                                 tables.importOrdinals, "import")))
        return failure();
      break;
    case OperandKind::kRodata:
      if (isa<vm::RodataInlineOp>(op)) {
        emitU32(tables.inlineRodataOrdinals.lookup(op));
        break;
      }
      if (failed(emitSymbolIndex(op, "rodata", tables.rodataOrdinals, "rodata segment")))
        return failure();
      break;
    case OperandKind::kType: {
      if (op->getNumResults() == 0 || !RegisterAllocation::isRefType(op->getResult(0).getType()))
        return mismatch();
      emitU32(tables.internType(op->getResult(0).getType()));
      break;
    }
    case OperandKind::kString:
      (void)emitString(op);
      break;
    case OperandKind::kGlobal4:
    case OperandKind::kGlobal8:
      if (failed(emitSymbolIndex(op, "global", tables.scalarGlobalOffsets, "scalar global")))
        return failure();
      break;
    case OperandKind::kGlobalRef:
      if (failed(emitSymbolIndex(op, "global", tables.refGlobalOrdinals, "ref global")))
        return failure();
      break;
    case OperandKind::kScalarRegs:
    case OperandKind::kRefRegs: {
      bool wantRef = kind == OperandKind::kRefRegs;
      unsigned count = reads.size() - nextRead;
      emitU16(count);
      for (; nextRead < reads.size(); ++nextRead) {
        Value value = reads[nextRead];
        if (RegisterAllocation::isRefType(value.getType()) != wantRef)
          return mismatch();
        emitU16(reg(value));
        if (wantRef && opcode != Opcode::DISCARD_REFS && liveness.isLastUse(op, value))
          borrowedLastUses.push_back(reg(value));
      }
      break;
    }
    case OperandKind::kTyped: {
      unsigned count = reads.size() - nextRead;
      emitU16(count);
      for (; nextRead < reads.size(); ++nextRead) {
        Value value = reads[nextRead];
        char code = getTypeCode(value.getType());
        if (!code)
          return op->emitError() << "cannot be encoded: operand type " << value.getType()
                                 << " has no type code";
        emitU8(code);
        emitU16(reg(value));
        if (code == 'r' && liveness.isLastUse(op, value))
          borrowedLastUses.push_back(reg(value));
      }
      break;
    }
    case OperandKind::kTarget:
    case OperandKind::kTargets:
    case OperandKind::kArgs:
    case OperandKind::kResults:
    case OperandKind::kSegments:
      return op->emitError() << "cannot be encoded: opcode " << info.name
                             << " needs a hand-written encoding";
    }
  }
  if (nextRead != reads.size() || nextResult != op->getNumResults())
    return mismatch();
  // Refs read without the move bit at their last use are released after
  // the op, unless a result now lives in that register (writing it already
  // released the old reference).
  llvm::erase_if(borrowedLastUses, [&](uint16_t r) {
    return llvm::any_of(op->getResults(), [&](Value result) {
      return RegisterAllocation::isRefType(result.getType()) && registers.hasRegister(result) &&
             reg(result) == r;
    });
  });
  llvm::sort(borrowedLastUses);
  borrowedLastUses.erase(llvm::unique(borrowedLastUses), borrowedLastUses.end());
  discardRefs(borrowedLastUses, op->getLoc());
  discardDeadResults(op);
  return success();
}

LogicalResult FunctionEncoder::encodeCall(Operation *op) {
  bool variadic = isa<vm::CallVariadicOp, vm::CallVariadicYieldableOp>(op);
  bool yieldable = isa<vm::CallYieldableOp, vm::CallVariadicYieldableOp>(op);
  auto callee = op->getAttrOfType<FlatSymbolRefAttr>("callee");
  if (!callee)
    return op->emitError() << "cannot be encoded: missing 'callee'";

  Opcode opcode;
  uint32_t index;
  if (auto it = tables.importOrdinals.find(callee.getValue()); it != tables.importOrdinals.end()) {
    opcode = variadic ? Opcode::CALL_IMPORT_VARIADIC : Opcode::CALL_IMPORT;
    index = it->second;
  } else if (auto it = tables.functionOrdinals.find(callee.getValue());
             it != tables.functionOrdinals.end()) {
    if (variadic)
      return op->emitError() << "cannot be encoded: variadic call to internal function '"
                             << callee.getValue() << "'";
    opcode = Opcode::CALL;
    index = it->second;
  } else {
    return op->emitError() << "cannot be encoded: callee '" << callee.getValue()
                           << "' is neither a function nor an import";
  }

  emitOpcode(opcode, op->getLoc());
  emitU32(index);
  if (variadic) {
    // One span size per variadic argument of the import, in order.
    auto sizes = op->getAttrOfType<DenseIntElementsAttr>("segment_sizes");
    if (!sizes)
      return op->emitError() << "cannot be encoded: missing 'segment_sizes'";
    SmallVector<uint16_t> spans;
    for (const APInt &size : sizes.getValues<APInt>()) {
      int64_t s = size.getSExtValue();
      if (s >= 0)
        spans.push_back(static_cast<uint16_t>(s));
    }
    emitU16(spans.size());
    for (uint16_t s : spans)
      emitU16(s);
  }
  SmallVector<Value> reads;
  plan.getReads(op, reads);
  emitU16(reads.size());
  for (unsigned i = 0; i < reads.size(); ++i)
    emitU16(RegisterAllocation::isRefType(reads[i].getType()) ? refRead(op, reads, i)
                                                              : reg(reads[i]));

  if (!yieldable) {
    emitU16(op->getNumResults());
    for (Value result : op->getResults())
      emitU16(reg(result));
    discardDeadResults(op);
    return success();
  }

  // Yieldable: the results are the successor's block arguments.
  Block *dest = op->getSuccessor(0);
  emitU16(dest->getNumArguments());
  for (Value arg : dest->getArguments())
    emitU16(reg(arg));
  emitBranchTo(op->getBlock(), dest, op->getLoc());
  return success();
}

Operation *FunctionEncoder::duplicableTest(Block *block) {
  if (block->empty() || threaded.count(block) || blockPrologues.count(block))
    return nullptr;
  Operation *terminator = &block->back();
  if (!isa<vm::CondBranchOp>(terminator))
    return nullptr;
  for (Operation &op : *block)
    if (&op != terminator && !plan.isElided(&op))
      return nullptr;
  for (BlockArgument arg : block->getArguments())
    if (RegisterAllocation::isRefType(arg.getType()) && liveness.isUnused(arg))
      return nullptr; // its entry code releases the ref
  return terminator;
}

LogicalResult FunctionEncoder::encodeCondBranch(Operation *op, Block *layoutBlock) {
  Block *block = layoutBlock;
  unsigned trueLabel = edgeLabel(op, 0);
  unsigned falseLabel = edgeLabel(op, 1);
  Block *trueDest = op->getSuccessor(0);
  Block *falseDest = op->getSuccessor(1);
  bool trueFallsThrough = trueLabel == blockLabel(trueDest) && isNextBlock(block, trueDest);
  bool falseFallsThrough = falseLabel == blockLabel(falseDest) && isNextBlock(block, falseDest);

  // Branch to `label` when the condition is `sense`: the plan's branch or
  // its negation (the table's `negation` columns), with the operands the
  // opcode's row lists.
  auto emitConditional = [&](bool sense, unsigned label) -> LogicalResult {
    BytecodePlan::Branch branch = plan.getBranch(op);
    Opcode opcode = branch.opcode;
    if (opcode == kNoOpcode)
      return op->emitError() << "cannot be encoded: no branch opcode";
    if (!sense) {
      const OpcodeForms &forms = getOpcodeForms(opcode);
      if (forms.negation == kNoOpcode)
        return op->emitError() << "cannot be encoded: no negation of "
                               << getOpcodeInfo(opcode).name;
      opcode = forms.negation;
      if (forms.negationSwapsRegisters)
        std::swap(branch.regs[0], branch.regs[1]);
    }
    if (!branch.imm && branch.regs.size() == 2 &&
        fuseAddIntoBranch(opcode, reg(branch.regs[0]), reg(branch.regs[1]), label))
      return success();
    const auto &info = getOpcodeInfo(opcode);
    emitOpcode(opcode, op->getLoc());
    unsigned nextReg = 0;
    for (unsigned k = 0; k < info.operandCount; ++k) {
      switch (info.operands[k]) {
      case OperandKind::kReadI32:
      case OperandKind::kReadI64:
        if (nextReg >= branch.regs.size())
          return op->emitError() << "cannot be encoded as " << info.name;
        emitU16(reg(branch.regs[nextReg++]));
        break;
      case OperandKind::kImmI32:
        emitU32(static_cast<uint32_t>(branch.imm.value_or(0)));
        break;
      case OperandKind::kTarget:
        emitTarget(label);
        break;
      default:
        return op->emitError() << "cannot be encoded as " << info.name;
      }
    }
    return success();
  };

  if (falseFallsThrough)
    return emitConditional(true, trueLabel);
  if (trueFallsThrough)
    return emitConditional(false, falseLabel);
  if (failed(emitConditional(true, trueLabel)))
    return failure();
  emitOpcode(Opcode::BR, op->getLoc());
  emitTarget(falseLabel);
  return success();
}

LogicalResult FunctionEncoder::encodeBranchTable(Operation *op) {
  SmallVector<unsigned> labels;
  for (unsigned i = 0, e = op->getNumSuccessors(); i < e; ++i)
    labels.push_back(edgeLabel(op, i));
  emitOpcode(Opcode::BR_TABLE, op->getLoc());
  emitU16(reg(op->getOperand(0)));
  emitTarget(labels[0]);
  emitU16(labels.size() - 1);
  for (unsigned label : llvm::drop_begin(labels))
    emitTarget(label);
  return success();
}

LogicalResult FunctionEncoder::encodeReturn(Operation *op) {
  SmallVector<Value> reads(op->getOperands());
  emitOpcode(Opcode::RETURN, op->getLoc());
  emitU16(reads.size());
  for (unsigned i = 0; i < reads.size(); ++i) {
    uint16_t encoded = reg(reads[i]);
    if (RegisterAllocation::isRefType(reads[i].getType()) &&
        !llvm::is_contained(ArrayRef(reads).drop_front(i + 1), reads[i]))
      encoded |= kMoveBit;
    emitU16(encoded);
  }
  return success();
}

LogicalResult FunctionEncoder::encodeFail(Operation *op, bool conditional) {
  // `vm.cond_fail %status` fails when the status itself is non-zero.
  SmallVector<Value> operands(op->getOperands());
  if (conditional && operands.size() == 1)
    operands.push_back(operands.front());
  if (operands.size() != (conditional ? 2u : 1u))
    return op->emitError() << "cannot be encoded: expected " << (conditional ? 2 : 1)
                           << " operands";
  for (Value operand : operands)
    if (RegisterAllocation::isRefType(operand.getType()))
      return op->emitError() << "cannot be encoded: ref operand";
  emitOpcode(conditional ? Opcode::COND_FAIL : Opcode::FAIL, op->getLoc());
  for (Value operand : operands)
    emitU16(reg(operand));
  return emitString(op);
}

} // namespace mlir::kiln::encoding
