// The translation catalog: every message of ours exists in German (the source text in the code)
// and in English (translations/tiservice_en.ts, compiled into the core library), and switching
// the language switches every one of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/catalog.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tiservice/i18n.h"

using namespace tiservice;
using namespace tiservice::testing;

namespace {

const std::filesystem::path kSourceDir = TISERVICE_SOURCE_DIR;
const std::filesystem::path kCatalog = catalogFile();

std::multiset<std::string> placeholders(const std::string& text) {
    std::multiset<std::string> found;
    static const std::regex kPlaceholder("%[1-9]");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kPlaceholder); it != std::sregex_iterator(); ++it)
        found.insert(it->str());
    return found;
}

// --- German text outside the catalog ------------------------------------------------------

struct Literal {
    std::size_t line = 0;
    std::string text;
    bool inMessage = false;  ///< an argument of TIS_TEXT(...)
    bool exempt = false;     ///< its line says "not translated: <why>"
};

/// The string literals of a C/C++ source, with whether each sits inside TIS_TEXT(...).
std::vector<Literal> literalsOf(const std::string& s) {
    std::vector<Literal> out;
    std::size_t line = 1, depth = 0;
    std::vector<std::size_t> messageDepths;  // paren depth at which a TIS_TEXT( opened
    std::set<std::size_t> exemptLines;
    auto isIdent = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\n') {
            ++line;
            ++i;
            continue;
        }
        if (s.compare(i, 2, "//") == 0) {
            const auto end = std::min(s.find('\n', i), s.size());
            if (s.substr(i, end - i).find("not translated:") != std::string::npos) exemptLines.insert(line);
            i = end;
            continue;
        }
        if (s.compare(i, 2, "/*") == 0) {
            const auto end = std::min(s.find("*/", i + 2), s.size());
            line += static_cast<std::size_t>(std::count(s.begin() + static_cast<std::ptrdiff_t>(i),
                                                        s.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
            i = end + 2;
            continue;
        }
        if (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1])))) {  // not 1'000
            std::size_t j = i + 1;
            while (j < s.size() && s[j] != '\'') j += s[j] == '\\' ? 2 : 1;
            i = j + 1;
            continue;
        }
        if (c == 'R' && i + 1 < s.size() && s[i + 1] == '"' && !(i > 0 && isIdent(s[i - 1]))) {
            const auto open = s.find('(', i + 2);
            const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
            const auto end = std::min(s.find(close, open), s.size());
            out.push_back({line, s.substr(open + 1, end - open - 1), !messageDepths.empty(), false});
            line += static_cast<std::size_t>(std::count(out.back().text.begin(), out.back().text.end(), '\n'));
            i = end + close.size();
            continue;
        }
        if (c == '"') {
            std::size_t j = i + 1;
            while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
            out.push_back({line, s.substr(i + 1, j - i - 1), !messageDepths.empty(), false});
            i = j + 1;
            continue;
        }
        if (s.compare(i, 9, "TIS_TEXT(") == 0 && !(i > 0 && isIdent(s[i - 1]))) {
            messageDepths.push_back(++depth);
            i += 9;
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')') {
            if (!messageDepths.empty() && messageDepths.back() == depth) messageDepths.pop_back();
            if (depth > 0) --depth;
        }
        ++i;
    }
    for (auto& l : out) l.exempt = exemptLines.count(l.line) > 0;
    return out;
}

