//===- VMControlFlowFolders.cpp - vm dialect: ControlFlow canonicalization ===//
//
// Branch simplification, call cleanup and the expansion of vm.cond_fail.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

//===----------------------------------------------------------------------===//
// Branches
//===----------------------------------------------------------------------===//

/// When `dest` holds nothing but a `vm.br` that only forwards `dest`'s own
/// arguments (or values from above), rewrites `dest`/`operands` to jump
/// straight to that branch's target. Returns false when it cannot.
static bool skipPassThroughBlock(Block *&dest, SmallVectorImpl<Value> &operands) {
  if (!llvm::hasSingleElement(*dest))
    return false;
  auto forward = dyn_cast<BranchOp>(dest->front());
  if (!forward || forward.getDest() == dest)
    return false;
  for (BlockArgument arg : dest->getArguments())
    for (Operation *user : arg.getUsers())
      if (user != forward.getOperation())
        return false;
  SmallVector<Value> newOperands;
  for (Value value : forward.getDestOperands()) {
    auto arg = dyn_cast<BlockArgument>(value);
    if (arg && arg.getOwner() == dest)
      newOperands.push_back(operands[arg.getArgNumber()]);
    else
      newOperands.push_back(value);
  }
  dest = forward.getDest();
  operands.assign(newOperands.begin(), newOperands.end());
  return true;
}

namespace {

/// `vm.br ^b(...)` where this branch is the only way into ^b: splice ^b into
/// the current block.
struct MergeIntoSinglePredecessor : OpRewritePattern<BranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BranchOp op, PatternRewriter &rewriter) const override {
    Block *block = op->getBlock();
    Block *dest = op.getDest();
    if (dest == block || dest->getSinglePredecessor() != block)
      return failure();
    SmallVector<Value> args(op.getDestOperands());
    rewriter.eraseOp(op);
    rewriter.mergeBlocks(dest, block, args);
    return success();
  }
};

/// `vm.br ^b` where ^b only branches on: jump to the final target directly.
struct SkipPassThroughBranch : OpRewritePattern<BranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BranchOp op, PatternRewriter &rewriter) const override {
    Block *dest = op.getDest();
    if (dest == op->getBlock())
      return failure();
    SmallVector<Value> operands(op.getDestOperands());
    if (!skipPassThroughBlock(dest, operands))
      return failure();
    rewriter.replaceOpWithNewOp<BranchOp>(op, dest, operands);
    return success();
  }
};

/// `vm.cond_br` on a known condition: take that side.
struct FoldConstantCondBranch : OpRewritePattern<CondBranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBranchOp op, PatternRewriter &rewriter) const override {
    APInt condition;
    if (!matchPattern(op.getCondition(), m_ConstantInt(&condition)))
      return failure();
    if (condition.isZero())
      rewriter.replaceOpWithNewOp<BranchOp>(op, op.getFalseDest(), op.getFalseOperands());
    else
      rewriter.replaceOpWithNewOp<BranchOp>(op, op.getTrueDest(), op.getTrueOperands());
    return success();
  }
};

/// True when `value` is known to be 0 or 1: every vm comparison yields one.
static bool isBooleanValue(Value value) {
  Operation *def = value.getDefiningOp();
  return def && def->getName().getStringRef().starts_with("vm.cmp.");
}

/// `vm.cond_br (xor %b, 1), ^t, ^f` on a boolean %b: branch on %b with the
/// sides swapped. Comparisons such as `cmp.gte` canonicalize to an inverted
/// `cmp.lt`; this removes the inversion from loop headers.
struct SwapInvertedCondBranch : OpRewritePattern<CondBranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBranchOp op, PatternRewriter &rewriter) const override {
    Operation *def = op.getCondition().getDefiningOp();
    if (!def || def->getName().getStringRef() != "vm.xor.i32")
      return failure();
    APInt one;
    Value inner;
    if (matchPattern(def->getOperand(1), m_ConstantInt(&one)))
      inner = def->getOperand(0);
    else if (matchPattern(def->getOperand(0), m_ConstantInt(&one)))
      inner = def->getOperand(1);
    if (!inner || !one.isOne() || !isBooleanValue(inner))
      return failure();
    rewriter.replaceOpWithNewOp<CondBranchOp>(op, inner, op.getFalseDest(), op.getFalseOperands(),
                                              op.getTrueDest(), op.getTrueOperands());
    return success();
  }
};

