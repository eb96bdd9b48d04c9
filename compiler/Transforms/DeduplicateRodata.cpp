//===- DeduplicateRodata.cpp - Merge identical vm.rodata ------------------===//
//
// Private vm.rodata ops whose contents serialize to the same bytes, with the
// same alignment (16 when unset) and mime type, are merged into the first one
// in module order; references to the others are redirected to it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/RodataUtils.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMDEDUPLICATERODATAPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

struct VMDeduplicateRodataPass
    : public ::mlir::kiln::vm::impl::VMDeduplicateRodataPassBase<VMDeduplicateRodataPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    // (bytes, alignment, mime type) -> first rodata with them.
    std::map<std::tuple<std::string, int64_t, std::string>, RodataOp> leaders;
    SmallVector<RodataOp> duplicates;
    // Duplicate name -> leader name; all uses are redirected in one walk of
    // the module afterwards (a walk per duplicate is quadratic).
    llvm::DenseMap<StringAttr, StringAttr> renames;
    for (RodataOp op : moduleOp.getBlock().getOps<RodataOp>()) {
      if (!op.isPrivate())
        continue;
      SmallVector<char> bytes;
      if (failed(appendSerializedBytes(op.getValue(), bytes)))
        continue;
      auto key = std::make_tuple(std::string(bytes.begin(), bytes.end()),
                                 op.getAlignment().value_or(kDefaultRodataAlignment),
                                 op.getMimeType() ? op.getMimeType()->str() : std::string());
      auto [it, inserted] = leaders.try_emplace(key, op);
      if (inserted)
        continue;
      renames[op.getSymNameAttr()] = it->second.getSymNameAttr();
      duplicates.push_back(op);
    }
    if (renames.empty())
      return;
    AttrTypeReplacer replacer;
    replacer.addReplacement([&](SymbolRefAttr ref) -> std::optional<Attribute> {
      auto it = renames.find(ref.getRootReference());
      if (it == renames.end())
        return std::nullopt;
      return SymbolRefAttr::get(it->second, ref.getNestedReferences());
    });
    for (Operation &op : moduleOp.getBlock())
      if (!isa<RodataOp>(op))
        replacer.recursivelyReplaceElementsIn(&op, /*replaceAttrs=*/true,
                                              /*replaceLocs=*/false,
                                              /*replaceTypes=*/false);
    for (RodataOp op : duplicates)
      op.erase();
  }
};

} // namespace
