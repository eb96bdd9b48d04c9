# CMake functions that compile vm programs (.mlir) into Kiln modules at build
# time. The same file serves a build inside this repository and a project
# that found an installed Kiln with find_package(Kiln): both name the
# compiler and the C headers through the targets Kiln::vm-translate and
# Kiln::c_headers.
#
# kiln_add_bytecode_module(NAME SRC file.mlir [EMBED] [FLAGS flag...])
#   Compiles SRC to ${CMAKE_CURRENT_BINARY_DIR}/NAME.vmfb with
#   `vm-translate --vm-to-bytecode` (plain func/arith/scf/cf/memref input is
#   lowered first, as vm-translate does). The path is in the NAME_VMFB
#   variable and the KILN_VMFB property of the target NAME.
#   * default: NAME is a custom target (built by `all`) producing the file;
#   * EMBED: NAME is a static library holding the bytes, 16-byte aligned so
#     the loader uses them in place, with a C header `NAME.h` declaring
#       const unsigned char* NAME_vmfb_data(void);
#       size_t NAME_vmfb_size(void);
#     Link NAME and pass the bytes to kiln::bytecode::load_module.
#   NAME must be a C identifier when EMBED is given.
#
# kiln_add_c_module(NAME SRC file.mlir [STATIC] [OUTPUT_NAME name] [FLAGS flag...])
#   Runs `vm-translate --vm-to-c` on SRC (into ${CMAKE_CURRENT_BINARY_DIR}/NAME.c)
#   and compiles the result as strict C11 against the kiln/c headers.
#   * default: a shared library NAME.so that run-module --module= (or
#     kiln::cmodule::load_module_from_file) loads with dlopen;
#   * STATIC: a static library without the kiln_module_v1_get entry symbol
#     (KILN_MODULE_NO_ENTRY), so several modules can link into one binary;
#     register its `<module>_kiln_module` getter with
#     kiln::cmodule::register_static_module (kiln/cmodule/c_module.h).
#
# kiln_add_llvm_module(NAME SRC file.mlir [STATIC] [OUTPUT_NAME name] [FLAGS flag...])
#   The same through the LLVM form (docs/llvm.md): `vm-translate
#   --vm-to-object` writes ${CMAKE_CURRENT_BINARY_DIR}/NAME.o (no C
#   compiler involved), linked by the project's linker into
#   * default: a shared library NAME.so, loaded like a C-form one;
#   * STATIC: a static library without kiln_module_v1_get
#     (--vm-llvm-no-entry), registered like a static C module.

set(_KILN_MODULES_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The checks every kiln_add_*_module makes of its parsed arguments (ARG_*,
# read from the caller's scope) and of the tools it needs; sets `src` in the
# caller to the absolute path of SRC.
function(_kiln_module_arguments fn name)
  if(NOT ARG_SRC)
    message(FATAL_ERROR "${fn}(${name}): SRC is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${fn}(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(t Kiln::vm-translate Kiln::c_headers)
    if(NOT TARGET ${t})
      message(FATAL_ERROR "${fn} needs the target ${t}: find_package(Kiln) "
                          "first, or build Kiln with its compiler")
    endif()
  endforeach()
  get_filename_component(abs "${ARG_SRC}" ABSOLUTE)
  set(src "${abs}" PARENT_SCOPE)
endfunction()

function(kiln_add_bytecode_module name)
  cmake_parse_arguments(ARG "EMBED" "SRC" "FLAGS" ${ARGN})
  _kiln_module_arguments(kiln_add_bytecode_module ${name})
  set(vmfb "${CMAKE_CURRENT_BINARY_DIR}/${name}.vmfb")
  add_custom_command(
    OUTPUT "${vmfb}"
    COMMAND Kiln::vm-translate --vm-to-bytecode ${ARG_FLAGS} "${src}" -o "${vmfb}"
    DEPENDS Kiln::vm-translate "${src}"
    COMMENT "Compiling ${ARG_SRC} to ${name}.vmfb"
    VERBATIM)
  if(ARG_EMBED)
    if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
      message(FATAL_ERROR "kiln_add_bytecode_module(${name} EMBED): the name "
                          "must be a C identifier (it names the accessors)")
    endif()
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}_embed")
    set(c_file "${out_dir}/${name}.c")
    set(h_file "${out_dir}/${name}.h")
    add_custom_command(
      OUTPUT "${c_file}" "${h_file}"
      COMMAND ${CMAKE_COMMAND} -DIN=${vmfb} -DOUT_C=${c_file} -DOUT_H=${h_file}
              -DSYMBOL=${name} -P "${_KILN_MODULES_CMAKE_DIR}/KilnEmbedBinary.cmake"
      DEPENDS "${vmfb}" "${_KILN_MODULES_CMAKE_DIR}/KilnEmbedBinary.cmake"
      COMMENT "Embedding ${name}.vmfb"
      VERBATIM)
    add_library(${name} STATIC "${c_file}" "${h_file}")
    target_include_directories(${name} PUBLIC "${out_dir}")
    set_target_properties(${name} PROPERTIES
      C_STANDARD 11 C_STANDARD_REQUIRED ON POSITION_INDEPENDENT_CODE ON)
  else()
    add_custom_target(${name} ALL DEPENDS "${vmfb}")
  endif()
  set_target_properties(${name} PROPERTIES KILN_VMFB "${vmfb}")
  set(${name}_VMFB "${vmfb}" PARENT_SCOPE)
endfunction()

function(kiln_add_c_module name)
  cmake_parse_arguments(ARG "STATIC" "SRC;OUTPUT_NAME" "FLAGS" ${ARGN})
  _kiln_module_arguments(kiln_add_c_module ${name})
  set(c_file "${CMAKE_CURRENT_BINARY_DIR}/${name}.c")
  add_custom_command(
    OUTPUT "${c_file}"
    COMMAND Kiln::vm-translate --vm-to-c ${ARG_FLAGS} "${src}" -o "${c_file}"
    DEPENDS Kiln::vm-translate "${src}"
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
  target_link_libraries(${name} PRIVATE Kiln::c_headers)
  target_compile_options(${name} PRIVATE -Wall -Wextra -pedantic)
  set_target_properties(${name} PROPERTIES
    C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF
    POSITION_INDEPENDENT_CODE ON)
endfunction()

function(kiln_add_llvm_module name)
  cmake_parse_arguments(ARG "STATIC" "SRC;OUTPUT_NAME" "FLAGS" ${ARGN})
  _kiln_module_arguments(kiln_add_llvm_module ${name})
  set(o_file "${CMAKE_CURRENT_BINARY_DIR}/${name}.o")
  set(flags ${ARG_FLAGS})
  if(ARG_STATIC)
    list(APPEND flags --vm-llvm-no-entry)
  endif()
  add_custom_command(
    OUTPUT "${o_file}"
    COMMAND Kiln::vm-translate --vm-to-object ${flags} "${src}" -o "${o_file}"
    DEPENDS Kiln::vm-translate "${src}"
    COMMENT "Compiling ${ARG_SRC} to an object through LLVM"
    VERBATIM)
  if(ARG_STATIC)
    add_library(${name} STATIC "${o_file}")
  else()
    add_library(${name} SHARED "${o_file}")
    set_target_properties(${name} PROPERTIES PREFIX "" SUFFIX ".so")
    target_link_libraries(${name} PRIVATE m)
  endif()
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE C)
  if(ARG_OUTPUT_NAME)
    set_target_properties(${name} PROPERTIES OUTPUT_NAME "${ARG_OUTPUT_NAME}")
  endif()
endfunction()
