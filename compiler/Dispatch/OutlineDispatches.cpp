//===- OutlineDispatches.cpp - Parallel loops into kernel functions -------===//
//
// First half of the dispatch lowering (Passes.td): a top-level parallel loop
// becomes a kernel function over one workgroup's tile and a host function
// that runs the loop serially until --kiln-embed-dispatches turns it into a
// dispatch. Everything here is plain upstream MLIR, so the kernel and the
// host function go through the ordinary conversion to vm.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dispatch/Passes.h"

#include "compiler/Conversion/VMTypeConverter.h"

#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_OUTLINEDISPATCHESPASS
#include "compiler/Dispatch/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// What a loop body takes from above: memrefs and scalars become
/// arguments, constants are cloned.
struct Captures {
  SmallVector<Value> memrefs;
  SmallVector<Value> scalars;
  SmallVector<Value> constants;
  /// Per loop result (scf.reduce operand): the combining op and its neutral
  /// element, which each workgroup's partial starts from.
  SmallVector<Operation *> combiners;
  SmallVector<TypedAttr> neutrals;
};

bool isScalar(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.isSignless() && llvm::is_contained({1u, 8u, 16u, 32u, 64u}, i.getWidth());
  return isa<IndexType, Float32Type, Float64Type>(t);
}

/// A memref the conversion gives a buffer form (a buffer, offset, sizes).
bool hasBufferForm(Type t) {
  auto memref = dyn_cast<MemRefType>(t);
  return memref && isSupportedElementType(memref.getElementType()) && isContiguousLayout(memref) &&
         !memref.getMemorySpace();
}

/// A constant the kernel can rebuild: a constant-like op without operands
/// or regions.
bool isClonableConstant(Value v) {
  Operation *def = v.getDefiningOp();
  return def && def->getNumOperands() == 0 && def->getNumRegions() == 0 &&
         def->hasTrait<OpTrait::ConstantLike>();
}

/// The single op of a reduction region combining its two arguments (in
/// either order) and the op's neutral element, if it has one.
FailureOr<std::pair<Operation *, TypedAttr>> neutralCombiner(Region &region) {
  if (!region.hasOneBlock())
    return failure();
  Block &block = region.front();
  if (block.getNumArguments() != 2 || block.getOperations().size() != 2)
    return failure();
  Operation *op = &block.front();
  if (op->getNumOperands() != 2 || op->getNumResults() != 1 || op->getNumRegions() != 0 ||
      block.getTerminator()->getOperand(0) != op->getResult(0))
    return failure();
  Value a = block.getArgument(0), c = block.getArgument(1);
  bool usesBoth = (op->getOperand(0) == a && op->getOperand(1) == c) ||
                  (op->getOperand(0) == c && op->getOperand(1) == a);
  std::optional<TypedAttr> neutral = arith::getNeutralElement(op);
  if (!usesBoth || !neutral)
    return failure();
  return std::make_pair(op, *neutral);
}

/// The captures of `loop`, or a remark at it naming why it stays serial.
FailureOr<Captures> analyze(scf::ParallelOp loop) {
  auto serial = [&]() { return loop.emitRemark() << "parallel loop stays serial: "; };
  Captures captures;
  auto reduce = cast<scf::ReduceOp>(loop.getBody()->getTerminator());
  for (auto [i, region] : llvm::enumerate(reduce.getReductions())) {
    FailureOr<std::pair<Operation *, TypedAttr>> combiner = neutralCombiner(region);
    Type type = loop.getResult(i).getType();
    if (failed(combiner) || !isScalar(type) || !isSupportedElementType(type)) {
      serial() << "its reduction #" << i
               << " is not one arith op with a neutral element combining the two "
                  "values (e.g. arith.addf, arith.maximumf), from which each "
                  "workgroup's partial would start";
      return failure();
    }
    captures.combiners.push_back(combiner->first);
    captures.neutrals.push_back(combiner->second);
  }
  SymbolRefAttr symbol;
  Operation *user = nullptr;
  loop.getRegion().walk([&](Operation *op) {
    op->getAttrDictionary().walk([&](SymbolRefAttr ref) {
      if (!symbol) {
        symbol = ref;
        user = op;
      }
    });
    return symbol ? WalkResult::interrupt() : WalkResult::advance();
  });
  if (symbol) {
    serial() << "its body refers to the symbol " << symbol << " (in '" << user->getName()
             << "'), which the kernel's own module does not have";
    return failure();
  }
  llvm::SetVector<Value> above;
  getUsedValuesDefinedAbove(loop.getRegion(), above);
  for (Value v : above) {
    if (isClonableConstant(v))
      captures.constants.push_back(v);
    else if (hasBufferForm(v.getType()))
      captures.memrefs.push_back(v);
    else if (isScalar(v.getType()))
      captures.scalars.push_back(v);
    else {
      serial() << "its body uses a value of type " << v.getType()
               << " from above; only memrefs with a buffer form and scalars "
                  "(integers, index, f32, f64) become kernel arguments";
      return failure();
    }
  }
  return captures;
}

