#include "tiservice/konnektor/kocobox_password_policy.h"

#include <algorithm>
#include <cctype>

namespace tiservice {

PasswordPolicy::~PasswordPolicy() = default;

}  // namespace tiservice

namespace tiservice::konnektor {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::size_t codePoints(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace

std::vector<PasswordViolation> checkConnectorPassword(std::string_view userName, std::string_view password,
                                                      const std::vector<std::string>& recentPasswords) {
    std::vector<PasswordViolation> out;
    const std::size_t length = codePoints(password);
    if (length < kPasswordMinLength || length > kPasswordMaxLength)
        out.push_back(
            {PasswordRule::Length, "length",
             TIS_TEXT("password_policy", "Das Passwort muss 8 bis 24 Zeichen lang sein (es hat %1).").arg(length)});

    bool upper = false, low = false, digit = false, special = false, other = false;
    for (char c : password) {
        if (c >= 'A' && c <= 'Z') upper = true;
        else if (c >= 'a' && c <= 'z') low = true;
        else if (c >= '0' && c <= '9') digit = true;
        else if (kPasswordSpecialCharacters.find(c) != std::string_view::npos) special = true;
        else other = true;
    }
    const int classes = int(upper) + int(low) + int(digit) + int(special);
    if (classes < 3)
        out.push_back({PasswordRule::CharacterClasses, "classes",
                       TIS_TEXT("password_policy",
                                "Das Passwort braucht Zeichen aus mindestens 3 von 4 Gruppen: Großbuchstaben, "
                                "Kleinbuchstaben, Ziffern, Sonderzeichen (%1).")
                           .arg(kPasswordSpecialCharacters)});
    if (other)
        out.push_back(
            {PasswordRule::AllowedCharacters, "characters",
             TIS_TEXT("password_policy",
                      "Erlaubt sind nur A-Z, a-z, 0-9 und die Sonderzeichen %1 (keine Umlaute, keine Leerzeichen).")
                 .arg(kPasswordSpecialCharacters)});

    if (!userName.empty()) {
        const std::string pw = lower(password);
        const std::string user = lower(userName);
        std::string reversed(user.rbegin(), user.rend());
        if (pw.find(user) != std::string::npos || pw.find(reversed) != std::string::npos)
            out.push_back({PasswordRule::ContainsUserName, "user-name",
                           TIS_TEXT("password_policy",
                                    "Das Passwort darf den Benutzernamen \"%1\" nicht enthalten, auch nicht rückwärts "
                                    "und ohne Rücksicht auf Groß- und Kleinschreibung.")
                               .arg(userName)});
    }

    const auto depth = std::min(recentPasswords.size(), kPasswordHistoryDepth);
    if (std::find(recentPasswords.end() - static_cast<std::ptrdiff_t>(depth), recentPasswords.end(), password) !=
        recentPasswords.end())
        out.push_back(
            {PasswordRule::RecentlyUsed, "reused",
             TIS_TEXT("password_policy",
                      "Dieses Passwort wurde vor kurzem schon verwendet; keines der letzten drei ist erlaubt.")});
    return out;
}

const LocalizedText& connectorPasswordRules() {
    static const LocalizedText text =
        TIS_TEXT("password_policy",
                 "Das neue Passwort: 8 bis 24 Zeichen; mindestens 3 von 4 Gruppen (Großbuchstaben, Kleinbuchstaben, "
                 "Ziffern, Sonderzeichen !@#$%^&*_=+-/); nicht den Benutzernamen enthalten, auch nicht rückwärts und "
                 "ohne Rücksicht auf Groß- und Kleinschreibung; "
                 "keines der letzten drei Passwörter.");
    return text;
}

namespace {
class KocoboxPasswordPolicy final : public PasswordPolicy {
public:
    LocalizedText rules() const override { return connectorPasswordRules(); }
    std::vector<PasswordRuleLine> ruleLines() const override {
        return {
            {PasswordRule::Length, TIS_TEXT("password_policy", "8 bis 24 Zeichen")},
            {PasswordRule::CharacterClasses,
             TIS_TEXT("password_policy",
                      "mindestens 3 von 4 Gruppen: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen")},
            {PasswordRule::AllowedCharacters,
             TIS_TEXT("password_policy", "nur Buchstaben A–Z und a–z, Ziffern und %1").arg(kPasswordSpecialCharacters)},
            {PasswordRule::ContainsUserName,
             TIS_TEXT("password_policy", "enthält nicht den Benutzernamen, auch nicht rückwärts")},
            {PasswordRule::RecentlyUsed, TIS_TEXT("password_policy", "keines der letzten drei Passwörter")}};
    }
    std::vector<PasswordViolation> check(std::string_view userName, std::string_view password,
                                         const std::vector<std::string>& recentPasswords) const override {
        return checkConnectorPassword(userName, password, recentPasswords);
    }
};
}  // namespace

const PasswordPolicy& kocoboxPasswordPolicy() {
    static const KocoboxPasswordPolicy policy;
    return policy;
}

}  // namespace tiservice::konnektor
