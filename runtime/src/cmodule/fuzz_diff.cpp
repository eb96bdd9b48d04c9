// libFuzzer target: the differential test (test/differential/vm_diff.py)
// driven by the fuzzer. Each input is the byte stream every random decision
// of vm_diff.py's program generator is drawn from (--from-bytes): a module of
// 1 to 8 cases covering the op families with edge values. The module is
// compiled to bytecode, to C (vm-translate of the normal build, then the
// C compiler, bounded) and to the LLVM form (vm-translate --vm-to-object
// --vm-llvm-bounded), the three forms are loaded into this process and every
// case runs in each under the same limits; a case whose status or results
// differ between the forms aborts (a crash for libFuzzer), as does a module
// that does not compile. Float results are compared as bits, any NaN equal
// to any NaN (as vm_diff.py does).
//
// Built as kiln_fuzz_diff (scripts/fuzz.sh diff SECONDS) and, without
// libFuzzer, as kiln-diff-replay, which runs the inputs named on its command
// line (ctest replays test/fuzz/diff_seeds/ with it).
//
// Tools, from the environment: KILN_VM_TRANSLATE (default
// SOURCE/build/bin/vm-translate), CC (default cc), KILN_SOURCE_DIR (default
// the source tree this was built from: vm_diff.py and runtime/include).
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <filesystem>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/cmodule/c_module.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/invocation.h"

extern char **environ;

extern "C" const char *__asan_default_options() {
  // Hostile sizes must be a clean RESOURCE_EXHAUSTED in both forms.
  return "allocator_may_return_null=1";
}

