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
configure_package_config_file(cmake/loyalty-config.cmake.in
                              ${PROJECT_BINARY_DIR}/loyalty-config.cmake
                              INSTALL_DESTINATION ${loyalty_config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/loyalty-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/loyalty-config.cmake
              ${PROJECT_BINARY_DIR}/loyalty-config-version.cmake
        DESTINATION ${loyalty_config_dir})
