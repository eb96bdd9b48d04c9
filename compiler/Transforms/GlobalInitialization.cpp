//===- GlobalInitialization.cpp - Gather initialization into @__init -------===//
//
// The runtime zero-fills a module's globals and then runs one function, the
// export `__init`. This pass builds that function: it stores the non-zero
// initial values of the scalar globals that something still refers to, then
// runs the bodies of all vm.initializer ops in module order (their blocks are
// moved in and each vm.return becomes a branch to the code that follows).
// Globals stored by @__init become mutable, since @__init is an ordinary
// function; ref globals start null and need nothing.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Transforms/GlobalAccess.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMGLOBALINITIALIZATIONPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// Initial-value stores per function (see the chunking below).
constexpr size_t kStoresPerFunction = 4096;

bool isZero(Attribute value) {
  if (auto intAttr = dyn_cast<IntegerAttr>(value))
    return intAttr.getValue().isZero();
  if (auto floatAttr = dyn_cast<FloatAttr>(value))
    return floatAttr.getValue().isPosZero();
  return false;
}

/// An initializer whose body is a lone vm.return.
bool isEmptyInitializer(InitializerOp op) {
  Region &body = op.getBody();
  return body.empty() || (body.hasOneBlock() && body.front().getOperations().size() == 1 &&
                          isa<ReturnOp>(body.front().front()));
}

/// Emits `const; store` of `value` into `global` (a scalar global op).
void emitStore(OpBuilder &b, Operation *global, TypedAttr value) {
  Location loc = global->getLoc();
  auto symbol = FlatSymbolRefAttr::get(
      global->getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName()));
  if (isa<GlobalI32Op>(global)) {
    Value v = ConstI32Op::create(b, loc, value);
    GlobalStoreI32Op::create(b, loc, v, symbol);
  } else if (isa<GlobalI64Op>(global)) {
    Value v = ConstI64Op::create(b, loc, value);
    GlobalStoreI64Op::create(b, loc, v, symbol);
  } else if (isa<GlobalF32Op>(global)) {
    Value v = ConstF32Op::create(b, loc, value);
    GlobalStoreF32Op::create(b, loc, v, symbol);
  } else {
    Value v = ConstF64Op::create(b, loc, value);
    GlobalStoreF64Op::create(b, loc, v, symbol);
  }
}