/// ceil((ub - lb) / step), the trip count of one loop dimension.
Value tripCount(OpBuilder &b, Location loc, Value lb, Value ub, Value step) {
  Value span = arith::SubIOp::create(b, loc, ub, lb);
  return arith::CeilDivSIOp::create(b, loc, span, step);
}

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// Clones `loop` at `b` with the captures mapped in `map` and the bounds
/// replaced.
scf::ParallelOp cloneLoop(OpBuilder &b, scf::ParallelOp loop, const Captures &captures,
                          IRMapping &map, ValueRange lbs, ValueRange ubs, ValueRange steps) {
  for (Value c : captures.constants)
    map.map(c, b.clone(*c.getDefiningOp())->getResult(cast<OpResult>(c).getResultNumber()));
  auto copy = cast<scf::ParallelOp>(b.clone(*loop, map));
  copy.getLowerBoundMutable().assign(lbs);
  copy.getUpperBoundMutable().assign(ubs);
  copy.getStepMutable().assign(steps);
  return copy;
}

/// `combiner` (a reduction's op) applied to (`lhs`, `rhs`) at `b`.
Value combine(OpBuilder &b, Operation *combiner, Value lhs, Value rhs) {
  Block *block = combiner->getBlock();
  IRMapping map;
  map.map(block->getArgument(0), lhs);
  map.map(block->getArgument(1), rhs);
  return b.clone(*combiner, map)->getResult(0);
}

