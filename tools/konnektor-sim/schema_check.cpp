#include "schema_check.h"

#include <cstdarg>
#include <cstdio>
#include <memory>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

namespace tiservice::sim {

void appendLibxml2Message(void* context, const char* format, ...) {
    auto* out = static_cast<std::string*>(context);
    char buffer[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (out->size() < 2048) *out += buffer;
}

std::string schemaProblems(const std::string& xml, const std::filesystem::path& xsd) {
    std::string problems;
    // libxml2 takes file names as UTF-8, on Windows too.
    const auto xsdName = xsd.u8string();
    std::unique_ptr<xmlSchemaParserCtxt, decltype(&xmlSchemaFreeParserCtxt)> parser(
        xmlSchemaNewParserCtxt(reinterpret_cast<const char*>(xsdName.c_str())), &xmlSchemaFreeParserCtxt);
    if (!parser) return "schema " + xsd.string() + " cannot be read";
    xmlSchemaSetParserErrors(parser.get(), appendLibxml2Message, appendLibxml2Message, &problems);
    std::unique_ptr<xmlSchema, decltype(&xmlSchemaFree)> schema(xmlSchemaParse(parser.get()), &xmlSchemaFree);
    if (!schema) return "schema " + xsd.string() + " cannot be read: " + problems;

    // No network, no entities: the document is data, never instructions to fetch more.
    xmlResetLastError();
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        &xmlFreeDoc);
    if (!doc) {
        const xmlError* e = xmlGetLastError();
        return std::string("not well-formed XML: ") + (e && e->message ? e->message : "?");
    }
    std::unique_ptr<xmlSchemaValidCtxt, decltype(&xmlSchemaFreeValidCtxt)> validator(
        xmlSchemaNewValidCtxt(schema.get()), &xmlSchemaFreeValidCtxt);
    xmlSchemaSetValidErrors(validator.get(), appendLibxml2Message, appendLibxml2Message, &problems);
    const int rc = xmlSchemaValidateDoc(validator.get(), doc.get());
    if (rc == 0) return {};
    return problems.empty() ? "not valid against " + xsd.string() : problems;
}

}  // namespace tiservice::sim
