#pragma once
// Canonical JSON as TUF signs it (OLPC form): object keys sorted by their UTF-8 bytes, no
// white space, strings escaped only for '"' and '\', integers only (no floats).

#include <optional>
#include <string>

#include <QJsonValue>

#include "tiservice/core_export.h"

namespace tiservice::trust {

/// The canonical text of a JSON value; nullopt when it holds a number that is not an integer.
TISERVICE_CORE_EXPORT std::optional<std::string> canonicalJson(const QJsonValue& value);

}  // namespace tiservice::trust
