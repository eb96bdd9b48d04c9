# MLIR/LLVM settings for the compiler side. Everything links the shared
# libMLIR.so and libLLVM.so so links stay fast, except the JIT plugins
# (compiler/JIT), which carry private static copies of the parts they use.

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
include_directories(${KILN_SOURCE_DIR} ${KILN_BINARY_DIR})
link_directories(${LLVM_BUILD_LIBRARY_DIR})
add_definitions(${LLVM_DEFINITIONS})

# A target with the property KILN_STATIC_LLVM set (the JIT plugins) gets
# neither shared library through the compiler libraries it links: it links
# the static archives itself (kiln_static_mlir_archives, and LLVM's
# component targets).
set(KILN_MLIR_LIBS "$<$<NOT:$<BOOL:$<TARGET_PROPERTY:KILN_STATIC_LLVM>>>:MLIR;LLVM>")

# kiln_compiler_library(NAME SOURCES... DEPENDS ... LIBS ...)
function(kiln_compiler_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${KILN_SOURCE_DIR} ${KILN_BINARY_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} ${KILN_MLIR_LIBS})
  target_compile_options(${name} PRIVATE ${KILN_WARNING_FLAGS} -fno-rtti)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
endfunction()

# kiln_static_llvm_archives(OUT LIB...): what linking the LLVM and MLIR
# libraries LIB... statically takes: their static archives (libLLVM*.a,
# libMLIR*.a), those of every LLVM and MLIR library they need, and the
# system libraries those need, found through the imported targets' link
# interfaces. Debian's MLIR names the shared libLLVM.so in those interfaces
# and is left out of them here; so is a system library that CMake did not
# find (zstd without its -dev package: LLVM's compression, unused by Kiln).
function(kiln_static_llvm_archives out)
  set(seen)
  set(archives)
  set(system)
  set(todo ${ARGN})
  while(todo)
    list(POP_FRONT todo lib)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
    if(lib STREQUAL "LLVM" OR lib STREQUAL "MLIR" OR lib IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${lib})
    if(NOT lib MATCHES "^(LLVM|MLIR|mlir_)")
      if(TARGET ${lib} OR NOT lib MATCHES "::")
        list(APPEND system ${lib})
      endif()
      continue()
    endif()
    if(NOT TARGET ${lib})
      message(FATAL_ERROR "kiln_static_llvm_archives: no LLVM or MLIR library ${lib}")
    endif()
    get_target_property(type ${lib} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      list(APPEND archives $<TARGET_FILE:${lib}>)
    endif()
    get_target_property(deps ${lib} INTERFACE_LINK_LIBRARIES)
    if(deps)
      list(APPEND todo ${deps})
    endif()
  endwhile()
  set(${out} ${archives} ${system} PARENT_SCOPE)
endfunction()
