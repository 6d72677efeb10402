#include "tiservice/trust/canonical_json.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <QJsonArray>
#include <QJsonObject>

namespace tiservice::trust {
namespace {

void appendString(std::string& out, const QString& s) {
    out += '"';
    for (char c : s.toStdString()) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

bool append(std::string& out, const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null: out += "null"; return true;
        case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; return true;
        case QJsonValue::Double: {
            const double d = v.toDouble();
            if (std::floor(d) != d || std::abs(d) > 9007199254740992.0) return false;
            out += std::to_string(v.toInteger());
            return true;
        }
        case QJsonValue::String: appendString(out, v.toString()); return true;
        case QJsonValue::Array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.toArray()) {
                if (!first) out += ',';
                first = false;
                if (!append(out, e)) return false;
            }
            out += ']';
            return true;
        }
        case QJsonValue::Object: {
            const auto o = v.toObject();
            std::vector<std::pair<std::string, QString>> keys;
            for (auto it = o.begin(); it != o.end(); ++it) keys.emplace_back(it.key().toStdString(), it.key());
            std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            out += '{';
            bool first = true;
            for (const auto& [utf8, key] : keys) {
                if (!first) out += ',';
                first = false;
                appendString(out, key);
                out += ':';
                if (!append(out, o.value(key))) return false;
            }
            out += '}';
            return true;
        }
        default: return false;
    }
}

}  // namespace

std::optional<std::string> canonicalJson(const QJsonValue& value) {
    std::string out;
    if (!append(out, value)) return std::nullopt;
    return out;
}

}  // namespace tiservice::trust
