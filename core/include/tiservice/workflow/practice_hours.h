#pragma once
// The practice hours live with the settings (tiservice/practice_hours.h); the workflow uses them.

#include "tiservice/practice_hours.h"

namespace tiservice::workflow {
using tiservice::nextLocalTime;
using tiservice::PracticeHours;
}  // namespace tiservice::workflow
