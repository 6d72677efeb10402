#include "xml_tree.h"

#include <QXmlStreamReader>

namespace tiservice::xml {

const Element* Element::child(std::string_view nsPrefix, std::string_view local) const {
    for (const auto& c : children)
        if (c.is(nsPrefix, local)) return &c;
    return nullptr;
}

std::vector<const Element*> Element::childrenNamed(std::string_view nsPrefix, std::string_view local) const {
    std::vector<const Element*> out;
    for (const auto& c : children)
        if (c.is(nsPrefix, local)) out.push_back(&c);
    return out;
}

std::string Element::childText(std::string_view nsPrefix, std::string_view local) const {
    const auto* c = child(nsPrefix, local);
    return c ? c->text : std::string();
}

const Element* Element::find(std::string_view nsPrefix, std::string_view local) const {
    if (is(nsPrefix, local)) return this;
    for (const auto& c : children)
        if (const auto* f = c.find(nsPrefix, local)) return f;
    return nullptr;
}

std::string Element::attribute(std::string_view n) const {
    for (const auto& [k, v] : attributes)
        if (k == n) return v;
    return {};
}

namespace {

Error xmlError(const std::string& detail) {
    return Error{.code = "xml.malformed",
                 .message = TIS_TEXT("xml_tree", "Die Antwort ist kein gültiges XML."),
                 .action = {},
                 .detail = detail};
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

/// One linear pass over the raw bytes: every tag's length and attribute count within the
/// limits, before the (quadratic) parser is given them. Comments, CDATA and processing
/// instructions are skipped; quoted values may hold '>' and '='.
std::optional<std::string> prescan(std::string_view d, const Limits& limits) {
    std::size_t i = 0;
    while ((i = d.find('<', i)) != std::string_view::npos) {
        const auto rest = d.substr(i);
        const auto skipTo = [&](std::string_view end) {
            const auto at = d.find(end, i);
            i = at == std::string_view::npos ? d.size() : at + end.size();
        };
        if (rest.starts_with("<!--")) { skipTo("-->"); continue; }
        if (rest.starts_with("<![CDATA[")) { skipTo("]]>"); continue; }
        if (rest.starts_with("<?")) { skipTo("?>"); continue; }
        std::size_t attributes = 0;
        char quote = 0;
        std::size_t j = i + 1;
        for (; j < d.size(); ++j) {
            const char c = d[j];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                if (++attributes > limits.maxAttributesPerElement) return "too many attributes in one element";
            } else if (c == '>') {
                break;
            }
            if (j - i > limits.maxTagBytes) return "one tag is too long";
        }
        i = j;
    }
    return std::nullopt;
}

}  // namespace

Result<Element> parse(std::string_view document, const Limits& limits) {
    if (auto refused = prescan(document, limits)) return xmlError(*refused);
    const auto deadline = std::chrono::steady_clock::now() + limits.maxParseTime;
    QXmlStreamReader reader(QByteArray(document.data(), static_cast<qsizetype>(document.size())));
    std::vector<Element> stack;
    std::optional<Element> root;
    std::size_t elements = 0, textBytes = 0, tokens = 0;
    while (!reader.atEnd()) {
        if (++tokens % 1024 == 0 && std::chrono::steady_clock::now() > deadline) return xmlError("parsing took too long");
        switch (reader.readNext()) {
            case QXmlStreamReader::DTD:
                return xmlError("DTD not allowed");
            case QXmlStreamReader::StartElement: {
                if (root) return xmlError("content after the root element");
                if (++elements > limits.maxElements) return xmlError("too many elements");
                if (static_cast<int>(stack.size()) >= limits.maxDepth) return xmlError("nested too deeply");
                if (static_cast<std::size_t>(reader.attributes().size()) > limits.maxAttributesPerElement)
                    return xmlError("too many attributes in one element");
                Element e;
                e.ns = reader.namespaceUri().toString().toStdString();
                e.name = reader.name().toString().toStdString();
                for (const auto& a : reader.attributes())
                    e.attributes.emplace_back(a.name().toString().toStdString(), a.value().toString().toStdString());
                stack.push_back(std::move(e));
                break;
            }
            case QXmlStreamReader::Characters:
                if (!stack.empty() && !reader.isWhitespace()) {
                    const auto t = reader.text().toString().toStdString();
                    textBytes += t.size();
                    if (textBytes > limits.maxTextBytes) return xmlError("too much text");
                    stack.back().text += t;
                }
                break;
            case QXmlStreamReader::EndElement: {
                Element done = std::move(stack.back());
                stack.pop_back();
                done.text = trimmed(done.text);
                if (stack.empty()) root = std::move(done);
                else stack.back().children.push_back(std::move(done));
                break;
            }
            default:
                break;
        }
    }
    if (reader.hasError())
        return xmlError(reader.errorString().toStdString() + " at line " + std::to_string(reader.lineNumber()) +
                        ", column " + std::to_string(reader.columnNumber()));
    if (!root) return xmlError("no root element");
    return std::move(*root);
}

}  // namespace tiservice::xml
