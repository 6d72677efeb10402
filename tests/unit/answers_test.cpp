// The answers file (`--answers`), as a practice's admin or a script writes it: what is wrong is
// said in German without English words, the parser's own words are kept for the English log.
#include "tiservice/workflow/answers.h"

#include <gtest/gtest.h>

using namespace tiservice;

TEST(Answers, TextsAndListsOfTextsAreRead) {
    auto a = workflow::parseAnswers(R"({"plan.when":"now","password.new":["Neu2026!","Neu2027!"]})");
    ASSERT_TRUE(a.ok()) << a.error().describe(Language::English);
    EXPECT_EQ(a->at("plan.when"), std::vector<std::string>{"now"});
    EXPECT_EQ(a->at("password.new").size(), 2u);
}

TEST(Answers, BrokenJsonIsSaidInGermanWithWhereItBreaks) {
    auto a = workflow::parseAnswers(R"({"plan.when": now})");
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().message.de, "Die Antwortdatei ist ungültig: kein gültiges JSON (Zeichen 15)");
    EXPECT_NE(a.error().message.en.find("not valid JSON (character 15): "), std::string::npos) << a.error().message.en;
    a = workflow::parseAnswers(R"({"plan.when": 3})");
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().message.de, "Die Antwortdatei ist ungültig: plan.when: nur Texte erlaubt");
}
