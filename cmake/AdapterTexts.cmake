# cmake -DCATALOG=<tiservice_en.ts> -DCONTEXT=<context> -DOUTPUT=<file.cpp> -P AdapterTexts.cmake
#
# The adapter's own messages (TIS_TEXT("adapter", …) in plugins/sdk) with their English from the
# catalog, as a C++ table: the adapter speaks both languages without Qt in the practice
# software's process. A message of that context without its English stops the build.

file(READ "${CATALOG}" ts)
string(FIND "${ts}" "<name>${CONTEXT}</name>" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${CATALOG}: no context \"${CONTEXT}\" (run the update_translations target)")
endif()
string(SUBSTRING "${ts}" ${at} -1 ts)
string(FIND "${ts}" "</context>" end)
string(SUBSTRING "${ts}" 0 ${end} ts)

function(_unescape out text)
  string(REPLACE "&lt;" "<" text "${text}")
  string(REPLACE "&gt;" ">" text "${text}")
  string(REPLACE "&quot;" "\"" text "${text}")
  string(REPLACE "&apos;" "'" text "${text}")
  string(REPLACE "&amp;" "&" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
function(_literal out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# A ";" in a text would split the list of messages below: it travels as \x01 until each is read.
string(ASCII 1 semicolon)
string(REPLACE ";" "${semicolon}" ts "${ts}")

set(rows "")
set(count 0)
# Each <message>: its <source> and its <translation> (neither holds a raw "<": XML escapes it).
string(REGEX MATCHALL "<message>[^<]*<source>[^<]*</source>[^<]*<translation[^>]*>[^<]*</translation>" messages "${ts}")
foreach(m IN LISTS messages)
  string(REGEX MATCH "<source>([^<]*)</source>" _ "${m}")
  set(source "${CMAKE_MATCH_1}")
  string(REGEX MATCH "<translation([^>]*)>([^<]*)</translation>" _ "${m}")
  set(attributes "${CMAKE_MATCH_1}")
  set(translation "${CMAKE_MATCH_2}")
  string(REPLACE "${semicolon}" ";" source "${source}")
  string(REPLACE "${semicolon}" ";" translation "${translation}")
  _unescape(source "${source}")
  _unescape(translation "${translation}")
  if(translation STREQUAL "" OR attributes MATCHES "unfinished")
    message(FATAL_ERROR "${CATALOG}: \"${source}\" (${CONTEXT}) has no English yet")
  endif()
  _literal(de "${source}")
  _literal(en "${translation}")
  string(APPEND rows "    {${de}, ${en}},\n")
  math(EXPR count "${count} + 1")
endforeach()

file(WRITE "${OUTPUT}.tmp" "// Generated from the catalog (context ${CONTEXT}) by cmake/AdapterTexts.cmake: ${count} messages.
#include \"adapter_texts.h\"

namespace tiservice::plugin_sdk {
namespace {
const AdapterText kTable[] = {
${rows}};
}  // namespace
const std::span<const AdapterText> kAdapterTexts{kTable};
}  // namespace tiservice::plugin_sdk
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
