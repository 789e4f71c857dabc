# Builds the consumer project against the library, by find_package after an install into a
# private prefix or by add_subdirectory, and runs its program for each library. After the install,
# it also builds them by hand with the flags the pkg-config files give.
#   cmake -DMODE=find_package|add_subdirectory -DSOURCE_DIR=… -DWORK_DIR=… -P run.cmake

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(consumer_source ${SOURCE_DIR}/tests/packaging/consumer)
set(generator_options -DCMAKE_BUILD_TYPE=Release)

if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/library ${generator_options}
      -DLOYALTY_BUILD_TESTS=OFF -DLOYALTY_BUILD_EXAMPLES=OFF -DLOYALTY_BUILD_BENCHMARKS=OFF -DLOYALTY_BUILD_CLI=OFF
      -DLOYALTY_INSTALL=ON
      -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/library --parallel 2)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/library)
  run(${CMAKE_COMMAND} -S ${consumer_source} -B ${WORK_DIR}/consumer ${generator_options}
      -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
elseif(MODE STREQUAL "add_subdirectory")
  run(${CMAKE_COMMAND} -S ${consumer_source} -B ${WORK_DIR}/consumer ${generator_options}
      -DLOYALTY_SOURCE=${SOURCE_DIR})
else()
  message(FATAL_ERROR "MODE must be find_package or add_subdirectory")
endif()

# Runs a consumer, whose output must match `expected`, and prints that output.
function(run_consumer expected)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  if(NOT result EQUAL 0 OR NOT output MATCHES "${expected}")
    message(FATAL_ERROR "failed (${result}): ${ARGN}\n${output}${errors}")
  endif()
  message(STATUS "${output}")
endfunction()

# The flags pkg-config gives for `package`, as a list.
function(pkg_config_flags package into)
  execute_process(COMMAND pkg-config --cflags --libs ${package} RESULT_VARIABLE result OUTPUT_VARIABLE flags
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "pkg-config knows no ${package}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(${into} ${flags} PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer --parallel 2)
# s01 gives a point per dollar: 60.50 paid is 60 points, whichever library the host links.
set(rules ${SOURCE_DIR}/rules/s01-points-threshold.yaml)
run_consumer("^consumer: 60 points" ${WORK_DIR}/consumer/consumer ${rules})
run_consumer("^ledger consumer: 60 points" ${WORK_DIR}/consumer/ledger_consumer ${rules} ${WORK_DIR}/consumer.db)
run_consumer("^C consumer: 60 points" ${WORK_DIR}/consumer/c_consumer ${rules})

if(MODE STREQUAL "find_package")
  file(GLOB pc_dir LIST_DIRECTORIES true ${WORK_DIR}/prefix/lib*/pkgconfig ${WORK_DIR}/prefix/lib/*/pkgconfig)
  get_filename_component(library_dir "${pc_dir}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  set(ENV{LD_LIBRARY_PATH} "${library_dir}")
  pkg_config_flags(loyalty loyalty_flags)
  pkg_config_flags(loyalty-sqlite-ledger ledger_flags)
  pkg_config_flags(loyalty-c c_flags)
  run(c++ -std=c++17 ${consumer_source}/main.cpp ${loyalty_flags} -o ${WORK_DIR}/pc_consumer)
  run(c++ -std=c++17 ${consumer_source}/ledger_main.cpp ${ledger_flags} -o ${WORK_DIR}/pc_ledger_consumer)
  run(cc -std=c11 ${consumer_source}/c_main.c ${c_flags} -o ${WORK_DIR}/pc_c_consumer)
  run_consumer("^consumer: 60 points" ${WORK_DIR}/pc_consumer ${rules})
  run_consumer("^ledger consumer: 60 points" ${WORK_DIR}/pc_ledger_consumer ${rules} ${WORK_DIR}/pc.db)
  run_consumer("^C consumer: 60 points" ${WORK_DIR}/pc_c_consumer ${rules})
endif()
