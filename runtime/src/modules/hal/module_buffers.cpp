// hal module exports: buffer.* and buffer_view.*.
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "../packed_args.h"
#include "module_internal.h"

namespace kiln::hal {
namespace {

std::string hex8(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof(text), "%08X", v);
  return text;
}

vm::Status buffer_assert(const vm::RefT<Buffer> &buffer, std::string_view message,
                         int64_t minimum_length, MemoryType memory_types, BufferUsage usage) {
  std::string m(message);
  if (!buffer) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "%s buffer is null", m.c_str());
  }
  if (static_cast<int64_t>(buffer->length()) < minimum_length) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "%s buffer byte length %zu less than expected minimum %lld", m.c_str(),
                           buffer->length(), static_cast<long long>(minimum_length));
  }
  if ((buffer->memory_type() & memory_types) != memory_types) {
    return vm::make_status(vm::StatusCode::kPermissionDenied,
                           "%s buffer memory type is not compatible; buffer has "
                           "%s, operation requires %s",
                           m.c_str(), hex8(buffer->memory_type()).c_str(),
                           hex8(memory_types).c_str());
  }
  if ((buffer->usage() & usage) != usage) {
    return vm::make_status(vm::StatusCode::kPermissionDenied,
                           "%s requested usage was not specified when the buffer "
                           "was allocated; buffer allows %s, operation requires %s",
                           m.c_str(), hex8(buffer->usage()).c_str(), hex8(usage).c_str());
  }
  return vm::Status();
}

} // namespace

void add_buffer_exports(vm::NativeModule &m, HalData) {
  m.export_function("buffer.assert",
                    [](vm::RefT<Buffer> buffer, vm::RefT<vm::Buffer> message,
                       vm::RefT<Allocator> allocator, int64_t minimum_length, int32_t memory_types,
                       int32_t usage) -> vm::Status {
                      KILN_RETURN_IF_ERROR(require(allocator, "allocator"));
                      return buffer_assert(buffer, buffer_text(message), minimum_length,
                                           static_cast<MemoryType>(memory_types),
                                           static_cast<BufferUsage>(usage));
                    });
  m.export_function("buffer.allocation.preserve", [](vm::RefT<Buffer> b) -> vm::Status {
    KILN_RETURN_IF_ERROR(require(b, "buffer"));
    b->preserve();
    return vm::Status();
  });
  m.export_function("buffer.allocation.discard", [](vm::RefT<Buffer> b) -> vm::StatusOr<int32_t> {
    KILN_RETURN_IF_ERROR(require(b, "buffer"));
    return b->discard() ? 1 : 0;
  });
  m.export_function("buffer.allocation.is_terminal",
                    [](vm::RefT<Buffer> b) -> vm::StatusOr<int32_t> {
                      KILN_RETURN_IF_ERROR(require(b, "buffer"));
                      return b->is_terminal() ? 1 : 0;
                    });
  m.export_function(
      "buffer.subspan",
      [](vm::RefT<Buffer> b, int64_t offset, int64_t length) -> vm::StatusOr<vm::RefT<Buffer>> {
        KILN_RETURN_IF_ERROR(require(b, "source buffer"));
        KILN_RETURN_IF_ERROR(check_size(offset, "subspan offset"));
        KILN_RETURN_IF_ERROR(check_size(length, "subspan length"));
        return b->subspan(static_cast<size_t>(offset), static_cast<size_t>(length));
      });
  m.export_function("buffer.length", [](vm::RefT<Buffer> b) -> vm::StatusOr<int64_t> {
    KILN_RETURN_IF_ERROR(require(b, "buffer"));
    return static_cast<int64_t>(b->length());
  });
  m.export_function(
      "buffer.load",
      [](vm::RefT<Buffer> b, int64_t offset, int32_t length) -> vm::StatusOr<int32_t> {
        KILN_RETURN_IF_ERROR(require(b, "source buffer"));
        if (length < 0 || length > 4) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "load length byte count %d exceeds max", length);
        }
        KILN_RETURN_IF_ERROR(check_size(offset, "load offset"));
        uint32_t value = 0;
        KILN_RETURN_IF_ERROR(
            b->read(static_cast<size_t>(offset), &value, static_cast<size_t>(length)));
        return static_cast<int32_t>(value);
      });
  m.export_function(
      "buffer.store",
      [](int32_t value, vm::RefT<Buffer> b, int64_t offset, int32_t length) -> vm::Status {
        KILN_RETURN_IF_ERROR(require(b, "target buffer"));
        if (length < 0 || length > 4) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "store length byte count %d exceeds max", length);
        }
        KILN_RETURN_IF_ERROR(check_size(offset, "store offset"));
        return b->write(static_cast<size_t>(offset), &value, static_cast<size_t>(length));
      });
}

