#pragma once
// The connector admin password policy (KoCoBox MED+, vendor page; see ti-domain.md):
// 8-24 characters; at least 3 of 4 classes (A-Z, a-z, 0-9, special !@#$%^&*_=+-/); only
// characters from those classes; must not contain the user name forwards or backwards,
// ignoring case; none of the last three passwords again. Checked locally before asking the
// connector, so each broken rule can be named; the connector's answer still decides.

#include <string>
#include <string_view>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/i18n.h"

namespace tiservice {

enum class PasswordRule {
    Length,              ///< 8 to 24 characters
    CharacterClasses,    ///< at least 3 of the 4 classes
    AllowedCharacters,   ///< only A-Z, a-z, 0-9 and !@#$%^&*_=+-/
    ContainsUserName,    ///< user name forwards or backwards, ignoring case
    RecentlyUsed,        ///< one of the last three passwords
};

struct PasswordViolation {
    PasswordRule rule;
    std::string code;      ///< stable: "length", "classes", "characters", "user-name", "reused"
    LocalizedText message; ///< what is wrong, for the person choosing the password
};

inline constexpr std::string_view kPasswordSpecialCharacters = "!@#$%^&*_=+-/";
inline constexpr std::size_t kPasswordMinLength = 8;
inline constexpr std::size_t kPasswordMaxLength = 24;
inline constexpr std::size_t kPasswordHistoryDepth = 3;

/// Every rule `password` breaks, in the order above; empty when it is acceptable.
/// `recentPasswords` holds up to the last three passwords, the current one included.
TISERVICE_CORE_EXPORT std::vector<PasswordViolation> checkConnectorPassword(
    std::string_view userName, std::string_view password, const std::vector<std::string>& recentPasswords);

/// The rules as one text for people, e.g. as a hint before asking for a new password.
TISERVICE_CORE_EXPORT const LocalizedText& connectorPasswordRules();

}  // namespace tiservice