/// Whether a literal reads as German: an umlaut or ß, or one of the common German words.
bool looksGerman(const std::string& text) {
    for (const char* umlaut : {"ä", "ö", "ü", "Ä", "Ö", "Ü", "ß"})
        if (text.find(umlaut) != std::string::npos) return true;
    static const std::set<std::string> kWords{
        "der",    "die",      "das",           "den",     "dem",          "ist",     "sind",        "nicht",
        "und",    "oder",     "bitte",         "Bitte",   "wird",         "kein",    "keine",       "eine",
        "einen",  "mit",      "Sie",           "noch",    "jetzt",        "Jetzt",   "Konnektor",   "Passwort",
        "Fehler", "Datei",    "Einstellungen", "geplant", "gestartet",    "beendet", "erfolgreich", "Abbrechen",
        "Fertig", "Ja",       "Nein",          "Zeit",    "Ereignis",     "Befehle", "Optionen",    "Dateien",
        "Aufruf", "Hinweise", "Aufgabe",       "startet", "Bibliotheken", "Wert",    "unbekannte",  "Unbekannte",
        "fehlt",  "Ordner"};
    std::string word;
    for (const char ch : text + " ") {
        if (std::isalpha(static_cast<unsigned char>(ch))) {
            word += ch;
        } else {
            if (kWords.count(word)) return true;
            word.clear();
        }
    }
    return false;
}

std::vector<std::string> germanOutsideTheCatalog(const std::string& source, const std::string& name) {
    std::vector<std::string> found;
    for (const auto& l : literalsOf(source))
        if (!l.inMessage && !l.exempt && looksGerman(l.text))
            found.push_back(name + ":" + std::to_string(l.line) + ": \"" + l.text.substr(0, 80) + "\"");
    return found;
}

/// The message with %1 … %9 filled with markers, in both languages.
/// The catalog's messages; an unreadable or broken file fails the test that reads it.
std::vector<CatalogMessage> catalogMessages() {
    auto messages = readCatalog(kCatalog);
    EXPECT_GT(messages.size(), 300u) << kCatalog << " is missing, unreadable or nearly empty";
    return messages;
}

LocalizedText withMarkers(const CatalogMessage& m) {
    return Message{m.context.c_str(), m.source.c_str()}.arg("‹1›", "‹2›", "‹3›", "‹4›", "‹5›", "‹6›", "‹7›", "‹8›",
                                                            "‹9›");
}

}  // namespace

TEST(Translations, CatalogHasTheProductsMessages) {
    const auto catalog = catalogMessages();
    // Hundreds of messages across the engine, the adapters and the tools; a nearly empty
    // catalog means lupdate stopped finding TIS_TEXT.
    EXPECT_GT(catalog.size(), 300u);
    std::set<std::string> contexts;
    for (const auto& m : catalog) contexts.insert(m.context);
    for (const char* expected :
         {"update_workflow", "assessment", "plugin_sdk", "cli", "sample_host", "password_policy"})
        EXPECT_TRUE(contexts.count(expected)) << expected;
}

TEST(Translations, CatalogIsUpToDateWithTheSources) {
    // lupdate, called exactly as `cmake --build --target update_translations` calls it, on a copy
    // of the catalog: the copy must come out unchanged (no new, no vanished message).
    TempDir dir;
    const auto copy = dir / "tiservice_en.ts";
    std::filesystem::copy_file(kCatalog, copy);
    std::vector<std::string> argv{TISERVICE_LUPDATE};
    std::stringstream args(TISERVICE_LUPDATE_ARGS);
    for (std::string a; std::getline(args, a, ';');) argv.push_back(a);
    std::stringstream dirs(TISERVICE_TRANSLATED_DIRS);
    for (std::string d; std::getline(dirs, d, ';');) argv.push_back(d);
    argv.insert(argv.end(), {"-ts", copy.string()});
    ProcessOptions o;
    o.workingDirectory = kSourceDir;
    const auto r = runProcess(argv, o);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(readFile(copy), readFile(kCatalog))
        << "translations/tiservice_en.ts does not match the messages in the code. Run\n"
           "  cmake --build --preset ci --target update_translations\n"
           "then give every new message its English (Qt Linguist: linguist translations/tiservice_en.ts).";
}

