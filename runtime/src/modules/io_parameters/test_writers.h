// Test helpers: writers for safetensors and GGUF files (the tests make their
// own files, hostile ones included) and a temporary-file helper.
#ifndef KILN_MODULES_IO_PARAMETERS_TEST_WRITERS_H_
#define KILN_MODULES_IO_PARAMETERS_TEST_WRITERS_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace kiln::io_parameters::testing {

using Bytes = std::vector<uint8_t>;

template <typename T> Bytes bytes_of(const std::vector<T> &values) {
  Bytes b(values.size() * sizeof(T));
  if (!b.empty())
    std::memcpy(b.data(), values.data(), b.size());
  return b;
}

inline void append(Bytes &out, const void *data, size_t size) {
  const uint8_t *p = static_cast<const uint8_t *>(data);
  out.insert(out.end(), p, p + size);
}
template <typename T> void append_scalar(Bytes &out, T v) { append(out, &v, sizeof(v)); }

// A safetensors file from its JSON header text and data section, as given
// (so tests can lie in either).
inline Bytes safetensors_file(const std::string &header, const Bytes &data) {
  Bytes out;
  append_scalar<uint64_t>(out, header.size());
  append(out, header.data(), header.size());
  append(out, data.data(), data.size());
  return out;
}

struct SafetensorsTensor {
  std::string name;
  std::string dtype;
  std::vector<uint64_t> shape;
  Bytes bytes;
};

// A well-formed file; tensors stored in order, each padded to `alignment`
// bytes of the data section (the header is padded with spaces so the data
// section starts on a multiple of `alignment` too).
inline Bytes safetensors_file(const std::vector<SafetensorsTensor> &tensors,
                              size_t alignment = 64) {
  std::string header = "{";
  Bytes data;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const SafetensorsTensor &t = tensors[i];
    while (data.size() % alignment)
      data.push_back(0);
    std::string shape;
    for (size_t d = 0; d < t.shape.size(); ++d) {
      shape += (d ? "," : "") + std::to_string(t.shape[d]);
    }
    header += (i ? ",\"" : "\"") + t.name + "\":{\"dtype\":\"" + t.dtype + "\",\"shape\":[" +
              shape + "],\"data_offsets\":[" + std::to_string(data.size()) + "," +
              std::to_string(data.size() + t.bytes.size()) + "]}";
    append(data, t.bytes.data(), t.bytes.size());
  }
  header += ",\"__metadata__\":{\"format\":\"pt\"}}";
  if (tensors.empty())
    header = "{\"__metadata__\":{\"format\":\"pt\"}}";
  while ((8 + header.size()) % alignment)
    header += ' ';
  return safetensors_file(header, data);
}

// GGUF version 3 writer.
class GgufWriter {
public:
  explicit GgufWriter(uint32_t alignment = 32) : alignment_(alignment) {
    if (alignment != 32) {
      kv_string("general.alignment");
      append_scalar<uint32_t>(kvs_, 4); // u32
      append_scalar<uint32_t>(kvs_, alignment);
      ++kv_count_;
    }
  }
  void kv_text(const std::string &key, const std::string &value) {
    kv_string(key);
    append_scalar<uint32_t>(kvs_, 8); // string
    kv_string(value);
    ++kv_count_;
  }
  // `type` is a ggml type (0 f32, 1 f16, 26 i32, ...); `offset_override`
  // replaces the offset written in the table (for hostile files).
  void tensor(const std::string &name, const std::vector<uint64_t> &dims, uint32_t type,
              const Bytes &bytes, int64_t offset_override = -1) {
    while (data_.size() % alignment_)
      data_.push_back(0);
    append_scalar<uint64_t>(infos_, name.size());
    append(infos_, name.data(), name.size());
    append_scalar<uint32_t>(infos_, static_cast<uint32_t>(dims.size()));
    for (uint64_t d : dims)
      append_scalar<uint64_t>(infos_, d);
    append_scalar<uint32_t>(infos_, type);
    append_scalar<uint64_t>(infos_, offset_override >= 0 ? static_cast<uint64_t>(offset_override)
                                                         : data_.size());
    append(data_, bytes.data(), bytes.size());
    ++tensor_count_;
  }
  Bytes file() const {
    Bytes out;
    append(out, "GGUF", 4);
    append_scalar<uint32_t>(out, 3);
    append_scalar<uint64_t>(out, tensor_count_);
    append_scalar<uint64_t>(out, kv_count_);
    append(out, kvs_.data(), kvs_.size());
    append(out, infos_.data(), infos_.size());
    while (out.size() % alignment_)
      out.push_back(0);
    append(out, data_.data(), data_.size());
    return out;
  }

private:
  void kv_string(const std::string &s) {
    append_scalar<uint64_t>(kvs_, s.size());
    append(kvs_, s.data(), s.size());
  }
  uint32_t alignment_;
  uint64_t tensor_count_ = 0, kv_count_ = 0;
  Bytes kvs_, infos_, data_;
};

// A file under $TMPDIR removed when the object goes away.
class TempFile {
public:
  TempFile(const std::string &suffix, const Bytes &contents) {
    const char *dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/kiln-params-XXXXXX" + suffix;
    std::vector<char> name(path_.begin(), path_.end());
    name.push_back('\0');
    int fd = mkstemps(name.data(), static_cast<int>(suffix.size()));
    path_ = name.data();
    if (fd >= 0) {
      size_t done = 0;
      while (done < contents.size()) {
        ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n <= 0)
          break;
        done += static_cast<size_t>(n);
      }
      ::close(fd);
    }
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile &) = delete;
  TempFile &operator=(const TempFile &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace kiln::io_parameters::testing

#endif // KILN_MODULES_IO_PARAMETERS_TEST_WRITERS_H_