struct VMGlobalInitializationPass
    : public ::mlir::kiln::vm::impl::VMGlobalInitializationPassBase<VMGlobalInitializationPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    MLIRContext *context = &getContext();
    Block &moduleBlock = moduleOp.getBlock();

    // Names something refers to, from one walk of the module: a query per
    // global would make the pass quadratic in the number of globals.
    llvm::DenseSet<StringAttr> referenced;
    if (auto uses = ::mlir::SymbolTable::getSymbolUses(&moduleOp->getRegion(0)))
      for (const ::mlir::SymbolTable::SymbolUse &use : *uses)
        referenced.insert(use.getSymbolRef().getRootReference());

    // Scalar globals that need a store, and the initializers with a body.
    SmallVector<std::pair<Operation *, TypedAttr>> initialStores;
    SmallVector<InitializerOp> initializers;
    for (Operation &op : llvm::make_early_inc_range(moduleBlock)) {
      if (auto init = dyn_cast<InitializerOp>(op)) {
        if (isEmptyInitializer(init))
          init.erase();
        else
          initializers.push_back(init);
        continue;
      }
      if (!isa<GlobalI32Op, GlobalI64Op, GlobalF32Op, GlobalF64Op>(op))
        continue;
      auto value = op.getAttrOfType<TypedAttr>("initial_value");
      if (!value)
        continue;
      op.removeAttr("initial_value");
      if (isZero(value))
        continue;
      // Nothing reads a global without symbol uses (its loads were folded):
      // its value does not matter.
      auto symName = op.getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName());
      if (!referenced.contains(symName))
        continue;
      initialStores.emplace_back(&op, value);
    }
    if (initialStores.empty() && initializers.empty())
      return;

    if (::mlir::SymbolTable::lookupSymbolIn(moduleOp, kInitFunctionName)) {
      moduleOp.emitError() << "module already defines '" << kInitFunctionName
                           << "'; cannot build the initialization function";
      return signalPassFailure();
    }

    // vm.func private @__init() and vm.export @__init, at the module's end.
    OpBuilder b(context);
    b.setInsertionPoint(moduleBlock.getTerminator());
    Location loc = moduleOp.getLoc();
    auto initFunc = FuncOp::create(b, loc, kInitFunctionName, b.getFunctionType({}, {}));
    initFunc.setPrivate();
    ExportOp::create(b, loc, initFunc, kInitFunctionName);
    Region &body = initFunc.getBody();
    Block *current = initFunc.addEntryBlock();

    b.setInsertionPointToEnd(current);
    if (initialStores.size() <= kStoresPerFunction) {
      for (auto [global, value] : initialStores) {
        emitStore(b, global, value);
        global->setAttr("is_mutable", UnitAttr::get(context));
      }
    } else {
      // Canonicalization hoists every constant to the top of its function,
      // where all of them are live at once: tens of thousands of initial
      // values in one function would need more registers than a bank has.
      // Chunks of kStoresPerFunction stores go in their own noinline
      // functions that @__init calls in order.
      for (size_t begin = 0; begin < initialStores.size(); begin += kStoresPerFunction) {
        std::string name =
            (kInitFunctionName + "_globals_" + Twine(begin / kStoresPerFunction)).str();
        if (::mlir::SymbolTable::lookupSymbolIn(moduleOp, name)) {
          moduleOp.emitError() << "module already defines '" << name
                               << "'; cannot build the initialization function";
          return signalPassFailure();
        }
        OpBuilder chunkBuilder(initFunc);
        auto chunk = FuncOp::create(chunkBuilder, loc, name, chunkBuilder.getFunctionType({}, {}));
        chunk.setPrivate();
        chunk->setAttr("noinline", UnitAttr::get(context));
        chunkBuilder.setInsertionPointToEnd(chunk.addEntryBlock());
        size_t end = std::min(initialStores.size(), begin + kStoresPerFunction);
        for (size_t i = begin; i < end; ++i) {
          auto [global, value] = initialStores[i];
          emitStore(chunkBuilder, global, value);
          global->setAttr("is_mutable", UnitAttr::get(context));
        }
        ReturnOp::create(chunkBuilder, loc);
        CallOp::create(b, loc, name, TypeRange{}, ValueRange{});
      }
    }

    for (InitializerOp init : initializers) {
      Region &initBody = init.getBody();
      Block *entry = &initBody.front();
      if (initBody.hasOneBlock()) {
        // Splice the ops (all but the vm.return) into the current block.
        Operation *terminator = entry->getTerminator();
        if (isa<ReturnOp>(terminator)) {
          terminator->erase();
          current->getOperations().splice(current->end(), entry->getOperations());
          continue;
        }
      }
      // Move the blocks in; branch into the entry; every vm.return branches
      // to a fresh block where the next initializer continues.
      Block *next = new Block();
      SmallVector<Block *> moved;
      for (Block &block : initBody)
        moved.push_back(&block);
      body.getBlocks().splice(body.end(), initBody.getBlocks());
      b.setInsertionPointToEnd(current);
      BranchOp::create(b, init.getLoc(), entry);
      for (Block *block : moved) {
        Operation *terminator = block->getTerminator();
        if (!isa<ReturnOp>(terminator))
          continue;
        b.setInsertionPoint(terminator);
        BranchOp::create(b, terminator->getLoc(), next);
        terminator->erase();
      }
      body.push_back(next);
      current = next;
    }
    b.setInsertionPointToEnd(current);
    ReturnOp::create(b, loc);

    // Everything @__init stores to must be mutable: it is a plain function.
    // Address-taken globals stored indirectly are mutable already or cannot
    // be written outside an initializer; mark them too when @__init takes
    // their address. The symbol table is built once (the static lookup is a
    // scan of the module per query).
    ::mlir::SymbolTable symbolTable(moduleOp);
    auto markMutable = [&](FlatSymbolRefAttr ref) {
      if (!ref)
        return;
      if (Operation *global = symbolTable.lookup(ref.getAttr()))
        global->setAttr("is_mutable", UnitAttr::get(context));
    };
    initFunc.walk([&](Operation *op) {
      if (isScalarGlobalStore(op) || isa<GlobalStoreRefOp>(op))
        markMutable(op->getAttrOfType<FlatSymbolRefAttr>("global"));
      else if (auto address = dyn_cast<GlobalAddressOp>(op))
        markMutable(address.getGlobalAttr());
    });

    for (InitializerOp init : initializers)
      init.erase();
  }
};

} // namespace