TEST(Translations, EveryMessageHasItsEnglish) {
    for (const auto& m : catalogMessages()) {
        SCOPED_TRACE(m.context + ": " + m.source);
        EXPECT_TRUE(m.type.empty()) << "marked " << m.type;
        EXPECT_FALSE(m.translation.empty());
        EXPECT_EQ(placeholders(m.translation), placeholders(m.source)) << m.translation;
        // The catalog compiled into the core library says the same as the file.
        EXPECT_EQ(englishTranslation(m.context.c_str(), m.source.c_str()).value_or("<none>"), m.translation);
    }
}

TEST(Translations, SwitchingTheLanguageSwitchesEveryMessage) {
    const Language before = currentLanguage();
    for (const auto& m : catalogMessages()) {
        SCOPED_TRACE(m.context + ": " + m.source);
        const LocalizedText text = withMarkers(m);
        setCurrentLanguage(Language::German);
        const std::string german = tr(text);
        setCurrentLanguage(Language::English);
        const std::string english = tr(text);
        EXPECT_EQ(german, fillPlaceholders(m.source, {"‹1›", "‹2›", "‹3›", "‹4›", "‹5›", "‹6›", "‹7›", "‹8›", "‹9›"}));
        EXPECT_EQ(english,
                  fillPlaceholders(m.translation, {"‹1›", "‹2›", "‹3›", "‹4›", "‹5›", "‹6›", "‹7›", "‹8›", "‹9›"}));
        if (m.translation != m.source) {
            EXPECT_NE(german, english);
        }
    }
    setCurrentLanguage(before);
}

TEST(Translations, PlaceholdersAreFilledInOnePass) {
    // A value that itself contains "%2" (an address with an escaped space) stays as it is.
    EXPECT_EQ(fillPlaceholders("%1 und %2", {"a%2b", "c"}), "a%2b und c");
    EXPECT_EQ(fillPlaceholders("100 % sicher: %1", {"ja"}), "100 % sicher: ja");
    EXPECT_EQ(fillPlaceholders("%1 %3", {"x"}), "x %3");
    EXPECT_EQ(fillPlaceholders("%", {}), "%");
}

TEST(Translations, AMessageCarriesBothLanguagesAndItsArguments) {
    const LocalizedText day = LocalizedText::fromData("28.11.2026", "2026-11-28");
    const LocalizedText t = TIS_TEXT("assessment", "Die Zulassung von Version %1 endet am %2 (%3).")
                                .arg("1.3.4", day, TIS_TEXT("assessment", "noch 1 Tag"));
    EXPECT_EQ(t.de, "Die Zulassung von Version 1.3.4 endet am 28.11.2026 (noch 1 Tag).");
    EXPECT_EQ(t.en, "The approval of version 1.3.4 ends on 2026-11-28 (1 day left).");
}

TEST(Translations, AMessageMissingFromTheCatalogStaysGermanInsteadOfBreaking) {
    const LocalizedText t = TIS_TEXT("nowhere", "Nur auf Deutsch: %1").arg(7);
    EXPECT_EQ(t.de, "Nur auf Deutsch: 7");
    EXPECT_EQ(t.en, "Nur auf Deutsch: 7");
    EXPECT_FALSE(englishTranslation("nowhere", "Nur auf Deutsch: %1").has_value());
}

TEST(Translations, TheSourceCheckFindsGermanOutsideTheCatalog) {
    const std::string snippet = R"src(
        // Ein Kommentar darf Deutsch sein: der Konnektor.
        auto a = TIS_TEXT("ctx", "Der Konnektor ist aktuell (%1).").arg(f("x"));
        auto b = std::string("Prüfung läuft");
        auto c = R"(Ja, jetzt)";
        auto d = "tiservice für MEDISTAR";  // not translated: the adapter's name
        auto e = "connector.sds";
    )src";
    const auto found = germanOutsideTheCatalog(snippet, "snippet.cpp");
    ASSERT_EQ(found.size(), 2u) << ::testing::PrintToString(found);
    EXPECT_NE(found[0].find("snippet.cpp:4: \"Prüfung läuft\""), std::string::npos) << found[0];
    EXPECT_NE(found[1].find("snippet.cpp:5: \"Ja, jetzt\""), std::string::npos) << found[1];
}

