# Install rules (cmake --install BUILD [--prefix DIR]):
#   bin/                 the tools
#   lib/                 the runtime libraries (static, position independent)
#   include/kiln/        public headers, kiln/c/*.h for emitted C included
#   share/kiln/imports/  the hal, check and io_parameters modules' import
#                        declarations
#   share/doc/kiln/      the docs, with the generated op reference
#   lib/cmake/Kiln/      the CMake package: imported targets Kiln::runtime,
#                        Kiln::bytecode, Kiln::modules, Kiln::io_parameters,
#                        Kiln::cmodule,
#                        Kiln::tooling, Kiln::c_headers and the tools as
#                        Kiln::vm-translate etc.; kiln_add_bytecode_module
#                        and kiln_add_c_module (KilnModules.cmake)
#   lib/pkgconfig/       kiln-runtime.pc
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(KILN_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Kiln)

# Library targets and the names they are exported under (Kiln::NAME).
set(_kiln_export_libraries
  kiln_runtime runtime
  kiln_c_headers c_headers
  kiln_bytecode_schema bytecode_schema
  kiln_bytecode_disasm bytecode_disasm
  kiln_bytecode bytecode
  kiln_modules modules
  kiln_io_parameters io_parameters
  kiln_cmodule cmodule
  kiln_tooling tooling)
set(_kiln_install_targets)
while(_kiln_export_libraries)
  list(POP_FRONT _kiln_export_libraries _target _export_name)
  if(TARGET ${_target})
    set_target_properties(${_target} PROPERTIES EXPORT_NAME ${_export_name})
    list(APPEND _kiln_install_targets ${_target})
  endif()
endwhile()
foreach(_tool vm-opt vm-translate run-module dump-module benchmark-module kiln-params)
  if(TARGET ${_tool})
    # The compiler tools find libMLIR.so / libLLVM.so where they were linked
    # from (Debian keeps them outside the default search path).
    set_target_properties(${_tool} PROPERTIES INSTALL_RPATH_USE_LINK_PATH TRUE)
    list(APPEND _kiln_install_targets ${_tool})
  endif()
endforeach()

install(TARGETS ${_kiln_install_targets}
  EXPORT KilnTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT KilnTargets
  NAMESPACE Kiln::
  FILE KilnTargets.cmake
  DESTINATION ${KILN_INSTALL_CMAKE_DIR})

install(DIRECTORY ${KILN_SOURCE_DIR}/runtime/include/kiln
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${KILN_SOURCE_DIR}/runtime/imports/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/kiln/imports
  FILES_MATCHING PATTERN "*.mlir")
install(DIRECTORY ${KILN_SOURCE_DIR}/docs/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md")
install(DIRECTORY ${CMAKE_BINARY_DIR}/docs/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  OPTIONAL
  FILES_MATCHING PATTERN "*.md")

configure_package_config_file(
  ${KILN_SOURCE_DIR}/cmake/KilnConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/KilnConfig.cmake
  INSTALL_DESTINATION ${KILN_INSTALL_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cmake/KilnConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/cmake/KilnConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/KilnConfigVersion.cmake
  ${KILN_SOURCE_DIR}/cmake/KilnModules.cmake
  ${KILN_SOURCE_DIR}/cmake/KilnEmbedBinary.cmake
  DESTINATION ${KILN_INSTALL_CMAKE_DIR})

# pkg-config for host programs that link the runtime without CMake. The
# archives depend on each other in this order.
configure_file(${KILN_SOURCE_DIR}/cmake/kiln-runtime.pc.in
  ${CMAKE_BINARY_DIR}/kiln-runtime.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/kiln-runtime.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
