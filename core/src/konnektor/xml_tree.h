#pragma once
// A small element tree read with QXmlStreamReader, for parsing gematik XML by namespace
// and local name, never by prefix. Bounded, so hostile input can neither grow without limit
// nor cost time without limit: depth, element count, text size, attributes per element and
// the length of one tag are capped — checked in one linear pass *before* the parser sees the
// bytes (its attribute handling is quadratic: 300,000 attributes took minutes) — a DTD is
// refused, and the whole parse has a deadline.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/error.h"

namespace tiservice::xml {

struct Element {
    std::string ns;    ///< namespace URI
    std::string name;  ///< local name
    std::string text;  ///< concatenated character data directly inside this element, trimmed
    std::vector<std::pair<std::string, std::string>> attributes;  ///< unqualified names
    std::vector<Element> children;

    /// First child with this local name whose namespace starts with nsPrefix.
    [[nodiscard]] const Element* child(std::string_view nsPrefix, std::string_view local) const;
    [[nodiscard]] std::vector<const Element*> childrenNamed(std::string_view nsPrefix, std::string_view local) const;
    /// Text of the first matching child, or "" when absent.
    [[nodiscard]] std::string childText(std::string_view nsPrefix, std::string_view local) const;
    /// Depth-first search of the whole subtree.
    [[nodiscard]] const Element* find(std::string_view nsPrefix, std::string_view local) const;
    [[nodiscard]] std::string attribute(std::string_view name) const;
    [[nodiscard]] bool is(std::string_view nsPrefix, std::string_view local) const {
        return name == local && std::string_view(ns).starts_with(nsPrefix);
    }
};

struct Limits {
    int maxDepth = 64;
    std::size_t maxElements = 100'000;
    std::size_t maxTextBytes = 1024 * 1024;
    std::size_t maxAttributesPerElement = 64;   ///< gematik answers use a handful
    std::size_t maxTagBytes = 64 * 1024;        ///< one start tag with all its attributes
    std::chrono::milliseconds maxParseTime{2000};
};

/// Parses a whole document; the Error's detail says where it broke.
Result<Element> parse(std::string_view document, const Limits& limits = {});

}  // namespace tiservice::xml
