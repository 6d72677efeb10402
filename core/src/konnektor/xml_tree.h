#pragma once
// A small element tree read with QXmlStreamReader, for parsing gematik XML by namespace
// and local name, never by prefix. Bounded: depth, element count and text size are capped,
// and a DTD is refused, so hostile input cannot make it grow without limit.

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
};

/// Parses a whole document; the Error's detail says where it broke.
Result<Element> parse(std::string_view document, const Limits& limits = {});

}  // namespace tiservice::xml