/// `vm.cond_br (cmp.nz.i32 %x)`: the branch already tests for non-zero.
struct FoldNonZeroCondBranch : OpRewritePattern<CondBranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBranchOp op, PatternRewriter &rewriter) const override {
    Operation *def = op.getCondition().getDefiningOp();
    if (!def || def->getName().getStringRef() != "vm.cmp.nz.i32")
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op->setOperand(0, def->getOperand(0)); });
    return success();
  }
};

/// `vm.cond_br` whose two sides are the same block with the same operands.
struct FoldSameTargetCondBranch : OpRewritePattern<CondBranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBranchOp op, PatternRewriter &rewriter) const override {
    if (op.getTrueDest() != op.getFalseDest() || op.getTrueOperands() != op.getFalseOperands())
      return failure();
    rewriter.replaceOpWithNewOp<BranchOp>(op, op.getTrueDest(), op.getTrueOperands());
    return success();
  }
};

/// `vm.cond_br` to a block that only branches on: retarget that side.
struct SkipPassThroughCondBranch : OpRewritePattern<CondBranchOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBranchOp op, PatternRewriter &rewriter) const override {
    Block *block = op->getBlock();
    Block *trueDest = op.getTrueDest();
    Block *falseDest = op.getFalseDest();
    SmallVector<Value> trueOperands(op.getTrueOperands());
    SmallVector<Value> falseOperands(op.getFalseOperands());
    bool changed = false;
    if (trueDest != block)
      changed |= skipPassThroughBlock(trueDest, trueOperands);
    if (falseDest != block)
      changed |= skipPassThroughBlock(falseDest, falseOperands);
    if (!changed)
      return failure();
    rewriter.replaceOpWithNewOp<CondBranchOp>(op, op.getCondition(), trueDest, trueOperands,
                                              falseDest, falseOperands);
    return success();
  }
};

/// `vm.br_table` on a known index, without cases, or whose cases all equal
/// the default: a plain `vm.br`.
struct FoldBranchTable : OpRewritePattern<BranchTableOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BranchTableOp op, PatternRewriter &rewriter) const override {
    Block *dest = op.getDefaultDestination();
    OperandRange operands = op.getDefaultOperands();
    APInt index;
    if (matchPattern(op.getIndex(), m_ConstantInt(&index))) {
      int64_t value = index.getSExtValue();
      unsigned numCases = op.getCaseDestinations().size();
      if (value >= 0 && value < static_cast<int64_t>(numCases)) {
        dest = op.getCaseDestinations()[value];
        operands = op.getCaseOperands(value);
      }
    } else {
      for (unsigned i = 0, e = op.getCaseDestinations().size(); i < e; ++i)
        if (op.getCaseDestinations()[i] != dest || op.getCaseOperands(i) != operands)
          return failure();
    }
    rewriter.replaceOpWithNewOp<BranchOp>(op, dest, operands);
    return success();
  }
};

} // namespace

void BranchOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<MergeIntoSinglePredecessor, SkipPassThroughBranch>(context);
}

void CondBranchOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FoldConstantCondBranch, FoldSameTargetCondBranch, SkipPassThroughCondBranch,
              SwapInvertedCondBranch, FoldNonZeroCondBranch>(context);
}

void BranchTableOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FoldBranchTable>(context);
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

