//===- HoistInlinedRodata.cpp - vm.rodata.inline to module vm.rodata ------===//
//
// Each vm.rodata.inline becomes a private module-level vm.rodata (named after
// the op's `name`, else after the enclosing function) placed before the
// function that used it, and a vm.const.ref.rodata where it was. A
// vm.rodata.table.inline is first laid out into its two buffers: the data
// (elements concatenated, each starting at a multiple of data_alignment) and
// the table of (offset, size) pairs of table_type.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/RodataUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMHOISTINLINEDRODATAPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

struct VMHoistInlinedRodataPass
    : public ::mlir::kiln::vm::impl::VMHoistInlinedRodataPassBase<VMHoistInlinedRodataPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    ::mlir::SymbolTable symbolTable(moduleOp);

    SmallVector<Operation *> inlineOps;
    moduleOp.walk([&](Operation *op) {
      if (isa<RodataInlineOp, RodataTableInlineOp>(op))
        inlineOps.push_back(op);
    });

    bool failed = false;
    for (Operation *op : inlineOps) {
      if (auto inlineOp = dyn_cast<RodataInlineOp>(op))
        hoist(symbolTable, inlineOp);
      else if (::mlir::failed(hoistTable(symbolTable, cast<RodataTableInlineOp>(op))))
        failed = true;
    }
    if (failed)
      signalPassFailure();
  }

  /// The top-level op of the module that contains `op`.
  static Operation *getModuleLevelParent(Operation *op) {
    while (op->getParentOp() && !isa<kiln::vm::ModuleOp>(op->getParentOp()))
      op = op->getParentOp();
    return op;
  }

  /// The name to give data hoisted out of `op` when it does not suggest one.
  static std::string getDefaultName(Operation *op, StringRef suffix) {
    Operation *parent = getModuleLevelParent(op);
    std::string name = "_rodata";
    if (auto symName = parent->getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName()))
      name = (symName.getValue() + "_" + suffix).str();
    return name;
  }

  /// Creates a private vm.rodata before the module-level parent of `user`,
  /// named `name` (uniqued by the symbol table).
  static RodataOp createRodata(::mlir::SymbolTable &symbolTable, Operation *user, StringRef name,
                               Attribute value, IntegerAttr alignment, StringAttr mimeType) {
    Operation *parent = getModuleLevelParent(user);
    // Built detached; the symbol table inserts it (renamed when the name is
    // taken) right before the parent.
    OpBuilder b(user->getContext());
    SmallVector<NamedAttribute> attrs;
    if (alignment)
      attrs.push_back(b.getNamedAttr("alignment", alignment));
    if (mimeType)
      attrs.push_back(b.getNamedAttr("mime_type", mimeType));
    auto rodataOp = RodataOp::create(b, user->getLoc(), name, value, attrs);
    rodataOp.setPrivate();
    symbolTable.insert(rodataOp, Block::iterator(parent));
    return rodataOp;
  }

  void hoist(::mlir::SymbolTable &symbolTable, RodataInlineOp op) {
    std::string name = op.getName() ? op.getName()->str() : getDefaultName(op, "rodata");
    RodataOp rodataOp = createRodata(symbolTable, op, name, op.getValue(), op.getAlignmentAttr(),
                                     op.getMimeTypeAttr());
    OpBuilder b(op);
    auto ref = ConstRefRodataOp::create(b, op.getLoc(), rodataOp);
    op.getResult().replaceAllUsesWith(ref.getResult());
    op.erase();
  }

  LogicalResult hoistTable(::mlir::SymbolTable &symbolTable, RodataTableInlineOp op) {
    auto tableType = cast<IntegerType>(op.getTableType());
    uint64_t dataAlignment = op.getDataAlignment().value_or(1);
    if (dataAlignment == 0)
      dataAlignment = 1;

    SmallVector<char> data;
    SmallVector<APInt> table;
    for (Attribute element : op.getDataArray()) {
      uint64_t offset = llvm::alignTo(data.size(), dataAlignment);
      data.resize(offset, 0);
      if (failed(appendSerializedBytes(element, data)))
        return op.emitOpError("cannot serialize element ") << element;
      table.push_back(APInt(tableType.getWidth(), offset));
      table.push_back(APInt(tableType.getWidth(), data.size() - offset));
    }

    MLIRContext *context = op.getContext();
    auto i8 = IntegerType::get(context, 8);
    auto dataAttr = DenseElementsAttr::getFromRawBuffer(
        RankedTensorType::get({static_cast<int64_t>(data.size())}, i8), data);
    auto tableAttr = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(table.size())}, tableType), table);

    std::string tableName =
        op.getTableName() ? op.getTableName()->str() : getDefaultName(op, "table");
    std::string dataName = op.getDataName() ? op.getDataName()->str() : getDefaultName(op, "data");
    RodataOp tableRodata =
        createRodata(symbolTable, op, tableName, tableAttr, op.getAlignmentAttr(), StringAttr());
    RodataOp dataRodata = createRodata(symbolTable, op, dataName, dataAttr, op.getAlignmentAttr(),
                                       op.getMimeTypeAttr());

    OpBuilder b(op);
    auto tableRef = ConstRefRodataOp::create(b, op.getLoc(), tableRodata);
    auto dataRef = ConstRefRodataOp::create(b, op.getLoc(), dataRodata);
    op.getTableResult().replaceAllUsesWith(tableRef.getResult());
    op.getDataResult().replaceAllUsesWith(dataRef.getResult());
    op.erase();
    return success();
  }
};

} // namespace
