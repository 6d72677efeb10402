# The packages as a practice installs them, and their test (label "packages"): built from the
# plain build (packages of a sanitizer build would need the sanitizer runtimes).
if(NOT TISERVICE_SANITIZE)
  # Packages of a sanitizer build would need the sanitizer runtimes; the plain build is packaged.
  # CPack once (a fixture: packages.cpack runs before any test that needs the packages).
  set(_packages "${CMAKE_BINARY_DIR}/test-packages")
  add_test(NAME packages.cpack COMMAND "${CMAKE_COMMAND}" -DBUILD_DIR=${CMAKE_BINARY_DIR} -DOUTPUT=${_packages}
    -P "${CMAKE_CURRENT_SOURCE_DIR}/make_packages.cmake")
  set_tests_properties(packages.cpack PROPERTIES FIXTURES_SETUP tiservice_packages LABELS packages TIMEOUT 600)
  tiservice_add_test(packages_test SOURCES packages_test.cpp LABEL packages
    PROPERTIES FIXTURES_REQUIRED tiservice_packages)
  target_compile_definitions(packages_test PRIVATE TISERVICE_TEST_PACKAGES_DIR="${_packages}")
  add_dependencies(packages_test tiservice tiservice-gui tiservice-host konnektor-sim tiservice-tuf tiservice-repo
    tiservice_adapter_medistar tiservice_adapter_albis tiservice_adapter_z1 tiservice_adapter_turbomed tiservice_adapter_chremasoft)
endif()
