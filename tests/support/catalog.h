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

}  // namespace tiservice::testing
