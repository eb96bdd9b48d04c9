// Figures for the io_parameters module, measured side by side in one run:
//  1. index load (map + parse) of files of 1,000 tensors: safetensors, GGUF,
//     IRPA (median of many runs);
//  2. io_parameters.load of a large IRPA file (default 1 GiB, --size-mb=N),
//     zero copy versus forced copies, alternating runs: time of the call
//     (until the queue is drained), resident memory it adds, and the time to
//     then read every byte once (page faults included for the mapping).
//
//   kiln_params_bench [--size-mb=N] [--dir=DIR]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/io_parameters/formats.h"
#include "kiln/modules/io_parameters/module.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"

namespace {

using namespace kiln;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Resident set size in bytes (/proc/self/statm).
double rss_bytes() {
  long pages = 0, resident = 0;
  std::FILE *f = std::fopen("/proc/self/statm", "r");
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

void write_file(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(1);
  }
  std::fclose(f);
}

template <typename T> void append(std::vector<uint8_t> &out, T v) {
  const uint8_t *p = reinterpret_cast<const uint8_t *>(&v);
  out.insert(out.end(), p, p + sizeof(T));
}

std::vector<uint8_t> safetensors_of(int count, size_t size) {
  std::string header = "{";
  for (int i = 0; i < count; ++i) {
    header += (i ? ",\"t" : "\"t") + std::to_string(i) + "\":{\"dtype\":\"U8\",\"shape\":[" +
              std::to_string(size) + "],\"data_offsets\":[" + std::to_string(i * size) + "," +
              std::to_string((i + 1) * size) + "]}";
  }
  header += "}";
  while ((8 + header.size()) % 64)
    header += ' ';
  std::vector<uint8_t> out;
  append<uint64_t>(out, header.size());
  out.insert(out.end(), header.begin(), header.end());
  out.resize(out.size() + count * size, 1);
  return out;
}

std::vector<uint8_t> gguf_of(int count, size_t size) {
  std::vector<uint8_t> out = {'G', 'G', 'U', 'F'};
  append<uint32_t>(out, 3);
  append<uint64_t>(out, count);
  append<uint64_t>(out, 0);
  for (int i = 0; i < count; ++i) {
    std::string name = "t" + std::to_string(i);
    append<uint64_t>(out, name.size());
    out.insert(out.end(), name.begin(), name.end());
    append<uint32_t>(out, 1);
    append<uint64_t>(out, size);
    append<uint32_t>(out, 24); // i8
    append<uint64_t>(out, i * size);
  }
  while (out.size() % 32)
    out.push_back(0);
  out.resize(out.size() + count * size, 1);
  return out;
}

struct Harness {
  vm::Instance instance;
  hal::Modules hal;
  std::shared_ptr<io_parameters::Parameters> params;
  vm::RefT<vm::NativeModule> module;
  std::unique_ptr<vm::Context> context;
};

vm::Value bytes_value(const void *data, size_t size) {
  auto b = vm::Buffer::allocate(size);
  if (size)
    std::memcpy((*b)->mutable_data(), data, size);
  return vm::Value::ref(std::move(b).value().as_ref());
}

// One load of every entry of `path`; returns seconds, fills `buffers`.
double load_all(Harness &h, const io_parameters::Index &index,
                std::vector<vm::RefT<hal::Buffer>> *buffers) {
  std::vector<uint32_t> table;
  std::string data;
  std::vector<uint64_t> spans;
  for (const io_parameters::Entry &e : index.entries()) {
    table.push_back(static_cast<uint32_t>(data.size()));
    table.push_back(static_cast<uint32_t>(e.key.size()));
    data += e.key;
    spans.insert(spans.end(), {0, 0, e.length});
  }
  int32_t usage = hal::buffer_usage::kTransferSource | hal::buffer_usage::kDispatchStorageRead |
                  hal::buffer_usage::kMapping;
  vm::ValueList args = {vm::Value::ref(h.hal.device.as_ref()),
                        vm::Value::i64(-1),
                        vm::Value::ref(vm::Ref()),
                        vm::Value::ref(vm::Ref()),
                        bytes_value("big", 3),
                        vm::Value::i64(-1),
                        vm::Value::i32(hal::memory_type::kHostLocal),
                        vm::Value::i32(usage),
                        bytes_value(table.data(), table.size() * 4),
                        bytes_value(data.data(), data.size()),
                        bytes_value(spans.data(), spans.size() * 8)};
  auto f = h.context->lookup_function("io_parameters.load");
  vm::ValueList results;
  Clock::time_point start = Clock::now();
  vm::Status s = vm::invoke(*h.context, *f, args, &results);
  h.hal.device->queue_drain();
  double t = seconds_since(start);
  if (!s.ok()) {
    std::fprintf(stderr, "load failed: %s\n", s.to_string().c_str());
    std::exit(1);
  }
  vm::List *list = results[0].as_ref().as<vm::List>();
  buffers->clear();
  for (size_t i = 0; i < list->size(); ++i) {
    vm::Ref r;
    (void)list->get_ref(i, &r);
    buffers->push_back(vm::RefT<hal::Buffer>::unchecked(std::move(r)));
  }
  return t;
}

// Reads one byte per 4 KiB page of every buffer; returns seconds.
double touch_all(std::vector<vm::RefT<hal::Buffer>> &buffers, uint64_t *sum) {
  Clock::time_point start = Clock::now();
  for (auto &b : buffers) {
    auto p = b->map(0, b->length(), hal::memory_access::kRead);
    for (size_t i = 0; i < b->length(); i += 4096)
      *sum += (*p)[i];
  }
  return seconds_since(start);
}

} // namespace