namespace {

/// A call without effects (the call or its callee is marked `nosideeffects`)
/// whose results are all unused is dropped.
template <typename CallOpT> struct EraseUnusedEffectFreeCall : OpRewritePattern<CallOpT> {
  using OpRewritePattern<CallOpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(CallOpT op, PatternRewriter &rewriter) const override {
    if (!op->use_empty())
      return failure();
    if (!op->hasAttr("nosideeffects")) {
      Operation *callee = SymbolTable::lookupNearestSymbolFrom(op, op.getCalleeAttr());
      if (!callee || !callee->hasAttr("nosideeffects"))
        return failure();
    }
    rewriter.eraseOp(op);
    return success();
  }
};

/// `vm.call.variadic` with no variadic segment is a plain `vm.call`.
struct CallVariadicToCall : OpRewritePattern<CallVariadicOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CallVariadicOp op, PatternRewriter &rewriter) const override {
    for (const APInt &size : op.getSegmentSizes().getValues<APInt>())
      if (!size.isAllOnes())
        return failure();
    SmallVector<NamedAttribute> attrs;
    for (NamedAttribute attr : op->getAttrs())
      if (attr.getName() != op.getSegmentSizesAttrName() &&
          attr.getName() != op.getSegmentTypesAttrName())
        attrs.push_back(attr);
    auto call = rewriter.replaceOpWithNewOp<CallOp>(op, op.getCalleeAttr(), op.getResultTypes(),
                                                    op.getOperands());
    call->setAttrs(attrs);
    return success();
  }
};

} // namespace

void CallOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<EraseUnusedEffectFreeCall<CallOp>>(context);
}

void CallVariadicOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<CallVariadicToCall, EraseUnusedEffectFreeCall<CallVariadicOp>>(context);
}

//===----------------------------------------------------------------------===//
// vm.cond_fail
//===----------------------------------------------------------------------===//

namespace {

/// vm.cond_fail %c, %status, "msg"   =>
///     vm.cond_br %c, ^fail(%status : i32), ^continue
///   ^continue:  (the rest of the block)
///   ^fail(%s: i32):
///     vm.fail %s, "msg"
/// A constant condition then folds away through vm.cond_br.
struct ExpandCondFail : OpRewritePattern<CondFailOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondFailOp op, PatternRewriter &rewriter) const override {
    // Blocks can only be split in a CFG region that may hold several.
    Operation *parent = op->getParentOp();
    if (!parent || parent->hasTrait<OpTrait::SingleBlock>())
      return failure();
    if (auto kinds = dyn_cast<RegionKindInterface>(parent))
      if (!kinds.hasSSADominance(op->getParentRegion()->getRegionNumber()))
        return failure();

    Location loc = op.getLoc();
    Block *block = op->getBlock();
    Block *continueBlock = rewriter.splitBlock(block, std::next(op->getIterator()));
    Type statusType = op.getStatus().getType();
    Block *failBlock = rewriter.createBlock(
        continueBlock->getParent(), std::next(continueBlock->getIterator()), {statusType}, {loc});
    FailOp::create(rewriter, loc, failBlock->getArgument(0), op.getMessageAttr());
    rewriter.setInsertionPoint(op);
    rewriter.replaceOpWithNewOp<CondBranchOp>(
        op, op.getCondition(), failBlock, ValueRange{op.getStatus()}, continueBlock, ValueRange{});
    return success();
  }
};

/// `vm.import.resolved` of a required (non-optional) import is always 1.
struct FoldResolvedRequiredImport : OpRewritePattern<ImportResolvedOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ImportResolvedOp op, PatternRewriter &rewriter) const override {
    Operation *import = SymbolTable::lookupNearestSymbolFrom(op, op.getImportAttr());
    if (!import || import->getName().getStringRef() != "vm.import" ||
        import->hasAttr("is_optional"))
      return failure();
    Type i32 = rewriter.getI32Type();
    Operation *one = op->getDialect()->materializeConstant(
        rewriter, rewriter.getIntegerAttr(i32, 1), i32, op.getLoc());
    if (!one)
      return failure();
    rewriter.replaceOp(op, one->getResults());
    return success();
  }
};

} // namespace

void CondFailOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCondFail>(context);
}

void ImportResolvedOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                   MLIRContext *context) {
  results.add<FoldResolvedRequiredImport>(context);
}
