#pragma once
// Schema checks with libxml2, the library behind xmllint, in the calling process: the
// simulator checks every EventService request with it, and the tests check what we send and
// what the simulator serves against the official gematik schemas (third_party/gematik-schemas)
// the same way on Linux and on Windows, where there is no xmllint to start.

#include <filesystem>
#include <string>

namespace tiservice::sim {

/// A libxml2 error callback that appends each message to the std::string `context` points to
/// (at most about 2 KiB in all, so a hostile document cannot grow it without bound).
__attribute__((format(printf, 2, 3))) void appendLibxml2Message(void* context, const char* format, ...);

/// Validates the whole document `xml` against the schema file `xsd` (its imports resolved
/// relative to it; no network, no DTD): "" if valid, else what libxml2 says, as
/// `xmllint --nonet --noout --schema xsd` would.
[[nodiscard]] std::string schemaProblems(const std::string& xml, const std::filesystem::path& xsd);

}  // namespace tiservice::sim
