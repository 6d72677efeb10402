#include "tiservice/workflow/answers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/log.h"

namespace tiservice::workflow {

Result<Answers> parseAnswers(std::string_view json) {
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &e);
    const auto invalid = [&](const LocalizedText& why) {
        return Error{.code = "answers.invalid",
                     .message = TIS_TEXT("answers", "Die Antwortdatei ist ungültig: %1").arg(why),
                     .action = TIS_TEXT("answers", "Form: {\"frage.id\": \"Antwort\", …} – siehe README."),
                     .detail = why.en};
    };
    if (e.error != QJsonParseError::NoError)
        return invalid(TIS_TEXT("answers", "kein gültiges JSON (Zeichen %1)%2")
                           .arg(static_cast<long long>(e.offset),
                                LocalizedText::fromData("", ": " + e.errorString().toStdString())));
    if (!doc.isObject()) return invalid(TIS_TEXT("answers", "kein JSON-Objekt"));
    Answers answers;
    const auto o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        auto& list = answers[it.key().toStdString()];
        if (it.value().isArray()) {
            for (const auto& v : it.value().toArray()) {
                if (!v.isString())
                    return invalid(TIS_TEXT("answers", "%1: nur Texte erlaubt").arg(it.key().toStdString()));
                list.push_back(v.toString().toStdString());
            }
        } else if (it.value().isString()) {
            list.push_back(it.value().toString().toStdString());
        } else {
            return invalid(TIS_TEXT("answers", "%1: nur Texte erlaubt").arg(it.key().toStdString()));
        }
        if (it.key().contains("password"))
            for (const auto& v : list) log::registerSecret(v);
    }
    return answers;
}

}  // namespace tiservice::workflow
