#include "support/catalog.h"

#include <QFile>
#include <QXmlStreamReader>

#include <regex>
#include <set>

namespace tiservice::testing {

std::filesystem::path catalogFile() {
    return std::filesystem::path(TISERVICE_SOURCE_DIR) / "translations" / "tiservice_en.ts";
}

std::vector<CatalogMessage> readCatalog(const std::filesystem::path& file) {
    std::vector<CatalogMessage> out;
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly)) return out;
    QXmlStreamReader xml(&f);
    std::string context;
    CatalogMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("context")) context.clear();
        else if (name == QLatin1String("name") && context.empty()) context = xml.readElementText().toStdString();
        else if (name == QLatin1String("message")) current = CatalogMessage{.context = context};
        else if (name == QLatin1String("source")) current.source = xml.readElementText().toStdString();
        else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString().toStdString();
            current.translation = xml.readElementText().toStdString();
            out.push_back(current);
        }
    }
    if (xml.hasError()) out.clear();  // a broken file reads as empty: every check on it fails
    return out;
}

namespace {

std::vector<std::string> fragmentsOf(bool english) {
    static const std::regex kSplit("%[1-9]|\n");
    std::set<std::string> out;
    for (const auto& m : readCatalog()) {
        const std::string& mine = english ? m.translation : m.source;
        const std::string& theirs = english ? m.source : m.translation;
        for (std::sregex_token_iterator it(mine.begin(), mine.end(), kSplit, -1), end; it != end; ++it) {
            std::string piece = it->str();
            while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
            while (!piece.empty() && piece.back() == ' ') piece.pop_back();
            if (piece.size() >= 12 && theirs.find(piece) == std::string::npos) out.insert(piece);
        }
    }
    return {out.begin(), out.end()};
}

}  // namespace

const std::vector<std::string>& catalogFragments(bool english) {
    static const std::vector<std::string> german = fragmentsOf(false);
    static const std::vector<std::string> englishPieces = fragmentsOf(true);
    return english ? englishPieces : german;
}

std::vector<std::string> otherLanguageIn(const std::string& output, bool wantEnglish) {
    std::vector<std::string> found;
    for (const auto& piece : catalogFragments(!wantEnglish))
        if (output.find(piece) != std::string::npos) found.push_back(piece);
    return found;
}

}  // namespace tiservice::testing
