#include "tiservice/i18n.h"
#include "tiservice/error.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace tiservice;

namespace {

struct EnvGuard {
    EnvGuard() {
        for (const char* n : {"LC_ALL", "LC_MESSAGES", "LANG"}) unsetenv(n);
    }
    ~EnvGuard() {
        for (const char* n : {"LC_ALL", "LC_MESSAGES", "LANG"}) unsetenv(n);
    }
};

}  // namespace

TEST(Language, ParsesLocaleNames) {
    EXPECT_EQ(parseLanguage("de_DE.UTF-8"), Language::German);
    EXPECT_EQ(parseLanguage("de_AT@euro"), Language::German);
    EXPECT_EQ(parseLanguage("en"), Language::English);
    EXPECT_EQ(parseLanguage("EN_gb"), Language::English);
    EXPECT_FALSE(parseLanguage("fr_FR").has_value());
    EXPECT_FALSE(parseLanguage("").has_value());
}

TEST(Language, GermanIsTheDefaultWithoutLocale) {
    EnvGuard env;
    EXPECT_EQ(languageFromEnvironment(), Language::German);
    setenv("LANG", "C", 1);
    EXPECT_EQ(languageFromEnvironment(), Language::German);
}

TEST(Language, LangSelectsEnglish) {
    EnvGuard env;
    setenv("LANG", "en_US.UTF-8", 1);
    EXPECT_EQ(languageFromEnvironment(), Language::English);
}

TEST(Language, LcAllWinsOverLang) {
    EnvGuard env;
    setenv("LANG", "en_US.UTF-8", 1);
    setenv("LC_ALL", "de_DE.UTF-8", 1);
    EXPECT_EQ(languageFromEnvironment(), Language::German);
}

TEST(Language, CurrentLanguagePicksTheText) {
    const LocalizedText text = LocalizedText::fromData("Konnektor", "Connector");
    setCurrentLanguage(Language::English);
    EXPECT_EQ(tr(text), "Connector");
    setCurrentLanguage(Language::German);
    EXPECT_EQ(tr(text), "Konnektor");
}

TEST(Error, DescribeJoinsWhatHappenedAndWhatToDo) {
    Error e{.code = "x",
            .message = LocalizedText::fromData("Der Konnektor antwortet nicht.", "The connector does not answer."),
            .action = LocalizedText::fromData("Netzwerkkabel prüfen.", "Check the network cable."),
            .detail = ""};
    EXPECT_EQ(e.describe(Language::German), "Der Konnektor antwortet nicht. Netzwerkkabel prüfen.");
    EXPECT_EQ(e.describe(Language::English), "The connector does not answer. Check the network cable.");
}
