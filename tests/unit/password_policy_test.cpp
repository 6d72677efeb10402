#include "tiservice/konnektor/kocobox_password_policy.h"

#include <gtest/gtest.h>

using namespace tiservice;
using namespace tiservice::konnektor;

namespace {

std::vector<std::string> codes(std::string_view password, std::vector<std::string> recent = {}) {
    std::vector<std::string> out;
    for (const auto& v : checkConnectorPassword("koco-root", password, recent)) out.push_back(v.code);
    return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST(ConnectorPasswordPolicy, AcceptsAPasswordThatFollowsEveryRule) {
    EXPECT_EQ(codes("Praxis2026!"), Codes{});
    EXPECT_EQ(codes("abcDEF12"), Codes{});                   // 3 classes, exactly 8
    EXPECT_EQ(codes("Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!"), Codes{});   // exactly 24
}

TEST(ConnectorPasswordPolicy, RefusesTooShortAndTooLong) {
    EXPECT_EQ(codes("Ab1!xyz"), Codes{"length"});
    EXPECT_EQ(codes("Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!x"), Codes{"length"});
}

TEST(ConnectorPasswordPolicy, RefusesFewerThanThreeClasses) {
    EXPECT_EQ(codes("abcdefgh12"), Codes{"classes"});
    EXPECT_EQ(codes("ABCDEFGHIJ"), Codes{"classes"});
    EXPECT_EQ(codes("abc!@#$%^&"), Codes{"classes"});
}

TEST(ConnectorPasswordPolicy, RefusesCharactersOutsideTheFourClasses) {
    EXPECT_EQ(codes("Praxis 2026!"), Codes{"characters"});
    EXPECT_EQ(codes("Prüfung2026!"), Codes{"characters"});
}

TEST(ConnectorPasswordPolicy, RefusesTheUserNameForwardsAndBackwardsIgnoringCase) {
    EXPECT_EQ(codes("xKOCO-ROOT1!"), Codes{"user-name"});
    EXPECT_EQ(codes("1!toor-ocok"), Codes{"user-name"});
    EXPECT_EQ(codes("A1!TOOR-OCOKz"), Codes{"user-name"});
    // The rule says so where a person reads it: before typing, and when refused.
    EXPECT_NE(tiservice::konnektor::connectorPasswordRules().de.find("ohne Rücksicht auf Groß- und Kleinschreibung"),
              std::string::npos);
    const auto refused = tiservice::konnektor::checkConnectorPassword("koco-root", "xKOCO-ROOT1!", {});
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_NE(refused[0].message.de.find("ohne Rücksicht auf Groß- und Kleinschreibung"), std::string::npos);
    EXPECT_NE(refused[0].message.en.find("ignoring upper and lower case"), std::string::npos);
}

TEST(ConnectorPasswordPolicy, RefusesAnyOfTheLastThreePasswords) {
    const std::vector<std::string> recent{"Alt2023!", "Alt2024!", "Alt2025!"};
    EXPECT_EQ(codes("Alt2023!", recent), Codes{"reused"});
    EXPECT_EQ(codes("Alt2025!", recent), Codes{"reused"});
    EXPECT_EQ(codes("Neu2026!", recent), Codes{});
    // Only the last three count.
    EXPECT_EQ(codes("Alt2022!", {"Alt2022!", "Alt2023!", "Alt2024!", "Alt2025!"}), Codes{});
}

TEST(ConnectorPasswordPolicy, NamesEveryBrokenRuleAtOnce) {
    EXPECT_EQ(codes("root ", {"root "}), (Codes{"length", "classes", "characters", "reused"}));
}

TEST(ConnectorPasswordPolicy, MessagesExistInBothLanguages) {
    for (const auto& v : checkConnectorPassword("koco-root", "x", {"x"})) {
        EXPECT_FALSE(v.message.de.empty()) << v.code;
        EXPECT_FALSE(v.message.en.empty()) << v.code;
        EXPECT_NE(v.message.de, v.message.en) << v.code;
    }
}
