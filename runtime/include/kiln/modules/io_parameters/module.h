// The `io_parameters` native module: IREE's io_parameters module interface
// (load, gather, scatter with the names and signatures of IREE's
// io_parameters.imports.mlir / exports.inl) over parameters by scope.
//
//   auto params = std::make_shared<kiln::io_parameters::Parameters>();
//   params->add_spec("model=weights.safetensors");      // --parameters=
//   auto m = kiln::io_parameters::create_io_parameters_module(instance, params);
//   context.register_module(m->get());   // before the modules importing it
//
// Zero copy: `load` returns hal buffers that alias the storage (no copy)
// when zero copy is allowed, the entry is not a splat, the span's address is
// a multiple of 64 bytes and the requested usage has no write bits
// (transfer target, dispatch storage/image write, sequential-write mapping)
// or includes immutable sharing (as IREE's compiler requests for constant
// parameters); such buffers are read-only. Otherwise it allocates and copies through the
// device queue.
#ifndef KILN_MODULES_IO_PARAMETERS_MODULE_H_
#define KILN_MODULES_IO_PARAMETERS_MODULE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/modules/io_parameters/index.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::io_parameters {

// Scopes and their indexes. A scope may gather several files; "" is the
// scope of programs that pass a null or empty scope.
class Parameters {
public:
  // IREE's --parameters syntax: "[SCOPE=]PATH". The file's format comes
  // from its first bytes.
  vm::Status add_spec(std::string_view spec);
  // Maps and indexes `path` into `scope` (writable: scatter may write it).
  vm::Status add_file(std::string_view scope, const std::string &path, bool writable = false);
  // The in-memory provider: `key` holds a (writable) copy of `data`.
  vm::Status add_memory(std::string_view scope, std::string_view key, const void *data,
                        size_t size);
  // An index built elsewhere (e.g. from Storage + a parser).
  vm::Status add_index(std::string_view scope, const Index &index);

  // Null when the scope has no parameters.
  const Index *find_scope(std::string_view scope) const;
  std::vector<std::string> scopes() const;

  // Forced copies when false (benchmarks, tests); default true.
  void set_zero_copy(bool allowed) { zero_copy_ = allowed; }
  bool zero_copy() const { return zero_copy_; }

private:
  Index &scope_index(std::string_view scope);
  std::vector<std::pair<std::string, Index>> scopes_;
  bool zero_copy_ = true;
};

vm::StatusOr<vm::RefT<vm::NativeModule>>
create_io_parameters_module(vm::Instance &instance, std::shared_ptr<Parameters> parameters);

} // namespace kiln::io_parameters

#endif // KILN_MODULES_IO_PARAMETERS_MODULE_H_
