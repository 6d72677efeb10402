#pragma once
// The KoCoBox MED+ admin password policy (vendor page; see ti-domain.md): 8-24 characters; at
// least 3 of 4 classes (A-Z, a-z, 0-9, special !@#$%^&*_=+-/); only characters from those
// classes; must not contain the user name forwards or backwards, ignoring case; none of the
// last three passwords again. The KoCoBox driver's policy; the simulator's KoCoBox uses it too.

#include <string>
#include <string_view>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/password_policy.h"

namespace tiservice::konnektor {

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

/// Both as the KoCoBox driver's PasswordPolicy.
TISERVICE_CORE_EXPORT const PasswordPolicy& kocoboxPasswordPolicy();

}  // namespace tiservice::konnektor
