#include "kiln/vm/ref.h"

#include <cstring>

namespace kiln::vm {

Status ref_type_error(const RefObject *object, const RefType &expected) {
  if (!object) {
    return make_status(StatusCode::kInvalidArgument, "null ref where a '%s' was expected",
                       expected.name);
  }
  return make_status(StatusCode::kInvalidArgument, "ref type mismatch: expected '%s' but got '%s'",
                     expected.name, object->type->name);
}

Status TypeRegistry::register_type(const RefType *type) {
  if (!type || !type->name || !type->destroy) {
    return invalid_argument_error("ref type needs a name and a destroy function");
  }
  for (const RefType *t : types_) {
    if (t == type)
      return Status();
    if (std::strcmp(t->name, type->name) == 0) {
      return make_status(StatusCode::kAlreadyExists, "ref type '%s' is already registered",
                         type->name);
    }
  }
  types_.push_back(type);
  return Status();
}

const RefType *TypeRegistry::lookup(std::string_view name) const {
  for (const RefType *t : types_) {
    if (name == t->name)
      return t;
  }
  return nullptr;
}

} // namespace kiln::vm
