# Builds the consumer project against the library, by find_package after an install into a
# private prefix or by add_subdirectory, and runs it.
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
      -DLOYALTY_BUILD_TESTS=OFF -DLOYALTY_BUILD_EXAMPLES=OFF -DLOYALTY_BUILD_CLI=OFF -DLOYALTY_INSTALL=ON
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

run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer --parallel 2)
run(${WORK_DIR}/consumer/consumer ${SOURCE_DIR}/rules/s01-points-threshold.yaml)
