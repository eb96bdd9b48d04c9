//===- InputNesting.cpp - Bounded nesting of textual input ----------------===//

#include "compiler/Tools/InputNesting.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

using namespace mlir;

std::optional<size_t> mlir::kiln::findExcessiveNesting(StringRef text, unsigned limit) {
  // Open brackets, innermost last. A closer pops back to its opener, so a
  // stray '<' (a comparison in some custom syntax) cannot pile up.
  SmallVector<char, 64> open;
  const size_t size = text.size();
  for (size_t i = 0; i < size; ++i) {
    char c = text[i];
    switch (c) {
    case '"':
      // A string literal: skip to its closing quote, over escapes.
      for (++i; i < size && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
      break;
    case '/':
      if (i + 1 < size && text[i + 1] == '/')
        while (i < size && text[i] != '\n')
          ++i;
      break;
    case '(':
    case '[':
    case '{':
    case '<':
      open.push_back(c);
      if (open.size() > limit)
        return i;
      break;
    case '>':
      // `->` and `>=` are tokens of their own; '>' closes only a '<'.
      if ((i > 0 && text[i - 1] == '-') || (i + 1 < size && text[i + 1] == '='))
        break;
      if (!open.empty() && open.back() == '<')
        open.pop_back();
      break;
    case ')':
    case ']':
    case '}': {
      char opener = c == ')' ? '(' : c == ']' ? '[' : '{';
      auto it = llvm::find(llvm::reverse(open), opener);
      if (it != open.rend())
        open.resize(open.rend() - it - 1);
      break;
    }
    case '-': {
      // Unary minus in affine expressions recurses too: a run of '-'
      // separated by blanks counts as that many levels.
      size_t run = 0, j = i;
      while (j < size && text[j] == '-' && !(j + 1 < size && text[j + 1] == '>')) {
        ++run;
        ++j;
        while (j < size &&
               (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r'))
          ++j;
      }
      if (open.size() + run > limit)
        return i;
      if (run > 1)
        i = j - 1;
      break;
    }
    default:
      break;
    }
  }
  return std::nullopt;
}

LogicalResult mlir::kiln::checkInputNesting(const llvm::SourceMgr &sourceMgr, unsigned bufferId,
                                            MLIRContext *context) {
  const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(bufferId);
  std::optional<size_t> offset = findExcessiveNesting(buffer->getBuffer(), kMaxInputNestingDepth);
  if (!offset)
    return success();
  llvm::SMLoc where = llvm::SMLoc::getFromPointer(buffer->getBufferStart() + *offset);
  auto [line, column] = sourceMgr.getLineAndColumn(where, bufferId);
  Location loc = FileLineColLoc::get(context, buffer->getBufferIdentifier(), line, column);
  return emitError(loc) << "input is nested more than " << kMaxInputNestingDepth
                        << " levels deep (brackets or unary minus); Kiln's "
                           "tools refuse deeper text instead of overflowing "
                           "the parser's stack";
}

LogicalResult mlir::kiln::checkInputNesting(const llvm::MemoryBuffer &buffer) {
  std::optional<size_t> offset = findExcessiveNesting(buffer.getBuffer(), kMaxInputNestingDepth);
  if (!offset)
    return success();
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBuffer(buffer.getBuffer(),
                                                                buffer.getBufferIdentifier(),
                                                                /*RequiresNullTerminator=*/false),
                               llvm::SMLoc());
  sourceMgr.PrintMessage(llvm::errs(),
                         llvm::SMLoc::getFromPointer(buffer.getBufferStart() + *offset),
                         llvm::SourceMgr::DK_Error,
                         "input is nested more than " + llvm::Twine(kMaxInputNestingDepth) +
                             " levels deep (brackets or unary minus); Kiln's tools refuse "
                             "deeper text instead of overflowing the parser's stack");
  return failure();
}

int mlir::kiln::runOnToolStack(llvm::function_ref<int()> body) {
  int result = 1;
  llvm::thread worker(std::optional<unsigned>(kToolStackBytes), [&] { result = body(); });
  worker.join();
  return result;
}
