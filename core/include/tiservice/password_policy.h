#pragma once
// The connector admin password: what a rule and a broken rule are, and the policy a driver
// brings. The KoCoBox MED+ rules are konnektor/kocobox_password_policy.h.

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

/// One rule as a line a window ticks off while the person types.
struct PasswordRuleLine {
    PasswordRule rule;
    LocalizedText text;  ///< "8 bis 24 Zeichen", …
};

/// A vendor's rules for the connector's admin password: each driver brings its own
/// (konnektor::Driver::passwordPolicy); the workflow checks a new password locally first, so
/// every broken rule can be named, and the connector's answer still decides.
class TISERVICE_CORE_EXPORT PasswordPolicy {
public:
    virtual ~PasswordPolicy();
    /// The rules as one text for people, shown before asking for a new password.
    [[nodiscard]] virtual LocalizedText rules() const = 0;
    /// The same rules one per line, in the order check() names them; empty when the policy
    /// has no such list (a window then shows rules() and what check() says).
    [[nodiscard]] virtual std::vector<PasswordRuleLine> ruleLines() const { return {}; }
    /// Every rule `password` breaks; empty when it is acceptable. `recentPasswords` holds the
    /// last passwords the workflow knows (the current one).
    [[nodiscard]] virtual std::vector<PasswordViolation> check(std::string_view userName, std::string_view password,
                                                             const std::vector<std::string>& recentPasswords) const = 0;
};

}  // namespace tiservice
