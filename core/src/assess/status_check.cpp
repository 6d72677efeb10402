#include "tiservice/assess/status_check.h"

#include "tiservice/log.h"

namespace tiservice::assess {

Result<StatusReport> runStatusCheck(const ConnectionSettings& settings, const net::ClientOptions& connectorOptions,
                                    const std::filesystem::path& stateDir, const Clock& clock) {
    net::HttpClient http(connectorOptions);
    auto snapshot = konnektor::readConnector(http, settings, clock);
    if (!snapshot.ok()) return snapshot.error();
    StatusReport report;
    report.snapshot = std::move(snapshot).value();
    auto catalog = catalog::loadApprovalCatalog(settings, stateDir, clock);
    if (catalog.ok()) report.catalog = std::move(catalog).value();
    else report.catalogError = catalog.error();
    Input input;
    input.connector = report.snapshot.directory.product;
    input.resources = report.snapshot.resources;
    input.terminals = report.snapshot.terminals;
    input.catalog = report.catalog ? &report.catalog->catalog : nullptr;
    input.now = clock.now();
    report.findings = assess(input);
    report.overall = overall(report.findings);
    report.checkedAt = input.now;
    log::logger()->info("status check: overall {}", statusId(report.overall));
    return report;
}

}  // namespace tiservice::assess