int main(int argc, char **argv) {
  size_t size_mb = 1024;
  std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--size-mb=", 0) == 0)
      size_mb = std::strtoull(a.c_str() + 10, nullptr, 10);
    else if (a.rfind("--dir=", 0) == 0)
      dir = a.substr(6);
    else {
      std::fprintf(stderr, "usage: kiln_params_bench [--size-mb=N] [--dir=DIR]\n");
      return 2;
    }
  }
  std::string stem = dir + "/kiln-params-bench-" + std::to_string(getpid());

  // 1. Index load of 1,000 tensors.
  std::printf("index load, 1,000 tensors of 256 bytes (map + parse, median of 200):\n");
  struct Kind {
    const char *name;
    std::vector<uint8_t> bytes;
  } kinds[] = {
      {"safetensors", safetensors_of(1000, 256)}, {"gguf", gguf_of(1000, 256)}, {"irpa", {}}};
  std::vector<std::pair<std::string, std::vector<uint8_t>>> entries;
  for (int i = 0; i < 1000; ++i)
    entries.emplace_back("t" + std::to_string(i), std::vector<uint8_t>(256, 1));
  kinds[2].bytes = io_parameters::build_irpa(entries);
  for (Kind &k : kinds) {
    std::string path = stem + "." + k.name;
    write_file(path, k.bytes);
    std::vector<double> times;
    for (int r = 0; r < 200; ++r) {
      Clock::time_point start = Clock::now();
      auto storage = io_parameters::Storage::map_file(path);
      io_parameters::Index index;
      vm::Status s = io_parameters::parse_storage(*storage, &index);
      times.push_back(seconds_since(start));
      if (!s.ok() || index.size() != 1000) {
        std::fprintf(stderr, "%s: %s\n", k.name, s.to_string().c_str());
        return 1;
      }
    }
    std::printf("  %-12s %8.1f us\n", k.name, median(times) * 1e6);
    std::remove(path.c_str());
  }

  // 2. A large file, zero copy vs forced copies.
  size_t total = size_mb << 20;
  std::string big = stem + "-big.irpa";
  {
    std::vector<std::pair<std::string, std::vector<uint8_t>>> big_entries;
    for (int i = 0; i < 4; ++i) {
      big_entries.emplace_back("w" + std::to_string(i),
                               std::vector<uint8_t>(total / 4, static_cast<uint8_t>(i + 1)));
    }
    write_file(big, io_parameters::build_irpa(big_entries, 4096));
  }
  std::printf("\nio_parameters.load of %zu MiB (4 parameters of an IRPA file), alternating "
              "runs, median of 3:\n",
              size_mb);
  std::vector<double> t_zero, t_copy, rss_zero, rss_copy, touch_zero, touch_copy;
  std::vector<double> rss_read_zero, rss_read_copy;
  uint64_t sum = 0;
  for (int r = 0; r < 6; ++r) {
    bool zero = r % 2 == 0;
    Harness h;
    hal::DeviceOptions o;
    o.name = "local-sync";
    h.hal = std::move(hal::create_modules(h.instance, o)).value();
    h.params = std::make_shared<io_parameters::Parameters>();
    h.params->set_zero_copy(zero);
    double rss0 = rss_bytes();
    Clock::time_point start = Clock::now();
    vm::Status s = h.params->add_file("big", big);
    double t_index = seconds_since(start);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      return 1;
    }
    h.module = std::move(io_parameters::create_io_parameters_module(h.instance, h.params)).value();
    h.context.reset(new vm::Context(h.instance));
    (void)h.context->register_module(h.hal.hal.get());
    (void)h.context->register_module(h.module.get());
    std::vector<vm::RefT<hal::Buffer>> buffers;
    double t = load_all(h, *h.params->find_scope("big"), &buffers) + t_index;
    double rss = rss_bytes() - rss0;
    double touch = touch_all(buffers, &sum);
    (zero ? rss_read_zero : rss_read_copy).push_back(rss_bytes() - rss0);
    (zero ? t_zero : t_copy).push_back(t);
    (zero ? rss_zero : rss_copy).push_back(rss);
    (zero ? touch_zero : touch_copy).push_back(touch);
  }
  std::remove(big.c_str());
  double mib = 1.0 / (1 << 20);
  std::printf("  %-12s %12s %16s %22s %16s\n", "", "map+load", "RSS added", "then read every page",
              "RSS added then");
  std::printf("  %-12s %9.3f ms %12.1f MiB %19.3f ms %12.1f MiB\n", "zero copy",
              median(t_zero) * 1e3, median(rss_zero) * mib, median(touch_zero) * 1e3,
              median(rss_read_zero) * mib);
  std::printf("  %-12s %9.3f ms %12.1f MiB %19.3f ms %12.1f MiB\n", "forced copy",
              median(t_copy) * 1e3, median(rss_copy) * mib, median(touch_copy) * 1e3,
              median(rss_read_copy) * mib);
  std::printf("  (after reading, the zero-copy RSS is page cache shared with every\n"
              "   process mapping the file, and the kernel can drop it; the copies are\n"
              "   private memory)\n");
  std::printf("  ratio copy / zero copy: load %.0fx; load + read every page %.2fx\n",
              median(t_copy) / median(t_zero),
              (median(t_copy) + median(touch_copy)) / (median(t_zero) + median(touch_zero)));
  std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sum));
  return 0;
}
