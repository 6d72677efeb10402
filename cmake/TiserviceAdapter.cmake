# tiservice_add_adapter(<id> <profile.json> [OUTPUT_DIRECTORY <dir>]
#                       [INSTALL_DESTINATION <dir> [COMPONENT <component>]])
#
# A host adapter for one practice software: the SDK's code with the profile built in as C++ data,
# as the loadable module libtiservice_adapter_<id>.so (tiservice_adapter_<id>.dll on Windows). Used
# in this tree for the shipped adapters and installed with the SDK (find_package(tiservice)) for
# PVS vendors' own. The profile is read and checked here, when the build is configured: a
# profile with a mistake never becomes an adapter. TISERVICE_ADAPTER_ENTRY names the entry-point
# template (plugins/sdk/adapter_entry.cpp.in); TISERVICE_ADAPTER_VERSION the version in the
# manifest; TISERVICE_ENGINE_INSTALLED (set by the installed SDK) where tiservice-engine is, for an
# adapter that is not installed beside it.

# A C++ string literal of `text` (UTF-8 passes as it is; quotes, backslashes and line breaks escaped).
function(_tiservice_cxx_literal out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# The profile's string at the JSON path (one or more members); FATAL_ERROR naming it when missing
# or not a string, unless OPTIONAL is given (then "").
function(_tiservice_profile_string out profile_file json)
  cmake_parse_arguments(ARG "OPTIONAL" "" "PATH" ${ARGN})
  string(JSON type ERROR_VARIABLE error TYPE "${json}" ${ARG_PATH})
  if(error OR NOT type STREQUAL "STRING")
    if(ARG_OPTIONAL AND error)
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    string(REPLACE ";" "." where "${ARG_PATH}")
    message(FATAL_ERROR "${profile_file}: \"${where}\" fehlt oder ist kein Text / is missing or not a text")
  endif()
  string(JSON value GET "${json}" ${ARG_PATH})
  string(ASCII 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 127 controls)
  if(value MATCHES "[${controls}]")
    string(REPLACE ";" "." where "${ARG_PATH}")
    message(FATAL_ERROR "${profile_file}: \"${where}\" enthält Steuerzeichen / holds control characters")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The C++ data of one profile (built as the adapter `id`; its manifest names the profile's own id as
# the host it is for), checked: id, name, vendor, settings, menu (each entry with id, label
# in de and en, location and one of the actions update/check/password/history/plan), notice style,
# wording, check interval; and the manifest JSON.
function(_tiservice_adapter_profile_code out id profile_file)
  file(READ "${profile_file}" json)
  string(JSON type ERROR_VARIABLE error TYPE "${json}")
  if(error OR NOT type STREQUAL "OBJECT")
    message(FATAL_ERROR "${profile_file}: kein JSON-Objekt / not a JSON object: ${error}")
  endif()
  _tiservice_profile_string(pid "${profile_file}" "${json}" PATH id)
  if(NOT pid MATCHES "^[a-z0-9_-]+$")
    message(FATAL_ERROR "${profile_file}: \"id\" darf nur a-z, 0-9, _ und - enthalten / may hold only a-z, 0-9, _ and -")
  endif()
  _tiservice_profile_string(name "${profile_file}" "${json}" PATH name)
  _tiservice_profile_string(vendor "${profile_file}" "${json}" PATH vendor OPTIONAL)
  if(name MATCHES "[\"\\\\]")
    message(FATAL_ERROR "${profile_file}: \"name\" darf weder \" noch \\ enthalten / may hold neither \" nor \\")
  endif()

  set(code "")
  # Settings: our key → the host's name for it.
  set(settings_code "")
  string(JSON type ERROR_VARIABLE error TYPE "${json}" settings)
  set(setting_count 0)
  if(NOT error)
    if(NOT type STREQUAL "OBJECT")
      message(FATAL_ERROR "${profile_file}: \"settings\" ist kein Objekt / is not an object")
    endif()
    string(JSON setting_count LENGTH "${json}" settings)
    if(setting_count GREATER 0)
      math(EXPR last "${setting_count} - 1")
      foreach(i RANGE ${last})
        string(JSON ours MEMBER "${json}" settings ${i})
        if(NOT ours MATCHES "^[a-z_]+\\.[a-z_]+$")
          message(FATAL_ERROR "${profile_file}: \"settings\": \"${ours}\" ist kein Schlüssel von tiservice.ini (Abschnitt.Schlüssel) / is no key of tiservice.ini")
        endif()
        _tiservice_profile_string(theirs "${profile_file}" "${json}" PATH settings ${ours})
        _tiservice_cxx_literal(a "${ours}")
        _tiservice_cxx_literal(b "${theirs}")
        string(APPEND settings_code "    {${a}, ${b}},\n")
      endforeach()
    endif()
  endif()
  if(setting_count EQUAL 0)
    string(APPEND code "constexpr std::span<const tiservice::plugin_sdk::SettingName> kSettings{};\n")
  else()
    string(APPEND code "constexpr tiservice::plugin_sdk::SettingName kSettingNames[] = {\n${settings_code}};\n")
    string(APPEND code "constexpr std::span<const tiservice::plugin_sdk::SettingName> kSettings{kSettingNames};\n")
  endif()

  # The menu.
  string(JSON type ERROR_VARIABLE error TYPE "${json}" menu)
  if(error OR NOT type STREQUAL "ARRAY")
    message(FATAL_ERROR "${profile_file}: \"menu\" fehlt / is missing")
  endif()
  string(JSON menu_count LENGTH "${json}" menu)
  if(menu_count EQUAL 0)
    message(FATAL_ERROR "${profile_file}: \"menu\" ist leer / is empty")
  endif()
  math(EXPR last "${menu_count} - 1")
  set(menu_code "")
  foreach(i RANGE ${last})
    _tiservice_profile_string(entry_id "${profile_file}" "${json}" PATH menu ${i} id)
    _tiservice_profile_string(label_de "${profile_file}" "${json}" PATH menu ${i} label de)
    _tiservice_profile_string(label_en "${profile_file}" "${json}" PATH menu ${i} label en)
    _tiservice_profile_string(location "${profile_file}" "${json}" PATH menu ${i} location)
    _tiservice_profile_string(action "${profile_file}" "${json}" PATH menu ${i} action)
    if(NOT action MATCHES "^(update|check|password|history|plan)$")
      message(FATAL_ERROR "${profile_file}: menu ${i}: \"action\" \"${action}\" ist keine von / is none of update, check, password, history, plan")
    endif()
    foreach(v entry_id label_de label_en location action)
      _tiservice_cxx_literal(${v}_lit "${${v}}")
    endforeach()
    string(APPEND menu_code "    {${entry_id_lit}, {${label_de_lit}, ${label_en_lit}}, ${location_lit}, ${action_lit}},\n")
  endforeach()
  string(APPEND code "constexpr tiservice::plugin_sdk::MenuEntry kMenu[] = {\n${menu_code}};\n")

  # How notices look, the wording, the interval.
  _tiservice_profile_string(style "${profile_file}" "${json}" PATH notices style OPTIONAL)
  if(style STREQUAL "" OR style STREQUAL "banner")
    set(style_code TIS_NOTICE_BANNER)
  elseif(style STREQUAL "modal")
    set(style_code TIS_NOTICE_MODAL)
  elseif(style STREQUAL "task-list")
    set(style_code TIS_NOTICE_TASK_LIST)
  else()
    message(FATAL_ERROR "${profile_file}: notices.style \"${style}\" ist keine von / is none of banner, modal, task-list")
  endif()
  foreach(w statusTitle updateAction)
    _tiservice_profile_string(${w}_de "${profile_file}" "${json}" PATH wording ${w} de OPTIONAL)
    _tiservice_profile_string(${w}_en "${profile_file}" "${json}" PATH wording ${w} en OPTIONAL)
    if(${w}_de STREQUAL "")
      set(${w}_code "{}")
    else()
      _tiservice_cxx_literal(de "${${w}_de}")
      _tiservice_cxx_literal(en "${${w}_en}")
      set(${w}_code "{${de}, ${en}}")
    endif()
  endforeach()
  string(JSON interval ERROR_VARIABLE error GET "${json}" checkIntervalMinutes)
  if(error)
    set(interval 240)
  elseif(NOT interval MATCHES "^[0-9]+$" OR interval LESS 1 OR interval GREATER 10080)
    message(FATAL_ERROR "${profile_file}: \"checkIntervalMinutes\" muss 1 bis 10080 sein / must be 1 to 10080")
  endif()

  # The manifest, readable before anything is created (plugin.h).
  set(manifest "{\"abi\":1,\"compat\":\"1.0\",\"host\":\"${pid}\",\"id\":\"tiservice.${pid}\",\"name\":\"tiservice für ${name}\",\"vendor\":\"tiservice\",\"version\":\"${TISERVICE_ADAPTER_VERSION}\"}")
  _tiservice_cxx_literal(manifest_lit "${manifest}")
  _tiservice_cxx_literal(id_lit "${pid}")
  _tiservice_cxx_literal(name_lit "${name}")
  _tiservice_cxx_literal(vendor_lit "${vendor}")
  string(APPEND code "constexpr const char* kManifest = ${manifest_lit};\n")
  _tiservice_cxx_literal(engine_lit "${TISERVICE_ENGINE_INSTALLED}")
  string(APPEND code "const tiservice::plugin_sdk::AdapterProfile kProfile{\n"
    "    .id = ${id_lit},\n    .name = ${name_lit},\n    .vendor = ${vendor_lit},\n"
    "    .settings = kSettings,\n    .menu = kMenu,\n    .style = ${style_code},\n"
    "    .statusTitle = ${statusTitle_code},\n    .updateAction = ${updateAction_code},\n"
    "    .checkIntervalMinutes = ${interval},\n    .manifest = kManifest,\n    .engine = ${engine_lit}};\n")
  set(${out} "${code}" PARENT_SCOPE)
endfunction()

function(tiservice_add_adapter id profile)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY;INSTALL_DESTINATION;COMPONENT" "" ${ARGN})
  _tiservice_adapter_profile_code(ADAPTER_PROFILE_CODE "${id}" "${profile}")
  set(ADAPTER_ID "${id}")
  configure_file("${TISERVICE_ADAPTER_ENTRY}" "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.cpp" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${profile}")
  set(target tiservice_adapter_${id})
  add_library(${target} MODULE "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.cpp")
  target_link_libraries(${target} PRIVATE tiservice::plugin_sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "tiservice_adapter_${id}"
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # The module exports its entry point and nothing else: an exported template of the C++ library
  # could be bound by a library that is never unloaded, and the adapter would stay in the practice
  # software's process after dlclose.
  if(NOT WIN32)
    set(map "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.map")
    file(CONFIGURE OUTPUT "${map}" CONTENT "{\n  global: tis_plugin_entry;\n  local: *;\n};\n")
    target_link_options(${target} PRIVATE "LINKER:--version-script=${map}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${map}")
    # The C++ runtime inside, hidden: a practice software (a C, Delphi or Java program) loads one
    # library instead of four -- about 1 ms and 1 MiB instead of 3 ms and 2.3 MiB. Not in a
    # sanitizer build, whose runtime must see every allocation.
    if(NOT TISERVICE_SANITIZE)
      target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    endif()
  else()
    # Windows: tiservice_adapter_<id>.dll, whose export table holds tis_plugin_entry alone, with
    # the C++ runtime inside: it needs no DLL but Windows' own.
    set(def "${CMAKE_CURRENT_BINARY_DIR}/tiservice_adapter_${id}.def")
    file(CONFIGURE OUTPUT "${def}" CONTENT "LIBRARY tiservice_adapter_${id}.dll\nEXPORTS\n  tis_plugin_entry DATA\n")
    target_sources(${target} PRIVATE "${def}")
    set_target_properties(${target} PROPERTIES PREFIX "")
    target_link_options(${target} PRIVATE "LINKER:--exclude-all-symbols" -static)
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
  if(ARG_INSTALL_DESTINATION)
    if(NOT ARG_COMPONENT)
      set(ARG_COMPONENT "adapter-${id}")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${ARG_INSTALL_DESTINATION}" COMPONENT ${ARG_COMPONENT})
  endif()
endfunction()
