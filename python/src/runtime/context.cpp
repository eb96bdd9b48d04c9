// Instance, Module, Context and Function: building a context the way
// run-module does (hal and check before the modules that import them) and
// calling its functions.
#include <pybind11/stl.h>

#include "common.h"
#include "kiln/bytecode/bytecode_module.h"
#include "kiln/modules/hal/module.h"
#include "kiln/tooling/module_loader.h"
#include "kiln/tooling/run.h"
#include "kiln/vm/buffer.h"

namespace kiln::python {

InstanceHolder::InstanceHolder() {
  // Modules may name hal types (!vm.ref<!hal.buffer>): known before loading.
  check(hal::register_types(instance));
}

ContextHolder::ContextHolder(std::shared_ptr<InstanceHolder> instance_holder,
                             hal::DeviceOptions device)
    : instance(std::move(instance_holder)), device_options(std::move(device)),
      context(new vm::Context(instance->instance)) {
  apply_call_limits(*this); // Ctrl-C reaches module initializers too
}

ContextHolder::~ContextHolder() {
  async.reset();
  stack.reset();
  context.reset();
}

hal::Device &ContextHolder::device() {
  if (!hal.device)
    hal = check(hal::create_modules(instance->instance, device_options));
  return *hal.device;
}

void ContextHolder::add_module(const std::shared_ptr<ModuleHolder> &module) {
  vm::Module *m = module->get();
  bool imports_hal = false, imports_check = false, imports_parameters = false;
  for (int32_t i = 0; i < m->import_count(); ++i) {
    std::string_view name = m->import_info(i).full_name;
    imports_hal |= name.substr(0, 4) == "hal.";
    imports_check |= name.substr(0, 6) == "check.";
    imports_parameters |= name.substr(0, 14) == "io_parameters.";
  }
  check(tooling::register_utility_modules(instance->instance, *context, *m, &utility_modules));
  if (imports_parameters && !io_parameters_module) {
    io_parameters_module =
        check(io_parameters::create_io_parameters_module(instance->instance, parameters));
    check(context->register_module(io_parameters_module.get()));
    imports_hal = true;
  }
  if ((imports_hal || imports_check) && !hal_registered) {
    device();
    check(context->register_module(hal.hal.get()));
    hal_registered = true;
  }
  if (imports_check && !check_registered) {
    check(context->register_module(hal.check.get()));
    check_registered = true;
  }
  vm::Status s = context->register_module(module->module);
  if (!s.ok()) {
    s.annotate("while registering module '" + std::string(m->name()) + "'");
    throw_status(std::move(s));
  }
  modules.push_back(module);
}

namespace {

std::shared_ptr<InstanceHolder> default_instance() {
  static std::shared_ptr<InstanceHolder> *instance =
      new std::shared_ptr<InstanceHolder>(std::make_shared<InstanceHolder>());
  return *instance;
}

std::shared_ptr<InstanceHolder> instance_or_default(std::shared_ptr<InstanceHolder> instance) {
  return instance ? instance : default_instance();
}

void release_keepalive(void *user) { release_python_object(static_cast<PyObject *>(user)); }

// A .vmfb in memory: loaded in place (the module keeps the Python object).
std::shared_ptr<ModuleHolder> load_bytecode_bytes(std::shared_ptr<InstanceHolder> instance,
                                                  py::handle source, bool trace) {
  PyObject *view = PyMemoryView_FromObject(source.ptr());
  if (!view)
    throw py::error_already_set();
  Py_buffer *b = PyMemoryView_GET_BUFFER(view);
  if (!PyBuffer_IsContiguous(b, 'C')) {
    Py_DECREF(view);
    throw py::value_error("module bytes must be contiguous");
  }
  auto keepalive =
      vm::Buffer::wrap_external(b->buf, static_cast<size_t>(b->len), vm::BufferAccess::kReadOnly,
                                vm::Buffer::ReleaseCallback{&release_keepalive, view});
  if (!keepalive.ok()) {
    Py_DECREF(view);
    throw_status(std::move(keepalive).status());
  }
  bytecode::ModuleOptions options;
  options.trace = trace;
  auto module = std::make_shared<ModuleHolder>();
  module->instance = instance;
  module->module = check(bytecode::load_module(
      instance->instance, static_cast<const uint8_t *>(b->buf), static_cast<size_t>(b->len),
      std::move(keepalive).value().as_ref(), options));
  return module;
}

std::shared_ptr<ModuleHolder> load_path(std::shared_ptr<InstanceHolder> instance,
                                        const std::string &path, bool trace) {
  tooling::ModuleLoadOptions options;
  options.trace = trace;
  auto module = std::make_shared<ModuleHolder>();
  module->instance = instance;
  module->module = check(tooling::load_module(instance->instance, path, options));
  return module;
}

py::object lookup(const std::shared_ptr<ContextHolder> &ctx, const std::string &name) {
  if (ctx->context->module_count() == 0) {
    throw py::key_error("the context has no modules");
  }
  auto function = std::make_shared<FunctionHolder>();
  function->context = ctx;
  auto found = ctx->context->lookup_function(name);
  if (!found.ok()) {
    // Say what there is, as run-module does: the searched module's exports.
    vm::Module *module = nullptr;
    size_t dot = name.find('.');
    if (dot != std::string::npos)
      module = ctx->context->find_module(name.substr(0, dot));
    if (!module)
      module = ctx->context->module(ctx->context->module_count() - 1);
    std::string exports;
    for (int32_t i = 0; i < module->export_count(); ++i) {
      if (!exports.empty())
        exports += ", ";
      exports += std::string(module->export_info(i).name);
    }
    vm::Status s = std::move(found).status();
    s.annotate("module '" + std::string(module->name()) +
               "' exports: " + (exports.empty() ? std::string("nothing") : exports));
    throw_status(std::move(s));
  }
  function->function = std::move(found).value();
  vm::Module *m = function->function.module;
  function->name = std::string(m->name()) + "." + m->function_name(function->function);
  prepare_function(*function);
  return wrap_function(std::move(function));
}

py::list module_exports(const vm::Module *m) {
  py::list out;
  for (int32_t i = 0; i < m->export_count(); ++i) {
    vm::ExportInfo info = m->export_info(i);
    out.append(py::make_tuple(std::string(info.name), std::string(info.signature)));
  }
  return out;
}

} // namespace

void bind_context(py::module_ &m) {
  py::class_<InstanceHolder, std::shared_ptr<InstanceHolder>>(
      m, "Instance", "Process-wide runtime state: the ref type registry.")
      .def(py::init<>());
  m.def("default_instance", &default_instance);

  // Module.load (runtime.py) picks one of these by the kind of source.
  m.def("_load_module_path",
        [](const std::string &path, std::shared_ptr<InstanceHolder> instance, bool trace) {
          return load_path(instance_or_default(instance), path, trace);
        });
  m.def("_load_module_bytes",
        [](py::handle source, std::shared_ptr<InstanceHolder> instance, bool trace) {
          return load_bytecode_bytes(instance_or_default(instance), source, trace);
        });
  py::class_<ModuleHolder, std::shared_ptr<ModuleHolder>>(m, "Module")
      .def_property_readonly("name",
                             [](const ModuleHolder &h) { return std::string(h.get()->name()); })
      .def_property_readonly("exports",
                             [](const ModuleHolder &h) { return module_exports(h.get()); })
      .def_property_readonly("imports",
                             [](const ModuleHolder &h) {
                               py::list out;
                               for (int32_t i = 0; i < h.get()->import_count(); ++i) {
                                 vm::ImportInfo info = h.get()->import_info(i);
                                 out.append(py::make_tuple(std::string(info.full_name),
                                                           std::string(info.signature),
                                                           info.optional));
                               }
                               return out;
                             })
      .def("__repr__", [](const ModuleHolder &h) {
        return "<kiln.runtime.Module " + std::string(h.get()->name()) + ">";
      });

  ContextClass context_class(m, "_Context");
  bind_limits(context_class);
  context_class
      .def(py::init([](std::shared_ptr<InstanceHolder> instance, std::string device,
                       int32_t workers) {
             if (device != "local-task" && device != "local-sync") {
               throw py::value_error("unknown device '" + device + "' (local-task or local-sync)");
             }
             hal::DeviceOptions options;
             options.name = device;
             options.workers = workers;
             return std::make_shared<ContextHolder>(instance_or_default(std::move(instance)),
                                                    options);
           }),
           py::arg("instance") = nullptr, py::arg("device") = "local-task", py::arg("workers") = 0)
      .def("add_module", &ContextHolder::add_module)
      .def("add_parameters",
           [](ContextHolder &c, const std::string &spec) { check(c.parameters->add_spec(spec)); })
      .def("add_parameter_bytes",
           [](ContextHolder &c, const std::string &scope, const std::string &key, py::bytes data) {
             std::string_view bytes = data;
             check(c.parameters->add_memory(scope, key, bytes.data(), bytes.size()));
           })
      .def("lookup", &lookup)
      .def_property_readonly("device_name",
                             [](const ContextHolder &c) { return c.device_options.name; })
      .def_property_readonly("hal_registered",
                             [](const ContextHolder &c) { return c.hal_registered; })
      .def("module_names",
           [](const ContextHolder &c) {
             std::vector<std::string> names;
             for (int32_t i = 0; i < c.context->module_count(); ++i) {
               names.emplace_back(c.context->module(i)->name());
             }
             return names;
           })
      .def("exports", [](const ContextHolder &c) {
        py::list out;
        for (int32_t i = 0; i < c.context->module_count(); ++i) {
          vm::Module *module = c.context->module(i);
          for (py::handle e : module_exports(module)) {
            py::tuple t = py::reinterpret_borrow<py::tuple>(e);
            out.append(
                py::make_tuple(std::string(module->name()) + "." + t[0].cast<std::string>(), t[1]));
          }
        }
        return out;
      });
}

} // namespace kiln::python
