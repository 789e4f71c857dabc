# install + export + loyalty-config.cmake + version file, for find_package(loyalty).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(loyalty_config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/loyalty)

set(loyalty_exported_targets loyalty)
if(LOYALTY_SQLITE_LEDGER)
  list(APPEND loyalty_exported_targets loyalty_sqlite_ledger loyalty_c)
endif()
install(TARGETS ${loyalty_exported_targets} EXPORT loyalty-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/loyalty DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(LOYALTY_BUILD_CLI)
  install(TARGETS loyalty_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT loyalty-targets NAMESPACE loyalty:: DESTINATION ${loyalty_config_dir})

# A static library brings its private dependencies into the consumer's link: the config finds them.
get_target_property(loyalty_library_type loyalty TYPE)
if(loyalty_library_type STREQUAL "STATIC_LIBRARY")
  set(LOYALTY_STATIC_LIBRARIES ON)
else()
  set(LOYALTY_STATIC_LIBRARIES OFF)
endif()
# pkg-config files, one per library. A static library's dependencies are the consumer's to link:
# they are required outright rather than only for `pkg-config --static`.
file(RELATIVE_PATH pc_relative_prefix ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
function(loyalty_pkg_config name requires dependencies dependency_libs)
  set(pc_requires "${requires}")
  set(pc_requires_private "")
  set(pc_libs "")
  set(pc_libs_private "")
  if(LOYALTY_STATIC_LIBRARIES)
    list(APPEND pc_requires ${dependencies})
    set(pc_libs "${dependency_libs}")
  else()
    set(pc_requires_private "${dependencies}")
    set(pc_libs_private "${dependency_libs}")
  endif()
  list(JOIN pc_requires ", " pc_requires)
  list(JOIN pc_requires_private ", " pc_requires_private)
  configure_file(cmake/${name}.pc.in ${PROJECT_BINARY_DIR}/${name}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${name}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endfunction()
loyalty_pkg_config(loyalty "" "yaml-cpp" "-pthread")
if(LOYALTY_SQLITE_LEDGER)
  # loyalty is required either way: its headers and calls are the ledger's host's too.
  loyalty_pkg_config(loyalty-sqlite-ledger "loyalty = ${PROJECT_VERSION}" "sqlite3;libzstd" "")
  configure_file(cmake/loyalty-c.pc.in ${PROJECT_BINARY_DIR}/loyalty-c.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/loyalty-c.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()

configure_package_config_file(cmake/loyalty-config.cmake.in
                              ${PROJECT_BINARY_DIR}/loyalty-config.cmake
                              INSTALL_DESTINATION ${loyalty_config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/loyalty-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/loyalty-config.cmake
              ${PROJECT_BINARY_DIR}/loyalty-config-version.cmake
        DESTINATION ${loyalty_config_dir})
