# kiln_add_c_module(NAME SRC file.mlir [STATIC] [OUTPUT_NAME name])
#
# Turns a vm module (.mlir) into a C module in one line: runs
# `vm-translate --vm-to-c` on SRC at build time (into
# ${CMAKE_CURRENT_BINARY_DIR}/NAME.c) and compiles the result as strict C11
# against runtime/include.
#  * default: a shared library NAME.so that run-module --module= (or
#    kiln::cmodule::load_module_from_file) loads with dlopen;
#  * STATIC: a static library without the kiln_module_v1_get entry symbol
#    (KILN_MODULE_NO_ENTRY), so several modules can link into one binary;
#    register its `<module>_kiln_module` getter with
#    kiln::cmodule::register_static_module.
# Needs the compiler (the vm-translate target).
function(kiln_add_c_module name)
  cmake_parse_arguments(ARG "STATIC" "SRC;OUTPUT_NAME" "" ${ARGN})
  if(NOT ARG_SRC)
    message(FATAL_ERROR "kiln_add_c_module(${name}): SRC is required")
  endif()
  if(NOT TARGET vm-translate)
    message(FATAL_ERROR "kiln_add_c_module(${name}) needs the vm-translate target")
  endif()
  get_filename_component(src "${ARG_SRC}" ABSOLUTE)
  set(c_file "${CMAKE_CURRENT_BINARY_DIR}/${name}.c")
  add_custom_command(
    OUTPUT "${c_file}"
    COMMAND vm-translate --vm-to-c "${src}" -o "${c_file}"
    DEPENDS vm-translate "${src}"
    COMMENT "Translating ${ARG_SRC} to C"
    VERBATIM)
  if(ARG_STATIC)
    add_library(${name} STATIC "${c_file}")
    target_compile_definitions(${name} PRIVATE KILN_MODULE_NO_ENTRY=1)
  else()
    add_library(${name} SHARED "${c_file}")
    set_target_properties(${name} PROPERTIES PREFIX "" SUFFIX ".so")
    target_link_libraries(${name} PRIVATE m)
  endif()
  if(ARG_OUTPUT_NAME)
    set_target_properties(${name} PROPERTIES OUTPUT_NAME "${ARG_OUTPUT_NAME}")
  endif()
  target_include_directories(${name} PRIVATE ${KILN_SOURCE_DIR}/runtime/include)
  target_compile_options(${name} PRIVATE -Wall -Wextra -pedantic)
  set_target_properties(${name} PROPERTIES
    C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF
    POSITION_INDEPENDENT_CODE ON)
endfunction()
