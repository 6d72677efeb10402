#include "support/fixtures.h"

#include "support/temp_dir.h"

namespace tiservice::testing {

std::filesystem::path realConnectorFile(const std::string& name) {
    return std::filesystem::path(TISERVICE_TEST_DATA_DIR) / "real-connectors" / name;
}

std::string realConnectorSds(const std::string& name) { return readFile(realConnectorFile(name)); }

}  // namespace tiservice::testing
