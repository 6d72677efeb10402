#include "tiservice/engine/status_check.h"

#include <algorithm>

#include "tiservice/konnektor/driver.h"
#include "tiservice/konnektor/mobile_terminal.h"
#include "tiservice/logger.h"
#include "tiservice/workflow/offered_updates.h"

namespace tiservice::engine {

Result<StatusReport> runStatusCheck(const ConnectionSettings& settings, const net::ClientOptions& connectorOptions,
                                    const std::filesystem::path& stateDir, const Clock& clock,
                                    StatusCheckOptions options) {
    const auto access = options.connectorAccess ? options.connectorAccess(settings, connectorOptions, clock)
                                                : konnektor::connectorOverNetwork(settings, connectorOptions, clock);
    auto snapshot = access->read();
    if (!snapshot.ok()) return snapshot.error();
    StatusReport report;
    report.snapshot = std::move(snapshot).value();
    if (options.catalog) {
        report.catalog = *options.catalog;
    } else {
        auto catalog = catalog::loadApprovalCatalog(settings, stateDir, clock, options.refreshCatalog);
        if (catalog.ok()) report.catalog = std::move(catalog).value();
        else report.catalogError = catalog.error();
        // Only where the check would say "another process at work": a damaged cached catalog
        // keeps its own explanation.
        if (!options.refreshCatalog && options.notRefreshedBecause) {
            if (report.catalog) report.catalog->refreshError = options.notRefreshedBecause;
            else if (report.catalogError && report.catalogError->code == "catalog.not-refreshed")
                report.catalogError = options.notRefreshedBecause;
        }
    }
    // The connector's own view (auto-update, installations), like its display: no sign-in,
    // one quick attempt; the check goes on without it.
    if (auto driver = access->driver(report.snapshot.directory.product, true)) {
        if (auto st = driver->status(); st.ok()) report.management = std::move(st).value();
        else log::logger()->info("management status not read: {}", st.error().describe(Language::English));
    }
    assess::Input input;
    input.management = report.management;
    input.connector = report.snapshot.directory.product;
    for (const auto& service : report.snapshot.directory.services) input.connectorServices.push_back(service.name);
    input.resources = report.snapshot.resources;
    input.terminals = report.snapshot.terminals;
    input.catalog = report.catalog ? &report.catalog->catalog : nullptr;
    // The mobile terminal is read from this PC, never with the connector's credentials (Basic
    // Auth, client certificate): it is another device (docs/mobile-terminal.md).
    if (!settings.mobileTerminal.url.empty()) {
        input.mobileTerminalConfigured = true;
        net::ClientOptions mobile;
        mobile.connectTimeout = connectorOptions.connectTimeout;
        if (auto m = konnektor::readMobileTerminal(settings.mobileTerminal.url, mobile); m.ok())
            input.mobileTerminal = std::move(m).value();
        else log::logger()->info("mobile terminal not read: {}", m.error().describe(Language::English));
    }
    // What the connector offered at the last sign-in (its KSR deadlines), kept by the workflow.
    input.offered = workflow::loadOfferedUpdates(
        stateDir, workflow::connectorKey(report.snapshot.directory.product, settings.connector.sdsUrl), clock.now());
    input.now = clock.now();
    input.supportContact = std::string(customerTypeId(settings.practice.customerType));
    report.findings = assess::assess(input);
    report.overall = assess::overall(report.findings);
    report.checkedAt = input.now;
    log::logger()->info("status check: overall {}", assess::statusId(report.overall));
    return report;
}

}  // namespace tiservice::engine