namespace {

namespace fs = std::filesystem;
namespace vm = kiln::vm;

std::string env_or(const char *name, const std::string &fallback) {
  const char *value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

std::string source_dir() { return env_or("KILN_SOURCE_DIR", KILN_DIFF_SOURCE_DIR); }

// Runs argv (PATH searched) with stdout and stderr to `log`; the exit
// status, or -1 when it could not run or was killed.
int run_command(const std::vector<std::string> &argv, const std::string &log) {
  std::vector<char *> args;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    return -1;
  int status = 0;
  // libFuzzer's timeout timer (SIGALRM every second) interrupts the wait.
  pid_t waited;
  do {
    waited = waitpid(pid, &status, 0);
  } while (waited < 0 && errno == EINTR);
  if (waited != pid)
    return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const fs::path &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] void fail(const std::string &what, const fs::path &dir) {
  std::fprintf(stderr, "kiln_fuzz_diff: %s\n(module and logs kept in %s)\n%s\n", what.c_str(),
               dir.c_str(), read_text(dir / "diff.mlir").c_str());
  std::fprintf(stderr, "log:\n%s\n", read_text(dir / "log.txt").c_str());
  std::abort();
}

// A case of cases.txt: its name and result types ("i32", "i64:f64", ...).
struct Case {
  std::string name;
  std::vector<std::string> types;
};

std::vector<Case> read_cases(const fs::path &path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    Case c;
    if (!(words >> c.name))
      continue;
    for (std::string t; words >> t;)
      c.types.push_back(t);
    cases.push_back(std::move(c));
  }
  return cases;
}

// A result as text; float bit patterns that are NaNs print as "nan".
std::string value_text(const vm::Value &v, const std::string &type) {
  int64_t bits = v.as_i64();
  if (type == "i32:f32") {
    uint32_t b = static_cast<uint32_t>(bits);
    if ((b & 0x7F800000u) == 0x7F800000u && (b & 0x007FFFFFu))
      return "nan";
  } else if (type == "i64:f64") {
    uint64_t b = static_cast<uint64_t>(bits);
    if ((b & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (b & 0x000FFFFFFFFFFFFFull)) {
      return "nan";
    }
  }
  return type + "=" + std::to_string(type.rfind("i32", 0) == 0 ? v.as_i32() : bits);
}

// One loaded form: its context and module.
struct Form {
  explicit Form(vm::Instance &instance) : context(instance) {}
  vm::Context context;
  vm::Ref module;
};

// "ok: values" or the status's first line (code and message).
std::string outcome(Form &form, const Case &c) {
  auto fn = form.context.lookup_function("diff." + c.name);
  if (!fn.ok())
    return "lookup: " + fn.status().to_string();
  vm::ExecutionLimits limits;
  limits.fuel = 1000000;
  limits.deadline_ns = vm::now_ns() + int64_t{10} * 1000 * 1000 * 1000;
  form.context.set_execution_limits(limits);
  vm::ValueList results;
  vm::Status s = vm::invoke(form.context, fn.value(), {}, &results);
  if (!s.ok()) {
    std::string text = s.to_string();
    return "error: " + text.substr(0, text.find('\n'));
  }
  std::string out = "ok:";
  if (results.size() != c.types.size())
    out += " <" + std::to_string(results.size()) + " values>";
  for (size_t i = 0; i < results.size() && i < c.types.size(); ++i) {
    out += " " + value_text(results[i], c.types[i]);
  }
  return out;
}

vm::Instance &shared_instance() {
  static vm::Instance *instance = new vm::Instance();
  return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string src = source_dir();
  std::string translate = env_or("KILN_VM_TRANSLATE", src + "/build/bin/vm-translate");
  std::string cc = env_or("CC", "cc");
  std::error_code error;
  fs::path tmp = fs::temp_directory_path(error);
  std::string pattern = ((error ? fs::path("/tmp") : tmp) / "kiln-diff-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  fs::path dir(pattern);
  std::string log = (dir / "log.txt").string();
  {
    std::ofstream in(dir / "in.bin", std::ios::binary);
    in.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  }
  std::string mlir = (dir / "diff.mlir").string(), vmfb = (dir / "diff.vmfb").string(),
              c = (dir / "diff.c").string(), so = (dir / "diff.so").string(),
              llvm_so = (dir / "diff_llvm.so").string();
  if (run_command({"python3", src + "/test/differential/vm_diff.py", "--from-bytes",
                   (dir / "in.bin").string(), "--emit", dir.string()},
                  log) != 0) {
    fail("the program generator failed", dir);
  }
  if (run_command({translate, "--vm-to-bytecode", mlir, "-o", vmfb}, log) != 0) {
    fail("does not compile to bytecode", dir);
  }
  if (run_command({translate, "--vm-to-c", mlir, "-o", c}, log) != 0 ||
      run_command({cc, "-std=c11", "-O1", "-shared", "-fPIC", "-DKILN_C_BOUNDED=1", "-I",
                   src + "/runtime/include", c, "-o", so, "-lm"},
                  log) != 0) {
    fail("does not compile to C", dir);
  }
  if (run_command({translate, "--vm-to-object", "--vm-llvm-bounded", mlir, "-o", llvm_so}, log) !=
      0) {
    fail("does not compile to the LLVM form", dir);
  }

  vm::Instance &instance = shared_instance();
  std::vector<Case> cases = read_cases(dir / "cases.txt");
  std::string report;
  bool differ = false;
  {
    Form bytecode(instance), native(instance), lowered(instance);
    auto b = kiln::bytecode::load_module_from_file(instance, vmfb.c_str());
    auto n = kiln::cmodule::load_module_from_file(instance, so.c_str());
    auto l = kiln::cmodule::load_module_from_file(instance, llvm_so.c_str());
    if (!b.ok() || !n.ok() || !l.ok()) {
      fail("does not load: " + (!b.ok()   ? b.status()
                                : !n.ok() ? n.status()
                                          : l.status())
                                   .to_string(),
           dir);
    }
    bytecode.module = b.value();
    native.module = n.value();
    lowered.module = l.value();
    vm::Status rb = bytecode.context.register_module(bytecode.module);
    vm::Status rn = native.context.register_module(native.module);
    vm::Status rl = lowered.context.register_module(lowered.module);
    if (!rb.ok() || !rn.ok() || !rl.ok()) {
      fail("does not register: " + (!rb.ok() ? rb : !rn.ok() ? rn : rl).to_string(), dir);
    }
    for (const Case &k : cases) {
      std::string from_bytecode = outcome(bytecode, k), from_c = outcome(native, k),
                  from_llvm = outcome(lowered, k);
      if (from_bytecode != from_c || from_bytecode != from_llvm) {
        differ = true;
        report += k.name + ":\n  bytecode: " + from_bytecode + "\n  C:        " + from_c +
                  "\n  LLVM:     " + from_llvm + "\n";
      }
    }
  }
  if (differ)
    fail("the forms disagree:\n" + report, dir);
  fs::remove_all(dir, error);
  return 0;
}

#if defined(KILN_DIFF_STANDALONE)
// kiln-diff-replay FILE...: runs each input once (as libFuzzer does with
// file arguments); a disagreement aborts.
int main(int argc, char **argv) {
  int ran = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "kiln-diff-replay: cannot read %s\n", argv[i]);
      return 2;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    ++ran;
  }
  std::printf("%d inputs: bytecode, C and LLVM forms agree\n", ran);
  return 0;
}
#endif
