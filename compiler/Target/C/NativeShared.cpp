//===- NativeShared.cpp - What the C and LLVM targets share ---------------===//
//
// Frame classification, loops, locations and suspension liveness for the
// native targets (see NativeShared.h). The helper table is in ScalarOps.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/NativeShared.h"

#include "compiler/Analysis/RecursiveFunctions.h"

#include "dialects/vm/VMAttributeNames.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTraits.h"

#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln::ctarget {

using namespace mlir::kiln::vm;

llvm::SmallPtrSet<Block *, 8> loopHeaders(Region &region) {
  llvm::SmallPtrSet<Block *, 8> headers;
  if (region.empty())
    return headers;
  llvm::DenseMap<Block *, int> rpo;
  SmallVector<Block *> post;
  for (Block *block : llvm::post_order(&region.front()))
    post.push_back(block);
  for (int i = 0, n = static_cast<int>(post.size()); i < n; ++i)
    rpo[post[n - 1 - i]] = i;
  for (auto [block, index] : rpo)
    for (Block *successor : block->getSuccessors()) {
      auto it = rpo.find(successor);
      if (it != rpo.end() && it->second <= index)
        headers.insert(successor);
    }
  return headers;
}

llvm::SmallPtrSet<Block *, 8> fuelCountingHeaders(Region &region) {
  llvm::SmallPtrSet<Block *, 8> headers = loopHeaders(region);
  llvm::SmallVector<Block *> prepaid;
  for (Block *header : headers)
    if (!header->empty() && header->back().hasAttr(kFuelPrepaidAttrName))
      prepaid.push_back(header);
  for (Block *header : prepaid)
    headers.erase(header);
  return headers;
}

llvm::SmallPtrSet<Block *, 16> blocksInLoops(Region &region) {
  llvm::SmallPtrSet<Block *, 16> inLoops;
  if (region.empty())
    return inLoops;
  for (auto scc = llvm::scc_begin(&region); !scc.isAtEnd(); ++scc)
    if (scc.hasCycle())
      inLoops.insert(scc->begin(), scc->end());
  return inLoops;
}

bool isFramelessOp(Operation &op) {
  if (std::optional<Helper> helper = helperOf(op))
    return helper->form != HelperForm::DivisionByZeroFault;
  return isa<ConstI32Op, ConstI64Op, ConstF32Op, ConstF64Op, ConstI32ZeroOp, ConstI64ZeroOp,
             ConstF32ZeroOp, ConstF64ZeroOp, ConstRefZeroOp, CmpEQRefOp, CmpNERefOp, CmpNZRefOp,
             CastRefAnyOp, SelectI32Op, SelectI64Op, SelectF32Op, SelectF64Op, SelectRefOp,
             SwitchI32Op, SwitchI64Op, SwitchF32Op, SwitchF64Op, SwitchRefOp, BranchOp,
             CondBranchOp, BranchTableOp, ReturnOp, GlobalAddressOp, GlobalLoadI32Op,
             GlobalLoadI64Op, GlobalLoadF32Op, GlobalLoadF64Op, GlobalStoreI32Op, GlobalStoreI64Op,
             GlobalStoreF32Op, GlobalStoreF64Op, GlobalStoreRefOp, OptimizationBarrierOp, BreakOp,
             CondBreakOp, TraceOp, PrintOp>(op);
}

bool isFramelessFunction(Region &region) {
  // A loop counts fuel (kiln_fuel_tick), which can fail.
  if (!loopHeaders(region).empty())
    return false;
  for (Block &block : region)
    for (Operation &op : block)
      if (!isFramelessOp(op))
        return false;
  return true;
}

FunctionClasses classifyFunctions(Operation *vmModule, ArrayRef<Operation *> funcs,
                                  bool lightFrames) {
  FunctionClasses classes;
  classes.suspension = std::make_unique<SuspensionAnalysis>(vmModule, SuspensionPolicy::AnyImport);
  // Recursive functions: those that reach themselves through internal calls.
  for (Operation *f : findRecursiveFunctions(funcs, collectInternalCallees(vmModule)))
    classes.recursive.insert(f->getAttrOfType<StringAttr>("sym_name").getValue());
  for (Operation *f : funcs) {
    StringRef s = f->getAttrOfType<StringAttr>("sym_name").getValue();
    if (!lightFrames || classes.suspension->maySuspend(s))
      continue;
    bool frameless = f->getNumRegions() == 0 || isFramelessFunction(f->getRegion(0));
    if (frameless)
      continue;
    classes.light.insert(s);
    // Small recursive light functions check the native stack at every
    // kStackCheckInterval-th light depth; every check leaves room for that
    // many frames of the largest of them.
    if (classes.recursive.contains(s)) {
      int64_t values = 0, ops = 0;
      f->walk([&](Block *block) { values += block->getNumArguments(); });
      f->walk([&](Operation *op) {
        values += op->getNumResults();
        ++ops;
      });
      int64_t estimate = frameEstimate(values, ops);
      if (estimate <= kGatedFrameBytes) {
        classes.gatedStackCheck.insert(s);
        classes.stackMargin = std::max(classes.stackMargin, kStackCheckInterval * estimate);
      }
    }
  }
  return classes;
}

