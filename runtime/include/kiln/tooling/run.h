// What run-module and benchmark-module share: command-line flags, a
// context built from module files, function lookup and error printing.
#ifndef KILN_TOOLING_RUN_H_
#define KILN_TOOLING_RUN_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/tooling/module_loader.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::tooling {

// The flags common to the run tools.
struct RunFlags {
  std::vector<std::string> modules;  // --module=PATH, in registration order
  std::string function;              // --function=NAME or MODULE.NAME
  std::vector<std::string> inputs;   // --input=VALUE, in argument order
  bool trace = false;                // --trace
  bool list_functions = false;       // --list-functions
  bool help = false;                 // --help / -h
};

// A flag the tool itself handles (e.g. benchmark-module's --repetitions).
struct ExtraFlag {
  const char* name;         // without dashes, e.g. "repetitions"
  std::string* value;       // receives the text after '=' (or next argv)
  bool takes_value = true;  // false: a boolean switch, value set to "1"
};

// Parses `--name=value` and `--name value` forms (one or two dashes).
// Unknown flags and stray positional arguments are errors.
vm::Status parse_run_flags(int argc, char** argv, RunFlags* flags,
                           const std::vector<ExtraFlag>& extra = {});

// An instance and a context with the modules of RunFlags registered in order.
class Session {
 public:
  static vm::StatusOr<std::unique_ptr<Session>> create(
      const std::vector<std::string>& module_paths,
      const ModuleLoadOptions& options);

  vm::Instance& instance() { return *instance_; }
  vm::Context& context() { return *context_; }

  // "NAME" (export of the last module) or "MODULE.NAME". The error lists the
  // exports of the module that was searched.
  vm::StatusOr<vm::Function> lookup_function(std::string_view name) const;
  // "module.name".
  std::string function_full_name(const vm::Function& function) const;
  // The export signature of `function` ("0ii_i").
  std::string function_signature(const vm::Function& function) const;

  // "module.export  signature" lines for every registered module.
  void print_functions(std::FILE* out) const;

 private:
  Session();
  std::unique_ptr<vm::Instance> instance_;
  std::unique_ptr<vm::Context> context_;
};

// Prints "error: <one line>" and then one line per VM stack frame.
void print_error(std::FILE* out, const vm::Status& status);

// Parses the inputs against the function's signature.
vm::StatusOr<vm::ValueList> parse_function_arguments(
    Session& session, const vm::Function& function,
    const std::vector<std::string>& inputs);

}  // namespace kiln::tooling

#endif  // KILN_TOOLING_RUN_H_
