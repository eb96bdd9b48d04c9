#include <utility>

#include "kiln/modules/io_parameters/formats.h"
#include "kiln/modules/io_parameters/module.h"

namespace kiln::io_parameters {

Index &Parameters::scope_index(std::string_view scope) {
  for (auto &[name, index] : scopes_) {
    if (name == scope)
      return index;
  }
  scopes_.emplace_back(std::string(scope), Index());
  return scopes_.back().second;
}

vm::Status Parameters::add_spec(std::string_view spec) {
  size_t eq = spec.find('=');
  std::string_view scope = eq == std::string_view::npos ? std::string_view() : spec.substr(0, eq);
  std::string_view path = eq == std::string_view::npos ? spec : spec.substr(eq + 1);
  if (path.empty()) {
    return vm::invalid_argument_error("--parameters needs [SCOPE=]PATH, got '" + std::string(spec) +
                                      "'");
  }
  return add_file(scope, std::string(path));
}

vm::Status Parameters::add_file(std::string_view scope, const std::string &path, bool writable) {
  KILN_ASSIGN_OR_RETURN(vm::RefT<Storage> storage, Storage::map_file(path, writable));
  Index index;
  KILN_RETURN_IF_ERROR(parse_storage(storage, &index));
  return add_index(scope, index);
}

vm::Status Parameters::add_memory(std::string_view scope, std::string_view key, const void *data,
                                  size_t size) {
  std::string name = "memory:" + std::string(key);
  KILN_ASSIGN_OR_RETURN(vm::RefT<Storage> storage, Storage::copy_of(name, data, size));
  Entry entry;
  entry.key = std::string(key);
  entry.storage = std::move(storage);
  entry.length = size;
  entry.description = "memory";
  Index index;
  KILN_RETURN_IF_ERROR(index.add(std::move(entry)));
  return add_index(scope, index);
}

vm::Status Parameters::add_index(std::string_view scope, const Index &index) {
  vm::Status s = scope_index(scope).merge(index);
  if (!s.ok())
    s.annotate("in parameter scope '" + std::string(scope) + "'");
  return s;
}

const Index *Parameters::find_scope(std::string_view scope) const {
  for (const auto &[name, index] : scopes_) {
    if (name == scope)
      return &index;
  }
  return nullptr;
}

std::vector<std::string> Parameters::scopes() const {
  std::vector<std::string> names;
  for (const auto &[name, index] : scopes_)
    names.push_back(name);
  return names;
}

} // namespace kiln::io_parameters
