#include "tiservice/password_policy.h"

#include <algorithm>
#include <cctype>

namespace tiservice {
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
        out.push_back({PasswordRule::Length, "length",
                       {"Das Passwort muss 8 bis 24 Zeichen lang sein (es hat " + std::to_string(length) + ").",
                        "The password must be 8 to 24 characters long (it has " + std::to_string(length) + ")."}});

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
                       {"Das Passwort braucht Zeichen aus mindestens 3 von 4 Gruppen: Großbuchstaben, "
                        "Kleinbuchstaben, Ziffern, Sonderzeichen (" + std::string(kPasswordSpecialCharacters) + ").",
                        "The password needs characters from at least 3 of 4 groups: upper case, lower case, "
                        "digits, special characters (" + std::string(kPasswordSpecialCharacters) + ")."}});
    if (other)
        out.push_back({PasswordRule::AllowedCharacters, "characters",
                       {"Erlaubt sind nur A-Z, a-z, 0-9 und die Sonderzeichen " +
                            std::string(kPasswordSpecialCharacters) + " (keine Umlaute, keine Leerzeichen).",
                        "Only A-Z, a-z, 0-9 and the special characters " + std::string(kPasswordSpecialCharacters) +
                            " are allowed (no umlauts, no spaces)."}});

    if (!userName.empty()) {
        const std::string pw = lower(password);
        const std::string user = lower(userName);
        std::string reversed(user.rbegin(), user.rend());
        if (pw.find(user) != std::string::npos || pw.find(reversed) != std::string::npos)
            out.push_back({PasswordRule::ContainsUserName, "user-name",
                           {"Das Passwort darf den Benutzernamen \"" + std::string(userName) +
                                "\" nicht enthalten, auch nicht rückwärts.",
                            "The password must not contain the user name \"" + std::string(userName) +
                                "\", not even backwards."}});
    }

    const auto depth = std::min(recentPasswords.size(), kPasswordHistoryDepth);
    if (std::find(recentPasswords.end() - static_cast<std::ptrdiff_t>(depth), recentPasswords.end(), password) !=
        recentPasswords.end())
        out.push_back({PasswordRule::RecentlyUsed, "reused",
                       {"Dieses Passwort wurde vor kurzem schon verwendet; keines der letzten drei ist erlaubt.",
                        "This password was used recently; none of the last three may be used again."}});
    return out;
}

const LocalizedText& connectorPasswordRules() {
    static const LocalizedText text{
        "Das neue Passwort: 8 bis 24 Zeichen; mindestens 3 von 4 Gruppen (Großbuchstaben, Kleinbuchstaben, "
        "Ziffern, Sonderzeichen !@#$%^&*_=+-/); nicht den Benutzernamen enthalten, auch nicht rückwärts; "
        "keines der letzten drei Passwörter.",
        "The new password: 8 to 24 characters; at least 3 of 4 groups (upper case, lower case, digits, "
        "special characters !@#$%^&*_=+-/); must not contain the user name, not even backwards; none of the "
        "last three passwords."};
    return text;
}

}  // namespace tiservice
