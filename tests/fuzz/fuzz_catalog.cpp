#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/assess/assessment.h"
#include "tiservice/catalog/approval_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace tiservice;
    auto catalog = catalog::parseApprovalCatalog(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!catalog.ok()) return 0;
    // Whatever a catalog says, the assessment over it must hold together.
    assess::Input in;
    in.connector.vendorId = "KOCOC";
    in.connector.productCode = "kocobox";
    in.connector.firmwareVersion = *FirmwareVersion::parse("1.3.4");
    in.catalog = &*catalog;
    in.now = *parseUtc("2026-11-28T12:00:00Z");
    (void)assess::assess(in);
    return 0;
}
