#pragma once
// The translation catalog (translations/tiservice_en.ts) as tests see it: its messages, and
// the pieces of each language, to check that output in one language carries no text of the other.

#include <filesystem>
#include <string>
#include <vector>

namespace tiservice::testing {

/// translations/tiservice_en.ts in the source tree.
std::filesystem::path catalogFile();

struct CatalogMessage {
    std::string context, source, translation;
    std::string type;  ///< "unfinished", "vanished", "obsolete" or empty for a finished one
};

/// Every message of a Qt Linguist file, in file order.
std::vector<CatalogMessage> readCatalog(const std::filesystem::path& file = catalogFile());

/// Pieces of the catalog's messages that belong to one language only: runs of at least 12
/// characters between placeholders and line breaks that do not appear in the other language.
/// `english` chooses the English pieces (else the German ones). Read once per test process.
const std::vector<std::string>& catalogFragments(bool english);

/// The fragments of the language *not* wanted that occur in `output`; empty when the output is
/// all in the wanted language.
std::vector<std::string> otherLanguageIn(const std::string& output, bool wantEnglish);

/// What a doctor must not meet in a German screen: an English word from a short list
/// ("failed", "broken", "root", …), a raw code in brackets ("(version-not-confirmed)"),
/// "vor 0 Tagen", "1 Hinweise". One line per finding, with the line it is in; empty when clean.
/// `output` is what a person reads: a host's own markers (notice ids, menu ids) removed first.
std::vector<std::string> foreignInGerman(const std::string& output);

/// The sample host's output as its PVS would show it: without the notice id after each notice,
/// the menu ids, the "== Menü: … ==" lines and file paths.
std::string asPersonSeesIt(const std::string& sampleHostOutput);

}  // namespace tiservice::testing
