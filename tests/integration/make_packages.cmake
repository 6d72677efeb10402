# The packages of the build in BUILD_DIR, made afresh into OUTPUT with CPack (the fixture the
# package tests need; ctest runs it first).
if(NOT BUILD_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DBUILD_DIR=<build> -DOUTPUT=<folder> -P make_packages.cmake")
endif()
file(REMOVE_RECURSE "${OUTPUT}")
execute_process(COMMAND "${CMAKE_CPACK_COMMAND}" --config "${BUILD_DIR}/CPackConfig.cmake" -B "${OUTPUT}"
  WORKING_DIRECTORY "${BUILD_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(REMOVE_RECURSE "${OUTPUT}/_CPack_Packages")
