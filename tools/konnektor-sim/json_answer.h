#pragma once
// The JSON answers of the simulated devices' REST interfaces (management API, mobile terminal,
// control port): a body, or an error with a code and the device's own words in German and English.

#include <string>

#include <QJsonDocument>
#include <QJsonObject>

#include "connector_model.h"
#include "http_server.h"
#include "tiservice/i18n.h"

namespace tiservice::sim {

inline HttpResponse jsonResponse(const QJsonObject& o, int status = 200) {
    return HttpResponse{.status = status,
                        .contentType = "application/json",
                        .body = QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString()};
}

inline QJsonObject textJson(const std::string& de, const std::string& en) {
    return QJsonObject{{"de", QString::fromStdString(de)}, {"en", QString::fromStdString(en)}};
}
inline QJsonObject textJson(const DeviceText& t) { return textJson(t.de, t.en); }
// The password rules the simulated connector enforces are tiservice's own model of them.
inline QJsonObject textJson(const LocalizedText& t) { return textJson(t.de, t.en); }

inline HttpResponse jsonError(int status, const std::string& code, const DeviceText& message, QJsonObject extra = {}) {
    extra.insert("error", QString::fromStdString(code));
    extra.insert("message", textJson(message));
    return jsonResponse(extra, status);
}

}  // namespace tiservice::sim
