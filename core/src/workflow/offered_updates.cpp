#include "tiservice/workflow/offered_updates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/net/http_client.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::workflow {
namespace {

std::filesystem::path fileIn(const std::filesystem::path& stateDir) {
    return stateDir / "cache" / "offered-updates.json";
}
QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

std::string connectorKey(const konnektor::ProductInformation& product, const std::string& sdsUrl) {
    auto url = net::Url::parse(sdsUrl);
    return product.vendorId + "-" + product.productCode + "@" + (url.ok() ? url->hostPort() : sdsUrl);
}

Status saveOfferedUpdates(const std::filesystem::path& stateDir, const std::string& connector,
                          const std::vector<konnektor::ManagedUpdate>& updates, TimePoint readAt) {
    QJsonArray list;
    for (const auto& u : updates) {
        QJsonObject o{{"component", q(u.component)}, {"version", q(u.version.toString())}, {"critical", u.critical}};
        if (u.deadline) o.insert("deadline", q(formatUtc(*u.deadline)));
        list.append(o);
    }
    const QJsonObject doc{{"connector", q(connector)}, {"readAt", q(formatUtc(readAt))}, {"updates", list}};
    std::error_code ec;
    std::filesystem::create_directories(fileIn(stateDir).parent_path(), ec);
    return store::writeAtomically(fileIn(stateDir), QJsonDocument(doc).toJson(QJsonDocument::Compact).toStdString());
}

std::vector<assess::OfferedUpdate> loadOfferedUpdates(const std::filesystem::path& stateDir,
                                                      const std::string& connector, TimePoint now) {
    std::vector<assess::OfferedUpdate> offered;
    auto text = store::readFile(fileIn(stateDir), 256 * 1024);
    if (!text.ok()) return offered;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(*text)).object();
    const auto readAt = parseUtc(doc.value("readAt").toString().toStdString());
    if (doc.value("connector").toString().toStdString() != connector || !readAt || *readAt > now ||
        now - *readAt > std::chrono::hours(24 * 60))
        return offered;
    for (const auto& v : doc.value("updates").toArray()) {
        const auto o = v.toObject();
        auto version = FirmwareVersion::parse(o.value("version").toString().toStdString());
        if (!version.ok()) continue;
        assess::OfferedUpdate u;
        u.component = o.value("component").toString().toStdString();
        u.version = *version;
        u.critical = o.value("critical").toBool();
        if (o.contains("deadline")) u.deadline = parseUtc(o.value("deadline").toString().toStdString());
        offered.push_back(std::move(u));
    }
    return offered;
}

}  // namespace tiservice::workflow
