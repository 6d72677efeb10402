#pragma once
// Writes XML the way the connector's own software does: JAXB indents by four spaces per
// level; secunet writes everything on one line.

#include <string>

#include "tiservice/xml_text.h"

namespace tiservice::sim {

class XmlWriter {
public:
    explicit XmlWriter(bool pretty, int depth = 0) : pretty_(pretty), depth_(depth) {}
    void open(const std::string& tag, const std::string& attributes = {}) {
        indent();
        out_ += "<" + tag + attributes + ">";
        ++depth_;
    }
    void close(const std::string& tag) {
        --depth_;
        indent();
        out_ += "</" + tag + ">";
    }
    void text(const std::string& tag, const std::string& value) {
        indent();
        out_ += "<" + tag + ">" + xmlEscape(value) + "</" + tag + ">";
    }
    void empty(const std::string& tag, const std::string& attributes = {}) {
        indent();
        out_ += "<" + tag + attributes + "/>";
    }
    /// Already written XML, at the current depth.
    void raw(const std::string& xml) {
        if (xml.empty()) return;
        if (pretty_ && !out_.empty() && xml.front() != '\n') out_ += "\n";
        out_ += xml;
    }
    [[nodiscard]] const std::string& str() const { return out_; }
    [[nodiscard]] int depth() const { return depth_; }
    [[nodiscard]] bool pretty() const { return pretty_; }

private:
    void indent() {
        if (!pretty_) return;
        if (!out_.empty()) out_ += "\n";
        out_.append(static_cast<std::size_t>(depth_) * 4, ' ');
    }
    bool pretty_;
    int depth_;
    std::string out_;
};

inline std::string xmlAttribute(const std::string& name, const std::string& value) {
    return " " + name + "=\"" + xmlEscape(value) + "\"";
}

}  // namespace tiservice::sim
