#include "support/catalog.h"

#include <sstream>

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

std::vector<std::string> foreignInGerman(const std::string& output) {
    // English words that have no place in a German sentence (whole words, any case), raw
    // codes in brackets, and two slips of grammar seen on screens before.
    static const std::regex english(
        R"re(\b(failed|succeeded|success|broken|planned|cancelled|canceled|started|finished|error|warning|root|unknown|the|and|not|with|none|true|false|null|update available|expired)\b)re",
        std::regex::icase);
    // "html" as a word ("Wurzelelement ist html"), not as a file's extension ("DATEI.html").
    static const std::regex html(R"re((^|[^.\w])html\b)re", std::regex::icase);
    static const std::regex rawCode(R"re(\([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+\))re");
    static const std::regex slips(R"re(\bvor 0 Tagen\b|(^|[^0-9])1 Hinweise\b|\bweil der \w+ (war|ist)\b)re");
    std::vector<std::string> found;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        // The connector's admin user is a name, not a word; a file's path is no sentence either
        // (on Windows the user's folder is C:\users\root).
        for (std::size_t at; (at = line.find("koco-root")) != std::string::npos;) line.replace(at, 9, "Benutzer");
        static const std::regex path(R"re([A-Za-z]:[\\/]\S*|(/[A-Za-z0-9._-]+){2,})re");
        line = std::regex_replace(line, path, "…");
        std::smatch m;
        for (const auto* r : {&english, &html, &rawCode, &slips})
            if (std::regex_search(line, m, *r)) found.push_back("\"" + m.str() + "\" in: " + line);
    }
    return found;
}

std::string asPersonSeesIt(const std::string& sampleHostOutput) {
    static const std::regex noticeId(R"re(  \([a-z0-9.-]+\)$)re");
    static const std::regex menuId(R"re( \[ti-service\.[a-z-]+\])re");
    static const std::regex path(R"re((/[A-Za-z0-9._-]+){2,}|https?://\S+)re");
    std::string out;
    std::istringstream in(sampleHostOutput);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("== Menü:") || line.starts_with("== MEDISTAR") || line.starts_with("[tiservice-host]"))
            continue;
        line = std::regex_replace(line, noticeId, "");
        line = std::regex_replace(line, menuId, "");
        line = std::regex_replace(line, path, "…");
        out += line + "\n";
    }
    return out;
}

}  // namespace tiservice::testing
