//===- BytecodeEncoder.cpp - vm function -> Kiln bytecode -----------------===//

#include "compiler/Target/Bytecode/BytecodeEncoder.h"
#include "compiler/Target/Bytecode/FunctionEncoder.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln {

//===----------------------------------------------------------------------===//
// Tables
//===----------------------------------------------------------------------===//

uint32_t BytecodeModuleTables::internType(Type type) {
  std::string spelling;
  llvm::raw_string_ostream os(spelling);
  type.print(os);
  auto [it, inserted] = typeIndices.try_emplace(spelling, types.size());
  if (inserted)
    types.push_back(spelling);
  return it->second;
}

uint32_t BytecodeModuleTables::internString(StringRef string) {
  auto [it, inserted] = stringIndices.try_emplace(string, strings.size());
  if (inserted)
    strings.push_back(string.str());
  return it->second;
}

char getTypeCode(Type type) {
  if (llvm::isa<vm::RefType>(type))
    return 'r';
  if (type.isInteger(32))
    return 'i';
  if (type.isInteger(64))
    return 'I';
  if (type.isF32())
    return 'f';
  if (type.isF64())
    return 'F';
  return 0;
}

//===----------------------------------------------------------------------===//
// Block layout and op dispatch
//===----------------------------------------------------------------------===//

namespace encoding {

LogicalResult FunctionEncoder::encodeOp(Operation *op) {
  if (plan.isElided(op))
    return success();
  Block *block = op->getBlock();

  if (isa<vm::BranchOp, vm::YieldOp, vm::BreakOp, vm::CondBreakOp>(op)) {
    Block *dest = op->getSuccessor(0);
    emitEdge(computeEdge(op, 0), op->getLoc());
    if (isa<vm::YieldOp>(op)) {
      emitOpcode(Opcode::YIELD, op->getLoc());
      emitTarget(blockLabel(dest));
    } else if (isa<vm::BreakOp>(op)) {
      emitOpcode(Opcode::BREAK, op->getLoc());
      emitTarget(blockLabel(dest));
    } else if (isa<vm::CondBreakOp>(op)) {
      emitOpcode(Opcode::COND_BREAK, op->getLoc());
      emitU16(reg(op->getOperand(0)));
      emitTarget(blockLabel(dest));
      emitBranchTo(block, dest, op->getLoc());
    } else if (Operation *test = duplicableTest(resolve(dest)); test && !isNextBlock(block, dest)) {
      // The edge copies above already put the values in the test block's
      // argument registers, so its code runs the same here as there.
      return encodeCondBranch(test, block);
    } else {
      emitBranchTo(block, dest, op->getLoc());
    }
    return success();
  }
  if (isa<vm::CondBranchOp>(op))
    return encodeCondBranch(op, block);
  if (isa<vm::BranchTableOp>(op))
    return encodeBranchTable(op);
  if (isa<vm::ReturnOp>(op))
    return encodeReturn(op);
  if (isa<vm::FailOp>(op))
    return encodeFail(op, /*conditional=*/false);
  if (isa<vm::CondFailOp>(op))
    return encodeFail(op, /*conditional=*/true);
  if (isa<vm::CallOp, vm::CallYieldableOp, vm::CallVariadicOp, vm::CallVariadicYieldableOp>(op))
    return encodeCall(op);
  if (isa<vm::RodataInlineOp>(op))
    return encodeGeneric(op, Opcode::CONST_REF_RODATA);
  if (isa<vm::OptimizationBarrierOp>(op)) {
    // Results take the operands' values: a parallel copy (usually empty, as
    // results and operands tend to share registers).
    SmallVector<Pending> pending;
    llvm::SmallSet<std::pair<bool, uint16_t>, 8> keep;
    for (auto [operand, result] : llvm::zip(op->getOperands(), op->getResults())) {
      Register src = registers.get(operand);
      if (!liveness.isLastUse(op, operand))
        keep.insert({src.isRef, src.index});
      if (!registers.hasRegister(result))
        continue;
      Register dst = registers.get(result);
      if (dst == src) {
        keep.insert({dst.isRef, dst.index});
        continue;
      }
      pending.push_back({dst.isRef, dst.index, src.index});
    }
    EdgeCode copies;
    sequentialize(pending, keep, copies);
    emitEdge(copies, op->getLoc());
    discardDeadResults(op);
    return success();
  }
  if (isa<vm::GlobalAddressOp>(op)) {
    // An address is the global's byte offset (scalars) or ordinal (refs),
    // which is what the indirect global ops take.
    auto symbol = op->getAttrOfType<FlatSymbolRefAttr>("global");
    std::optional<uint32_t> address;
    if (symbol) {
      if (auto it = tables.scalarGlobalOffsets.find(symbol.getValue());
          it != tables.scalarGlobalOffsets.end())
        address = it->second;
      else if (auto it = tables.refGlobalOrdinals.find(symbol.getValue());
               it != tables.refGlobalOrdinals.end())
        address = it->second;
    }
    if (!address || op->getNumResults() != 1)
      return op->emitError() << "cannot be encoded: unknown global";
    emitOpcode(Opcode::CONST_I32, op->getLoc());
    emitU16(reg(op->getResult(0)));
    emitU32(*address);
    return success();
  }
  if (std::optional<BytecodePlan::Immediate> immediate = plan.getImmediate(op))
    return encodeGeneric(op, immediate->opcode);

  std::optional<OpcodeChoice> choice = opcodes.lookup(op);
  if (!choice) {
    if (isa<vm::CheckEQOp, vm::CheckNEOp, vm::CheckNZOp, vm::CheckNearlyEQOp>(op))
      return op->emitError() << "cannot be encoded: '" << op->getName()
                             << "' must be lowered by the check-lowering preparation pass";
    return op->emitError() << "cannot be encoded: '" << op->getName() << "' has no bytecode opcode";
  }
  if (fuseLoadIntoAdd(op, choice->opcode))
    return success();
  return encodeGeneric(op, choice->opcode);
}

LogicalResult FunctionEncoder::encode() {
  for (Block &block : body)
    blockLabels[&block] = newLabel();

  // Edge code of a multi-successor terminator goes to the destination's
  // start when that edge is the destination's only way in (the predecessor
  // may come after it in layout, hence this pre-pass); otherwise it goes to
  // an out-of-line stub that ends in a branch to the destination.
  for (Block &block : body) {
    if (block.empty())
      continue;
    Operation *terminator = &block.back();
    if (!isa<vm::CondBranchOp, vm::BranchTableOp>(terminator))
      continue;
    for (unsigned i = 0, e = terminator->getNumSuccessors(); i < e; ++i) {
      Block *succ = terminator->getSuccessor(i);
      if (succ->hasOneUse() && !blockPrologues.count(succ)) {
        EdgeCode edge = computeEdge(terminator, i);
        if (!edge.empty())
          blockPrologues[succ] = std::move(edge);
      }
    }
  }

  // Jump threading through blocks that hold nothing but a plain branch.
  for (Block &block : llvm::drop_begin(body)) {
    if (block.getNumArguments() || blockPrologues.count(&block) || !llvm::hasSingleElement(block) ||
        !isa<vm::BranchOp>(block.front()) || block.front().getSuccessor(0) == &block)
      continue;
    if (computeEdge(&block.front(), 0).empty())
      threaded.insert(&block);
  }

  for (Block &block : body) {
    if (threaded.count(&block))
      continue;
    bindLabel(blockLabels[&block]);
    Location blockLoc = block.empty() ? funcOp->getLoc() : block.front().getLoc();
    if (auto it = blockPrologues.find(&block); it != blockPrologues.end())
      emitEdge(it->second, blockLoc);
    // Ref arguments nothing reads are released on entry.
    SmallVector<uint16_t> deadArgs;
    for (BlockArgument arg : block.getArguments())
      if (RegisterAllocation::isRefType(arg.getType()) && liveness.isUnused(arg))
        deadArgs.push_back(reg(arg));
    discardRefs(deadArgs, blockLoc);
    for (Operation &op : block)
      if (failed(encodeOp(&op)))
        return failure();
  }
  for (Stub &stub : stubs) {
    bindLabel(stub.label);
    emitEdge(stub.code, stub.loc);
    emitOpcode(Opcode::BR, stub.loc);
    emitTarget(blockLabel(stub.dest));
  }
  for (auto [position, label] : fixups) {
    uint32_t offset = static_cast<uint32_t>(labelOffsets[label]);
    for (int i = 0; i < 4; ++i)
      bytes[position + i] = (offset >> (8 * i)) & 0xFF;
  }
  if (scalarCount > kMaxRegistersPerBank || refCount > kMaxRegistersPerBank)
    return funcOp->emitError() << "function needs too many registers";
  return success();
}

} // namespace encoding

