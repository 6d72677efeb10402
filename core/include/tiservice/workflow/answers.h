#pragma once
// Answers files: the guided update's questions answered in advance, for automation and
// demos. {"question.id": "answer" | ["first", "second", …], …}. A list answers the same
// question again in order. Values that answer password questions are registered as secrets.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::workflow {

using Answers = std::map<std::string, std::vector<std::string>>;

TISERVICE_CORE_EXPORT Result<Answers> parseAnswers(std::string_view json);

}  // namespace tiservice::workflow