TEST(Translations, NoGermanTextOutsideTheCatalog) {
    // Every German text the product and its tools show goes through TIS_TEXT, so it has its
    // English. Four files of the simulator hold the simulated devices' own answers (what a
    // KoCoBox says in its SOAP faults and management API, its product type "Konnektor", what the
    // mobile terminal's stand-in answers); they are device data, not our messages, and are not checked.
    const std::set<std::filesystem::path> deviceTexts{
        "tools/konnektor-sim/simulator.cpp", "tools/konnektor-sim/connector_model.cpp",
        "tools/konnektor-sim/scenario.cpp", "tools/konnektor-sim/mobile_terminal_device.cpp"};
    std::vector<std::string> found;
    std::size_t files = 0;
    for (const char* dir : {"core", "plugins", "tools", "sample-host"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir / dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h" && ext != ".c") continue;
            if (deviceTexts.count(std::filesystem::relative(entry.path(), kSourceDir))) continue;
            ++files;
            const auto more = germanOutsideTheCatalog(readFile(entry.path()),
                                                      std::filesystem::relative(entry.path(), kSourceDir).string());
            found.insert(found.end(), more.begin(), more.end());
        }
    }
    EXPECT_GT(files, 50u);
    EXPECT_TRUE(found.empty()) << "German text outside TIS_TEXT (no English for it):\n"
                               << ::testing::PrintToString(found);
}

TEST(Translations, MessagesCanBeBuiltFromSeveralThreadsAtOnce) {
    // An adapter's engine thread and the host's thread both build messages.
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&wrong, t] {
            for (int i = 0; i < 2000; ++i) {
                const LocalizedText text = TIS_TEXT("assessment", "noch %1 Tage").arg(t * 10000 + i);
                const std::string n = std::to_string(t * 10000 + i);
                if (text.de != "noch " + n + " Tage" || text.en != n + " days left") ++wrong;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0);
}

TEST(Translations, TheGermanScreenScanFindsEnglishWordsRawCodesAndSlips) {
    // The scan the end-to-end tests run over every German screen: it must find what it looks for.
    using tiservice::testing::foreignInGerman;
    EXPECT_FALSE(foreignInGerman("Ergebnis: fehlgeschlagen (version-not-confirmed)").empty());
    EXPECT_FALSE(foreignInGerman("Update-Daten des Herstellers (root) sind abgelaufen").empty());
    EXPECT_FALSE(foreignInGerman("KoCoBox MED+  1.3.4 → 1.3.10  defekt (broken)").empty());
    EXPECT_FALSE(foreignInGerman("Katalog geprüft vor 0 Tagen").empty());
    EXPECT_FALSE(foreignInGerman("== MEDISTAR beendet (1 Hinweise) ==").empty());
    EXPECT_FALSE(foreignInGerman("verpasst, weil der Konnektor war ausgeschaltet").empty());
    EXPECT_FALSE(foreignInGerman("Update failed").empty());
    EXPECT_FALSE(foreignInGerman("Die Antwort ist keine Dienstbeschreibung: Wurzelelement ist html ()").empty());
    EXPECT_TRUE(foreignInGerman("--export DATEI.html   den Wartungsnachweis schreiben").empty());
    // Names, versions and our own words stay.
    EXPECT_TRUE(foreignInGerman("Passwort für koco-root am Konnektor").empty());
    EXPECT_TRUE(
        foreignInGerman("ORGA 6141 online (Empfang): Version 3.7.4 ist verfügbar (installiert: 3.7.2)").empty());
    EXPECT_TRUE(
        foreignInGerman("Update-Archiv: 02.12.2026 06:59  KoCoBox MED+  1.3.4 → 1.3.10  erfolgreich  (PVS1/Empfang)")
            .empty());
    EXPECT_TRUE(foreignInGerman("== MEDISTAR beendet (11 Hinweise) ==").empty());
}
