#include "support/catalog.h"

#include <QFile>
#include <QXmlStreamReader>

#include <regex>
#include <set>

namespace tiservice::testing {

std::vector<std::string> catalogFragments(bool english) {
    QFile f(QStringLiteral(TISERVICE_SOURCE_DIR "/translations/tiservice_en.ts"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&f);
    std::string source;
    std::set<std::string> out;
    static const std::regex kSplit("%[1-9]|\n");
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) source = xml.readElementText().toStdString();
        if (xml.name() != QLatin1String("translation")) continue;
        const std::string translation = xml.readElementText().toStdString();
        const std::string& mine = english ? translation : source;
        const std::string& theirs = english ? source : translation;
        for (std::sregex_token_iterator it(mine.begin(), mine.end(), kSplit, -1), end; it != end; ++it) {
            std::string piece = it->str();
            while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
            while (!piece.empty() && piece.back() == ' ') piece.pop_back();
            if (piece.size() >= 12 && theirs.find(piece) == std::string::npos) out.insert(piece);
        }
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> otherLanguageIn(const std::string& output, bool wantEnglish) {
    std::vector<std::string> found;
    for (const auto& piece : catalogFragments(!wantEnglish))
        if (output.find(piece) != std::string::npos) found.push_back(piece);
    return found;
}

}  // namespace tiservice::testing