struct OutlineDispatchesPass
    : public mlir::kiln::impl::OutlineDispatchesPassBase<OutlineDispatchesPass> {
  using OutlineDispatchesPassBase::OutlineDispatchesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (workgroups < 1) {
      module.emitError() << "kiln-outline-dispatches: workgroups must be at least 1, not "
                         << static_cast<int64_t>(workgroups);
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    IRRewriter rewriter(&getContext());
    SmallVector<Attribute> recorded;
    if (auto existing = module->getAttrOfType<ArrayAttr>(kDispatchesAttr))
      llvm::append_range(recorded, existing.getValue());

    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal())
        continue;
      // Top-level loops, in order; others get a remark unless they sit in
      // a parallel loop (which either becomes a kernel containing them or
      // has its own remark).
      SmallVector<Operation *> topLevel;
      func.walk([&](Operation *op) {
        if (!isa<scf::ParallelOp, scf::ForallOp>(op))
          return;
        if (op->getParentOp() == func.getOperation()) {
          topLevel.push_back(op);
          return;
        }
        Operation *outer = op->getParentOp();
        while (outer != func.getOperation() && !isa<scf::ParallelOp, scf::ForallOp>(outer))
          outer = outer->getParentOp();
        if (outer == func.getOperation())
          op->emitRemark() << "parallel loop stays serial: it is not at the top level of its "
                              "function (it is inside '"
                           << op->getParentOp()->getName()
                           << "'); only top-level loops are dispatched";
      });
      unsigned index = 0;
      insertAfter = func;
      for (Operation *op : topLevel) {
        scf::ParallelOp loop = dyn_cast<scf::ParallelOp>(op);
        if (auto forall = dyn_cast<scf::ForallOp>(op)) {
          // Shared outputs are tensors, which have no vm form: the
          // conversion reports them.
          rewriter.setInsertionPoint(forall);
          if (!forall.getOutputs().empty() ||
              failed(scf::forallToParallelLoop(rewriter, forall, &loop)))
            continue;
        }
        FailureOr<Captures> captures = analyze(loop);
        if (failed(captures))
          continue;
        std::string base = (func.getSymName() + "_dispatch_" + Twine(index++)).str();
        recorded.push_back(outline(loop, *captures, base, symbols));
      }
    }
    if (!recorded.empty())
      module->setAttr(kDispatchesAttr, ArrayAttr::get(&getContext(), recorded));
  }

  /// Where the next outlined functions go: after their function and those
  /// outlined from it before, in program order.
  Operation *insertAfter = nullptr;

  /// Builds the kernel and host functions of `loop` after its function and
  /// replaces the loop by the grid computation and the host call.
  DictionaryAttr outline(scf::ParallelOp loop, const Captures &captures, StringRef base,
                         SymbolTable &symbols) {
    MLIRContext *ctx = &getContext();
    Location loc = loop.getLoc();
    unsigned rank = loop.getNumLoops();
    Type index = IndexType::get(ctx);
    Type i32 = IntegerType::get(ctx, 32);

    // Arguments shared by both functions: memrefs, one partials memref per
    // reduction, scalars, bounds.
    unsigned numMemrefs = captures.memrefs.size(), numReductions = loop.getNumResults();
    SmallVector<Type> shared;
    for (Value v : captures.memrefs)
      shared.push_back(v.getType());
    SmallVector<MemRefType> partialTypes;
    for (Type t : loop.getResultTypes())
      partialTypes.push_back(MemRefType::get({ShapedType::kDynamic}, t));
    shared.append(partialTypes.begin(), partialTypes.end());
    for (Value v : captures.scalars)
      shared.push_back(v.getType());
    shared.append(3 * rank, index);
    size_t numCaptures = numMemrefs + numReductions + captures.scalars.size();

    OpBuilder b(ctx);
    b.setInsertionPointAfter(insertAfter);
    auto makeFunc = [&](StringRef name, unsigned extraI32) {
      SmallVector<Type> inputs(shared);
      inputs.append(extraI32, i32);
      auto f = func::FuncOp::create(b, loc, name, FunctionType::get(ctx, inputs, {}));
      f.setPrivate();
      symbols.insert(f);
      b.setInsertionPointAfter(f);
      return f;
    };
    func::FuncOp host = makeFunc(base, 3);
    func::FuncOp kernel = makeFunc((base + "_kernel").str(), 6);
    insertAfter = kernel;

    auto mapCaptures = [&](IRMapping &map, Block *entry) {
      for (auto [v, arg] : llvm::zip(captures.memrefs, entry->getArguments()))
        map.map(v, arg);
      for (auto [v, arg] : llvm::zip(captures.scalars,
                                     entry->getArguments().drop_front(numMemrefs + numReductions)))
        map.map(v, arg);
    };
    auto partialArgs = [&](Block *entry) {
      return entry->getArguments().slice(numMemrefs, numReductions);
    };
    auto boundArgs = [&](Block *entry, unsigned which) {
      return entry->getArguments().slice(numCaptures + which * rank, rank);
    };

    // Host: the whole loop, serially; with reductions, the kernel for
    // every workgroup in turn (so the partials are those of the grid).
    {
      Block *entry = host.addEntryBlock();
      OpBuilder hb = OpBuilder::atBlockEnd(entry);
      if (numReductions == 0) {
        IRMapping map;
        mapCaptures(map, entry);
        cloneLoop(hb, loop, captures, map, boundArgs(entry, 0), boundArgs(entry, 1),
                  boundArgs(entry, 2));
      } else {
        ValueRange counts = entry->getArguments().take_back(3);
        SmallVector<Value> ids;
        Value zero = indexConst(hb, loc, 0), one = indexConst(hb, loc, 1);
        for (unsigned d = 3; d-- > 0;) {
          Value count = arith::IndexCastOp::create(hb, loc, index, counts[d]);
          auto each = scf::ForOp::create(hb, loc, zero, count, one);
          hb.setInsertionPoint(each.getBody()->getTerminator());
          ids.insert(ids.begin(), arith::IndexCastOp::create(hb, loc, i32, each.getInductionVar()));
        }
        SmallVector<Value> operands(entry->getArguments().drop_back(3));
        llvm::append_range(operands, ids);
        llvm::append_range(operands, counts);
        func::CallOp::create(hb, loc, kernel, operands);
        hb.setInsertionPointToEnd(entry);
      }
      func::ReturnOp::create(hb, loc);
    }

    // Kernel: workgroup (id) of (count) runs iterations
    // [id * T / count, (id + 1) * T / count) of each of dimensions 0..2.
    {
      Block *entry = kernel.addEntryBlock();
      OpBuilder kb = OpBuilder::atBlockEnd(entry);
      IRMapping map;
      mapCaptures(map, entry);
      ValueRange lbs = boundArgs(entry, 0), ubs = boundArgs(entry, 1), steps = boundArgs(entry, 2);
      ValueRange grid = entry->getArguments().take_back(6);
      SmallVector<Value> tileLbs(lbs), tileUbs(ubs);
      Value one = indexConst(kb, loc, 1);
      for (unsigned d = 0; d < std::min(rank, 3u); ++d) {
        Value trips = tripCount(kb, loc, lbs[d], ubs[d], steps[d]);
        Value id = arith::IndexCastOp::create(kb, loc, index, grid[d]);
        Value count = arith::IndexCastOp::create(kb, loc, index, grid[3 + d]);
        auto boundary = [&](Value n) {
          Value scaled = arith::MulIOp::create(kb, loc, n, trips);
          Value iteration = arith::DivSIOp::create(kb, loc, scaled, count);
          Value offset = arith::MulIOp::create(kb, loc, iteration, steps[d]);
          return arith::AddIOp::create(kb, loc, lbs[d], offset);
        };
        tileLbs[d] = boundary(id);
        Value end = boundary(arith::AddIOp::create(kb, loc, id, one));
        tileUbs[d] = arith::MinSIOp::create(kb, loc, end, ubs[d]);
      }
      // Each workgroup's partials start from the neutral elements and go to
      // element x + count x * (y + count y * z) of the partials.
      SmallVector<Value> neutrals;
      for (TypedAttr neutral : captures.neutrals)
        neutrals.push_back(arith::ConstantOp::create(kb, loc, neutral));
      scf::ParallelOp tile = cloneLoop(kb, loop, captures, map, tileLbs, tileUbs, steps);
      if (numReductions != 0) {
        tile.getInitValsMutable().assign(neutrals);
        auto asIndex = [&](unsigned i) {
          return arith::IndexCastOp::create(kb, loc, index, grid[i]);
        };
        Value linear = arith::AddIOp::create(
            kb, loc, asIndex(1), arith::MulIOp::create(kb, loc, asIndex(4), asIndex(2)));
        linear = arith::AddIOp::create(kb, loc, asIndex(0),
                                       arith::MulIOp::create(kb, loc, asIndex(3), linear));
        for (auto [result, partial] : llvm::zip(tile.getResults(), partialArgs(entry)))
          memref::StoreOp::create(kb, loc, result, partial, ValueRange{linear});
      }
      func::ReturnOp::create(kb, loc);
    }

    // The call site: the grid, then the host call when it is not empty.
    b.setInsertionPoint(loop);
    Value zero = indexConst(b, loc, 0);
    Value one = indexConst(b, loc, 1);
    Value budget = indexConst(b, loc, workgroups);
    SmallVector<Value> counts;
    for (unsigned d = 0; d < 3; ++d) {
      if (d >= rank) {
        counts.push_back(one);
        continue;
      }
      Value trips =
          tripCount(b, loc, loop.getLowerBound()[d], loop.getUpperBound()[d], loop.getStep()[d]);
      trips = arith::MaxSIOp::create(b, loc, trips, zero);
      Value count = arith::MinSIOp::create(b, loc, trips, budget);
      counts.push_back(count);
      budget = arith::DivSIOp::create(b, loc, budget, arith::MaxSIOp::create(b, loc, count, one));
    }
    Value total = arith::MulIOp::create(b, loc, arith::MulIOp::create(b, loc, counts[0], counts[1]),
                                        counts[2]);
    SmallVector<Value> partials;
    for (MemRefType type : partialTypes)
      partials.push_back(memref::AllocOp::create(b, loc, type, ValueRange{total}));
    Value nonEmpty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, total, zero);
    auto ifOp = scf::IfOp::create(b, loc, nonEmpty, /*withElseRegion=*/false);
    b.setInsertionPointToStart(ifOp.thenBlock());
    SmallVector<Value> operands(captures.memrefs);
    llvm::append_range(operands, partials);
    llvm::append_range(operands, captures.scalars);
    llvm::append_range(operands, loop.getLowerBound());
    llvm::append_range(operands, loop.getUpperBound());
    llvm::append_range(operands, loop.getStep());
    for (Value count : counts)
      operands.push_back(arith::IndexCastOp::create(b, loc, i32, count));
    func::CallOp::create(b, loc, host, operands);
    if (numReductions != 0) {
      // After the fence: the loop's results are its initial values combined
      // with every workgroup's partials, in workgroup order.
      b.setInsertionPointAfter(ifOp);
      auto fold = scf::ForOp::create(
          b, loc, zero, total, one, loop.getInitVals(),
          [&](OpBuilder &fb, Location, Value w, ValueRange accumulators) {
            SmallVector<Value> next;
            for (auto [i, partial] : llvm::enumerate(partials)) {
              Value value = memref::LoadOp::create(fb, loc, partial, w);
              next.push_back(combine(fb, captures.combiners[i], accumulators[i], value));
            }
            scf::YieldOp::create(fb, loc, next);
          });
      b.setInsertionPointAfter(fold);
      for (Value partial : partials)
        memref::DeallocOp::create(b, loc, partial);
      loop.replaceAllUsesWith(fold.getResults());
    }
    loop.erase();

    return DictionaryAttr::get(
        ctx, {NamedAttribute(StringAttr::get(ctx, "host"), FlatSymbolRefAttr::get(host)),
              NamedAttribute(StringAttr::get(ctx, "kernel"), FlatSymbolRefAttr::get(kernel))});
  }
};

} // namespace
