#pragma once
// User-facing text: German first, English available.

#include <string>
#include <string_view>
#include <optional>

#include "tiservice/core_export.h"

namespace tiservice {

enum class Language { German, English };

/// One user-facing text in both languages. Doctors and practice staff read it.
struct LocalizedText {
    std::string de;
    std::string en;

    [[nodiscard]] const std::string& in(Language language) const {
        return language == Language::English ? en : de;
    }
    [[nodiscard]] bool empty() const { return de.empty() && en.empty(); }
    friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

/// "de", "de_DE.UTF-8", "en", "en_GB" ... → the language; anything else → nullopt.
TISERVICE_CORE_EXPORT std::optional<Language> parseLanguage(std::string_view tag);

/// The language the environment asks for: LC_ALL, then LC_MESSAGES, then LANG, as POSIX
/// orders them. German when none of them names German or English.
TISERVICE_CORE_EXPORT Language languageFromEnvironment();

/// The process-wide language for user-facing text. [thread-safe]
TISERVICE_CORE_EXPORT Language currentLanguage();
TISERVICE_CORE_EXPORT void setCurrentLanguage(Language language);

/// The text in the current language.
[[nodiscard]] inline const std::string& tr(const LocalizedText& text) {
    return text.in(currentLanguage());
}

/// "de" or "en".
TISERVICE_CORE_EXPORT std::string_view languageTag(Language language);

}  // namespace tiservice
