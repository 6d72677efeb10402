#include "tiservice/i18n.h"
#include "tiservice/error.h"

#include <atomic>
#include <cctype>
#include <cstdlib>

namespace tiservice {
namespace {

std::atomic<Language>& languageSlot() {
    static std::atomic<Language> slot{languageFromEnvironment()};
    return slot;
}

}  // namespace

std::optional<Language> parseLanguage(std::string_view tag) {
    // Only the language part counts: "de_AT.UTF-8@euro" → "de".
    std::string lang;
    for (char c : tag) {
        if (c == '_' || c == '-' || c == '.' || c == '@') break;
        lang += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lang == "de" || lang == "deutsch" || lang == "german") return Language::German;
    if (lang == "en" || lang == "english" || lang == "englisch") return Language::English;
    return std::nullopt;
}

Language languageFromEnvironment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') continue;
        // The first variable that is set decides, as POSIX says; "C" or an unknown
        // language falls back to German, the product's first language.
        return parseLanguage(value).value_or(Language::German);
    }
    return Language::German;
}

Language currentLanguage() { return languageSlot().load(std::memory_order_relaxed); }

void setCurrentLanguage(Language language) {
    languageSlot().store(language, std::memory_order_relaxed);
}

std::string_view languageTag(Language language) {
    return language == Language::English ? "en" : "de";
}

std::string Error::describe(Language language) const {
    std::string text = message.in(language);
    const std::string& next = action.in(language);
    if (!next.empty()) {
        if (!text.empty()) text += ' ';
        text += next;
    }
    return text;
}

}  // namespace tiservice