// The callee side of a CallSiteLoc that the inliner wrapped in a NameLoc
// came from the function of that name, and its call site belongs to the
// enclosing level.
void decomposeLocation(Location loc, StringRef inlinedFrom,
                       SmallVectorImpl<std::pair<FileLineColLoc, std::string>> &out) {
  if (auto f = dyn_cast<FileLineColLoc>(loc)) {
    out.push_back({f, inlinedFrom.str()});
    return;
  }
  if (auto n = dyn_cast<NameLoc>(loc))
    return decomposeLocation(n.getChildLoc(), inlinedFrom, out);
  if (auto c = dyn_cast<CallSiteLoc>(loc)) {
    if (auto named = dyn_cast<NameLoc>(c.getCallee()))
      decomposeLocation(named.getChildLoc(), named.getName().getValue(), out);
    else
      decomposeLocation(c.getCallee(), "", out);
    decomposeLocation(c.getCaller(), inlinedFrom, out);
    return;
  }
  if (auto f = dyn_cast<FusedLoc>(loc)) {
    for (Location sub : f.getLocations()) {
      size_t before = out.size();
      decomposeLocation(sub, inlinedFrom, out);
      if (out.size() != before)
        return;
    }
    return;
  }
  if (auto o = dyn_cast<OpaqueLoc>(loc))
    decomposeLocation(o.getFallbackLocation(), inlinedFrom, out);
}

llvm::DenseSet<Value> valuesLiveAcrossSuspension(Operation *func,
                                                 const SuspensionAnalysis &suspension) {
  llvm::DenseSet<Value> live;
  Liveness liveness(func);
  auto addLiveIn = [&](Block *block) {
    for (Value v : liveness.getLiveIn(block))
      live.insert(v);
  };
  for (Block &block : func->getRegion(0)) {
    for (Operation &op : block) {
      if (!suspension.isSuspensionPoint(&op))
        continue;
      for (Value operand : op.getOperands())
        live.insert(operand);
      for (Block *successor : op.getSuccessors())
        addLiveIn(successor);
      if (op.getNumSuccessors())
        continue;
      // Defined before the op and used further down this block or live out
      // of it.
      auto definedBefore = [&](Value v) {
        Operation *def = v.getDefiningOp();
        return v.getParentBlock() != &block || !def || def->isBeforeInBlock(&op);
      };
      for (Operation *after = op.getNextNode(); after; after = after->getNextNode())
        for (Value operand : after->getOperands())
          if (definedBefore(operand))
            live.insert(operand);
      for (Value v : liveness.getLiveOut(&block))
        if (definedBefore(v))
          live.insert(v);
    }
  }
  return live;
}

std::optional<BufferElement> bufferFillOf(Operation &op) {
  return TypeSwitch<Operation *, std::optional<BufferElement>>(&op)
      .Case<BufferFillI8Op>([](auto) {
        return BufferElement{1, "kiln_fill_i8"};
      })
      .Case<BufferFillI16Op>([](auto) {
        return BufferElement{2, "kiln_fill_i16"};
      })
      .Case<BufferFillI32Op>([](auto) {
        return BufferElement{4, "kiln_fill_i32"};
      })
      .Case<BufferFillI64Op>([](auto) {
        return BufferElement{8, "kiln_fill_i64"};
      })
      .Case<BufferFillF32Op>([](auto) {
        return BufferElement{4, "kiln_fill_f32"};
      })
      .Case<BufferFillF64Op>([](auto) {
        return BufferElement{8, "kiln_fill_f64"};
      })
      .Default([](Operation *) { return std::nullopt; });
}

bool isInRangeAccess(Operation &op) {
  return op.hasTrait<vm::BufferElementAccess>() && op.hasAttr(vm::kInRangeAttrName);
}

std::optional<BufferElement> bufferLoadOf(Operation &op) {
  return TypeSwitch<Operation *, std::optional<BufferElement>>(&op)
      .Case<BufferLoadI8SOp>([](auto) {
        return BufferElement{1, "kiln_load_i8_s"};
      })
      .Case<BufferLoadI8UOp>([](auto) {
        return BufferElement{1, "kiln_load_i8_u"};
      })
      .Case<BufferLoadI16SOp>([](auto) {
        return BufferElement{2, "kiln_load_i16_s"};
      })
      .Case<BufferLoadI16UOp>([](auto) {
        return BufferElement{2, "kiln_load_i16_u"};
      })
      .Case<BufferLoadI32Op>([](auto) {
        return BufferElement{4, "kiln_load_i32"};
      })
      .Case<BufferLoadI64Op>([](auto) {
        return BufferElement{8, "kiln_load_i64"};
      })
      .Case<BufferLoadF32Op>([](auto) {
        return BufferElement{4, "kiln_load_f32"};
      })
      .Case<BufferLoadF64Op>([](auto) {
        return BufferElement{8, "kiln_load_f64"};
      })
      .Default([](Operation *) { return std::nullopt; });
}

std::optional<BufferElement> bufferStoreOf(Operation &op) {
  return TypeSwitch<Operation *, std::optional<BufferElement>>(&op)
      .Case<BufferStoreI8Op>([](auto) {
        return BufferElement{1, "kiln_store_i8"};
      })
      .Case<BufferStoreI16Op>([](auto) {
        return BufferElement{2, "kiln_store_i16"};
      })
      .Case<BufferStoreI32Op>([](auto) {
        return BufferElement{4, "kiln_store_i32"};
      })
      .Case<BufferStoreI64Op>([](auto) {
        return BufferElement{8, "kiln_store_i64"};
      })
      .Case<BufferStoreF32Op>([](auto) {
        return BufferElement{4, "kiln_store_f32"};
      })
      .Case<BufferStoreF64Op>([](auto) {
        return BufferElement{8, "kiln_store_f64"};
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace mlir::kiln::ctarget
