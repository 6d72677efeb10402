#pragma once
// User-facing text: German first, English available.
//
// Every message of ours is written in German in the code, inside TIS_TEXT, and translated
// into English in translations/tiservice_en.ts with Qt's translation tools (lupdate collects
// the messages, Qt Linguist edits the English, lrelease compiles it into the core library):
//
//     Error{.message = TIS_TEXT("password", "Das Passwort ist zu kurz (%1 Zeichen).").arg(length)}
//
// A LocalizedText carries both languages at once, so a host can show either; tr() picks the
// current one. Texts that come with both languages from a data file (the approval catalog, an
// adapter's profile, a connector's release notes) enter through LocalizedText::fromData, and
// text that is the same in both languages (a name, a version) through LocalizedText::same.

#include <concepts>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "tiservice/core_export.h"

namespace tiservice {

enum class Language { German, English };

/// One user-facing text in both languages. Doctors and practice staff read it.
struct LocalizedText {
    std::string de;
    std::string en;

    LocalizedText() = default;
    /// Both languages as a data file gives them (catalog, adapter profile, release notes) or as a
    /// formatter writes them (a date: 28.11.2026 / 2026-11-28).
    [[nodiscard]] static LocalizedText fromData(std::string german, std::string english) {
        return LocalizedText(std::move(german), std::move(english));
    }
    /// Text that reads the same in both languages: a name, a version, an address.
    [[nodiscard]] static LocalizedText same(std::string text) { return LocalizedText(text, text); }

    [[nodiscard]] const std::string& in(Language language) const {
        return language == Language::English ? en : de;
    }
    [[nodiscard]] bool empty() const { return de.empty() && en.empty(); }
    /// Appends `more` in each language, with `separator` between when both sides have text.
    TISERVICE_CORE_EXPORT LocalizedText& append(const LocalizedText& more, std::string_view separator = " ");
    friend bool operator==(const LocalizedText&, const LocalizedText&) = default;

private:
    LocalizedText(std::string german, std::string english) : de(std::move(german)), en(std::move(english)) {}
    friend struct Message;
};

/// A value put into a message's %1, %2 …: the same in both languages (a number, a name, a
/// version) or a text with its own translation.
class MessageArgument {
public:
    MessageArgument(std::string_view text) : de_(text), en_(text) {}            // NOLINT: implicit by design
    MessageArgument(const std::string& text) : de_(text), en_(text) {}          // NOLINT
    MessageArgument(const char* text) : de_(text), en_(text) {}                 // NOLINT
    MessageArgument(const LocalizedText& text) : de_(text.de), en_(text.en) {}  // NOLINT
    template <std::integral Number>
    requires(!std::same_as<Number, bool> && !std::same_as<Number, char>) MessageArgument(Number n)
        : de_(std::to_string(n)), en_(de_) {}  // NOLINT

    [[nodiscard]] const std::string& in(Language language) const { return language == Language::English ? en_ : de_; }

private:
    std::string de_;
    std::string en_;
};

/// One message as written in the code: its context (a short name for the part of the product
/// it belongs to) and its German source text. Write it with TIS_TEXT so lupdate finds it.
struct Message {
    const char* context;
    const char* source;

    /// Both languages, %1 … %9 replaced in one pass (a value that itself contains "%2" stays).
    template <typename... Arguments>
    [[nodiscard]] LocalizedText arg(const Arguments&... arguments) const {
        return localize({MessageArgument(arguments)...});
    }
    operator LocalizedText() const { return localize({}); }  // NOLINT: implicit by design
    /// The message without placeholders in one language.
    [[nodiscard]] std::string in(Language language) const { return localize({}).in(language); }

private:
    [[nodiscard]] TISERVICE_CORE_EXPORT LocalizedText localize(std::initializer_list<MessageArgument> arguments) const;
};

/// A message of ours; lupdate knows it as QT_TRANSLATE_NOOP (see translations/README.md).
#define TIS_TEXT(context, german) (::tiservice::Message{context, german})

/// The English translation of a message from the compiled-in catalog; nullopt when it has none.
TISERVICE_CORE_EXPORT std::optional<std::string> englishTranslation(const char* context, const char* source);

/// Replaces %1 … %9 in `text` with the arguments, in one pass; "%" before anything else stays.
TISERVICE_CORE_EXPORT std::string fillPlaceholders(std::string_view text,
                                                   std::initializer_list<std::string_view> values);

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

/// A message without placeholders in the current language.
[[nodiscard]] inline std::string tr(const Message& message) { return LocalizedText(message).in(currentLanguage()); }

/// "de" or "en".
TISERVICE_CORE_EXPORT std::string_view languageTag(Language language);

}  // namespace tiservice