FailureOr<EncodedFunction> encodeFunction(Operation *funcOp, const OpcodeTable &opcodes,
                                          BytecodeModuleTables &tables) {
  if (funcOp->getNumRegions() != 1 || funcOp->getRegion(0).empty())
    return funcOp->emitError() << "cannot be encoded: function has no body";
  Region &body = funcOp->getRegion(0);
  BytecodePlan plan(body, opcodes);
  ValueLiveness liveness(body, plan);
  FailureOr<RegisterAllocation> registers =
      RegisterAllocation::compute(funcOp, body, plan, liveness);
  if (failed(registers))
    return failure();
  // Every value must live in a bank the bytecode knows.
  WalkResult walk = funcOp->walk([&](Operation *op) -> WalkResult {
    for (Value result : op->getResults())
      if (!getTypeCode(result.getType()))
        return op->emitError() << "cannot be encoded: result type " << result.getType()
                               << " has no register bank";
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  for (Block &block : body)
    for (BlockArgument arg : block.getArguments())
      if (!getTypeCode(arg.getType()))
        return mlir::emitError(arg.getLoc()) << "cannot be encoded: block argument type "
                                             << arg.getType() << " has no register bank";

  encoding::FunctionEncoder encoder(funcOp, body, tables, plan, liveness, *registers);
  if (failed(encoder.encode()))
    return failure();
  return encoder.takeResult();
}

} // namespace mlir::kiln
