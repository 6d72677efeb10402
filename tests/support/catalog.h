#pragma once
// The translation catalog (translations/tiservice_en.ts) as tests see it: to check that output in
// one language carries no text of the other.

#include <string>
#include <vector>

namespace tiservice::testing {

/// Pieces of the catalog's messages that belong to one language only: runs of at least 12
/// characters between placeholders and line breaks that do not appear in the other language.
/// `english` chooses the English pieces (else the German ones).
std::vector<std::string> catalogFragments(bool english);

/// The fragments of the language *not* wanted that occur in `output`; empty when the output is
/// all in the wanted language.
std::vector<std::string> otherLanguageIn(const std::string& output, bool wantEnglish);

}  // namespace tiservice::testing
