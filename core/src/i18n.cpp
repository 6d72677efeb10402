#include "tiservice/i18n.h"
#include "tiservice/error.h"

#include <QString>
#include <QTranslator>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

// translations/tiservice_en.ts compiled by lrelease and embedded by cmake/EmbedFile.cmake.
extern "C" const unsigned char tiservice_translations_en_qm[];
extern "C" const unsigned long tiservice_translations_en_qm_size;

namespace tiservice {
namespace {

// The English catalog, loaded once from the bytes compiled into this library. A QTranslator
// needs no QCoreApplication, so adapters inside a host that has none translate all the same.
// It lives as long as this library: a practice software that unloads the adapter to load a
// new version gets its memory back (a catalog leaked at each load was found by the sanitizer
// suite once the library really unloaded).
const QTranslator& englishCatalog() {
    static const std::unique_ptr<QTranslator> catalog = [] {
        std::unique_ptr<QTranslator> t;
        // Made on a thread of its own: a QObject made on the practice software's UI thread would
        // make that thread one of Qt's, and Qt's bookkeeping for it outlives an unloaded adapter.
        // The catalog then belongs to no thread at all (it needs no events): Qt takes the first
        // thread it meets for its main thread, and a helper that stayed so would leave the real
        // main thread's bookkeeping unowned at exit (the sanitizer build found it in every
        // `tiservice` run that wrote a file after the first translated message).
        std::thread([&t] {
            t = std::make_unique<QTranslator>();
            t->moveToThread(nullptr);
            // A catalog that does not load leaves every message German; the translation test
            // (tests/unit/translations_test.cpp) fails long before such a build ships.
            (void)t->load(tiservice_translations_en_qm, static_cast<int>(tiservice_translations_en_qm_size));
        }).join();
        return t;
    }();
    return *catalog;
}

std::string fill(std::string_view text, const std::string_view* values, std::size_t count) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const auto index = static_cast<std::size_t>(text[i + 1] - '1');
            if (index < count) {
                out += values[index];
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::atomic<Language>& languageSlot() {
    static std::atomic<Language> slot{languageFromEnvironment()};
    return slot;
}

}  // namespace

std::optional<std::string> englishTranslation(const char* context, const char* source) {
    // QTranslator is documented as reentrant, not thread-safe; the engine thread of an adapter
    // and the host's thread may both look up a message, so one at a time.
    static std::mutex lookup;
    QString english;
    {
        std::lock_guard lock(lookup);
        english = englishCatalog().translate(context, source);
    }
    if (english.isEmpty()) return std::nullopt;
    return english.toStdString();
}

std::string fillPlaceholders(std::string_view text, std::initializer_list<std::string_view> values) {
    return fill(text, values.begin(), values.size());
}

LocalizedText Message::localize(std::initializer_list<MessageArgument> arguments) const {
    std::vector<std::string_view> de, en;
    de.reserve(arguments.size());
    en.reserve(arguments.size());
    for (const auto& a : arguments) {
        de.emplace_back(a.in(Language::German));
        en.emplace_back(a.in(Language::English));
    }
    const std::optional<std::string> english = englishTranslation(context, source);
    return LocalizedText(fill(source, de.data(), de.size()),
                         fill(english ? std::string_view(*english) : std::string_view(source), en.data(), en.size()));
}

LocalizedText& LocalizedText::append(const LocalizedText& more, std::string_view separator) {
    auto join = [separator](std::string& to, const std::string& add) {
        if (add.empty()) return;
        if (!to.empty()) to += separator;
        to += add;
    };
    join(de, more.de);
    join(en, more.en);
    return *this;
}

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

std::string Error::describe(Language language) const { return text().in(language); }

}  // namespace tiservice
