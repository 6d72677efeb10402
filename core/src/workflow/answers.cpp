#include "tiservice/workflow/answers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/log.h"

namespace tiservice::workflow {

Result<Answers> parseAnswers(std::string_view json) {
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &e);
    const auto invalid = [&](const std::string& why) {
        return Error{.code = "answers.invalid",
                     .message = {"Die Antwortdatei ist ungültig: " + why, "The answers file is not valid: " + why},
                     .action = {"Form: {\"frage.id\": \"Antwort\", …} – siehe README.", "Form: {\"question.id\": \"answer\", …} – see the README."},
                     .detail = why};
    };
    if (e.error != QJsonParseError::NoError) return invalid(e.errorString().toStdString());
    if (!doc.isObject()) return invalid("kein JSON-Objekt / not a JSON object");
    Answers answers;
    const auto o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        auto& list = answers[it.key().toStdString()];
        if (it.value().isArray()) {
            for (const auto& v : it.value().toArray()) {
                if (!v.isString()) return invalid(it.key().toStdString() + ": nur Texte / only strings");
                list.push_back(v.toString().toStdString());
            }
        } else if (it.value().isString()) {
            list.push_back(it.value().toString().toStdString());
        } else {
            return invalid(it.key().toStdString() + ": nur Texte / only strings");
        }
        if (it.key().contains("password"))
            for (const auto& v : list) log::registerSecret(v);
    }
    return answers;
}

}  // namespace tiservice::workflow
