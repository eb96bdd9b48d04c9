#include "jit_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>
#include <vector>

#include "kiln/cmodule/c_module.h"
#include "kiln/tooling/jit_plugin.h"

namespace kiln::tooling {
namespace {

using vm::Status;
using vm::StatusOr;

// The directory of the binary (tool or Python extension) this code is in.
std::string own_directory() {
  Dl_info info;
  std::string path;
  if (dladdr(reinterpret_cast<void *>(&own_directory), &info) && info.dli_fname &&
      std::strchr(info.dli_fname, '/')) {
    path = info.dli_fname;
  } else {
    // The main program may be named without a directory (found on $PATH).
    char buffer[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
    if (n <= 0)
      return {};
    path.assign(buffer, static_cast<size_t>(n));
  }
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved))
    path = resolved;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

// Where a plugin may be: $KILN_JIT_PLUGIN_DIR alone when set, else next to
// this binary and in ../lib from it (bin/ and lib/ of a build or an
// install).
std::vector<std::string> plugin_paths(const char *file_name) {
  if (const char *dir = std::getenv("KILN_JIT_PLUGIN_DIR"))
    return {std::string(dir) + "/" + file_name};
  std::string dir = own_directory();
  return {dir + "/" + file_name, dir + "/../lib/" + file_name};
}

struct Plugin {
  const kiln_jit_plugin_t *api = nullptr;
  Status error; // why api is null
};

Plugin open_plugin(const char *file_name) {
  Plugin plugin;
  std::string tried;
  for (const std::string &path : plugin_paths(file_name)) {
    if (access(path.c_str(), F_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    // Never closed: the modules it compiled run its code.
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char *err = dlerror();
      plugin.error = vm::unavailable_error("cannot load the JIT plugin '" + path +
                                           "': " + (err ? err : "unknown error"));
      return plugin;
    }
    void *symbol = dlsym(handle, KILN_JIT_PLUGIN_SYMBOL);
    kiln_jit_plugin_get_fn_t get = nullptr;
    static_assert(sizeof(get) == sizeof(symbol), "function pointer size");
    if (symbol)
      std::memcpy(&get, &symbol, sizeof(get));
    const kiln_jit_plugin_t *api = get ? get() : nullptr;
    if (!api || api->version != KILN_JIT_PLUGIN_VERSION ||
        api->struct_size < sizeof(kiln_jit_plugin_t)) {
      plugin.error = vm::failed_precondition_error(
          "'" + path + "' is not a JIT plugin of this Kiln (plugin interface version " +
          std::to_string(KILN_JIT_PLUGIN_VERSION) + ")");
      return plugin;
    }
    plugin.api = api;
    return plugin;
  }
  plugin.error = vm::unimplemented_error(std::string("JIT-compiled modules need the JIT plugin ") +
                                         file_name + ", which is not installed (looked for " +
                                         tried + "; $KILN_JIT_PLUGIN_DIR names another directory)");
  return plugin;
}

// Each plugin is opened once per process.
const Plugin &plugin_for(bool mlir) {
  static std::mutex mutex;
  static Plugin *plugins[2] = {nullptr, nullptr};
  std::lock_guard<std::mutex> lock(mutex);
  Plugin *&plugin = plugins[mlir ? 1 : 0];
  if (!plugin)
    plugin = new Plugin(open_plugin(mlir ? KILN_JIT_MLIR_PLUGIN_NAME : KILN_JIT_IR_PLUGIN_NAME));
  return *plugin;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

StatusOr<vm::Ref> load_jit_module(vm::Instance &, const std::string &path,
                                  const ModuleLoadOptions &options) {
  if (options.trace) {
    std::fprintf(stderr, "warning: --trace: JIT-compiled modules have no instruction "
                         "trace; running without it\n");
  }
  const Plugin &plugin = plugin_for(ends_with(path, ".mlir"));
  if (!plugin.api)
    return plugin.error;
  kiln_jit_request_t request = {};
  request.struct_size = sizeof(request);
  request.opt_level = options.jit_opt_level;
  request.path = path.c_str();
  request.flags = options.jit_bounded ? KILN_JIT_FLAG_BOUNDED : 0u;
  const kiln_module_desc_t *descriptor = nullptr;
  void *owner = nullptr;
  char *error = nullptr;
  int32_t code = plugin.api->compile(&request, &descriptor, &owner, &error);
  if (code != 0) {
    bool known = code > 0 && code < static_cast<int32_t>(vm::StatusCode::kDeferred);
    Status s(known ? static_cast<vm::StatusCode>(code) : vm::StatusCode::kInternal,
             error ? error : "JIT compilation failed");
    plugin.api->free_error(error);
    return s;
  }
  return cmodule::wrap_module(descriptor, path.c_str(),
                              cmodule::CodeOwner{plugin.api->release, owner}, options.observer);
}

} // namespace kiln::tooling