void add_buffer_view_exports(vm::NativeModule &m, HalData) {
  m.export_packed("buffer_view.create", "rIIiiCID", "r",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan results) -> vm::Status {
                    modules::PackedArgs a(args);
                    vm::Status status;
                    vm::RefT<Buffer> buffer = a.ref_as<Buffer>(&status);
                    int64_t offset = a.i64();
                    int64_t length = a.i64();
                    ElementType element_type = static_cast<ElementType>(a.i32());
                    EncodingType encoding_type = static_cast<EncodingType>(a.i32());
                    int32_t rank = a.span_count();
                    int64_t shape[128];
                    if (rank > 128) {
                      return vm::invalid_argument_error("buffer view rank exceeds 128");
                    }
                    for (int32_t i = 0; i < rank; ++i)
                      shape[i] = a.i64();
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    KILN_RETURN_IF_ERROR(require(buffer, "source buffer"));
                    KILN_RETURN_IF_ERROR(check_size(offset, "source offset"));
                    KILN_RETURN_IF_ERROR(check_size(length, "source length"));
                    if (offset != 0 || static_cast<size_t>(length) != buffer->length()) {
                      vm::StatusOr<vm::RefT<Buffer>> sub =
                          buffer->subspan(static_cast<size_t>(offset), static_cast<size_t>(length));
                      if (!sub.ok()) {
                        vm::Status s = std::move(sub).status();
                        s.annotate("invalid subspan of an existing buffer");
                        return s;
                      }
                      buffer = std::move(sub).value();
                    }
                    KILN_ASSIGN_OR_RETURN(vm::RefT<BufferView> view,
                                          BufferView::create(std::move(buffer), shape,
                                                             static_cast<size_t>(rank),
                                                             element_type, encoding_type));
                    new (results.data) vm::Ref(std::move(view).as_ref());
                    return vm::Status();
                  });
  m.export_packed(
      "buffer_view.assert", "rriiCID", "v",
      [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan) -> vm::Status {
        modules::PackedArgs a(args);
        vm::Status status;
        vm::RefT<BufferView> view = a.ref_as<BufferView>(&status);
        vm::RefT<vm::Buffer> message = a.ref_as<vm::Buffer>(&status);
        ElementType element_type = static_cast<ElementType>(a.i32());
        EncodingType encoding_type = static_cast<EncodingType>(a.i32());
        int32_t rank = a.span_count();
        std::vector<int64_t> shape;
        for (int32_t i = 0; i < rank && a.ok(); ++i)
          shape.push_back(a.i64());
        if (!a.ok())
          return a.error();
        KILN_RETURN_IF_ERROR(status);
        std::string m(buffer_text(message));
        if (!view) {
          return vm::make_status(vm::StatusCode::kInvalidArgument, "%s buffer view is null",
                                 m.c_str());
        }
        if (!element_types_compatible(view->element_type(), element_type)) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "%s element type mismatch; expected %s (%s) but have %s (%s)",
                                 m.c_str(), format_element_type(element_type).c_str(),
                                 hex8(element_type).c_str(),
                                 format_element_type(view->element_type()).c_str(),
                                 hex8(view->element_type()).c_str());
        }
        if (view->encoding_type() != encoding_type) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "%s encoding mismatch; expected %s but have %s", m.c_str(),
                                 hex8(encoding_type).c_str(), hex8(view->encoding_type()).c_str());
        }
        if (view->rank() != shape.size()) {
          return vm::make_status(
              vm::StatusCode::kInvalidArgument,
              "%s shape rank mismatch; expected %zu (%s) but have %zu (%s)", m.c_str(),
              shape.size(), format_shape_and_type(shape.data(), shape.size(), element_type).c_str(),
              view->rank(),
              format_shape_and_type(view->shape().data(), view->rank(), view->element_type())
                  .c_str());
        }
        for (size_t i = 0; i < shape.size(); ++i) {
          if (shape[i] != view->shape()[i]) {
            return vm::make_status(vm::StatusCode::kInvalidArgument,
                                   "%s shape dimension %zu mismatch; expected %lld "
                                   "but have %lld",
                                   m.c_str(), i, static_cast<long long>(shape[i]),
                                   static_cast<long long>(view->shape()[i]));
          }
        }
        return vm::Status();
      });
  m.export_function("buffer_view.buffer",
                    [](vm::RefT<BufferView> v) -> vm::StatusOr<vm::RefT<Buffer>> {
                      KILN_RETURN_IF_ERROR(require(v, "buffer view"));
                      return v->buffer_ref();
                    });
  m.export_function("buffer_view.element_type",
                    [](vm::RefT<BufferView> v) -> vm::StatusOr<int32_t> {
                      KILN_RETURN_IF_ERROR(require(v, "buffer view"));
                      return static_cast<int32_t>(v->element_type());
                    });
  m.export_function("buffer_view.encoding_type",
                    [](vm::RefT<BufferView> v) -> vm::StatusOr<int32_t> {
                      KILN_RETURN_IF_ERROR(require(v, "buffer view"));
                      return static_cast<int32_t>(v->encoding_type());
                    });
  m.export_function("buffer_view.rank", [](vm::RefT<BufferView> v) -> vm::StatusOr<int32_t> {
    KILN_RETURN_IF_ERROR(require(v, "buffer view"));
    return static_cast<int32_t>(v->rank());
  });
  m.export_function(
      "buffer_view.dim", [](vm::RefT<BufferView> v, int32_t index) -> vm::StatusOr<int64_t> {
        KILN_RETURN_IF_ERROR(require(v, "buffer view"));
        if (index < 0 || static_cast<size_t>(index) >= v->rank()) {
          return vm::make_status(vm::StatusCode::kOutOfRange,
                                 "dimension %d of a rank-%zu buffer view", index, v->rank());
        }
        return v->shape()[static_cast<size_t>(index)];
      });
  // Prints the views to stderr under the key, as IREE's tools do.
  m.export_packed("buffer_view.trace", "rCrD", "v",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan) -> vm::Status {
                    modules::PackedArgs a(args);
                    vm::Status status;
                    vm::RefT<vm::Buffer> key = a.ref_as<vm::Buffer>(&status);
                    int32_t count = a.span_count();
                    std::vector<vm::RefT<BufferView>> views;
                    for (int32_t i = 0; i < count && a.ok(); ++i) {
                      views.push_back(a.ref_as<BufferView>(&status));
                    }
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    std::string text = "=== " + std::string(buffer_text(key)) + " ===\n";
                    for (auto &v : views) {
                      if (!v) {
                        text += "(null)\n";
                        continue;
                      }
                      KILN_ASSIGN_OR_RETURN(std::string line, format_buffer_view(*v, 1024));
                      text += line + "\n";
                    }
                    std::fputs(text.c_str(), stderr);
                    return vm::Status();
                  });
}

} // namespace kiln::hal
