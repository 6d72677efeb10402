#include "tiservice/workflow/ui.h"

namespace tiservice::workflow {

Ui::~Ui() = default;

}  // namespace tiservice::workflow
