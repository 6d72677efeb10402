#include "soap_validator.h"

#include "schema_check.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <QDirIterator>
#include <QFile>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

namespace tiservice::sim {
namespace {

constexpr const char* kSoapNs = "http://schemas.xmlsoap.org/soap/envelope/";

bool is(const xmlNode* n, const char* ns, const char* name) {
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

const xmlNode* firstElement(const xmlNode* n) {
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE) return n;
    return nullptr;
}

}  // namespace

struct SoapValidator::Impl {
    xmlSchemaPtr schema = nullptr;
    ~Impl() {
        if (schema) xmlSchemaFree(schema);
    }
};

SoapValidator::SoapValidator(const std::string& workDir) : impl_(std::make_unique<Impl>()) {
    // The schemas import each other by relative path: unpack the tree as it is.
    const std::filesystem::path root = std::filesystem::path(workDir) / "gematik-schemas";
    QDirIterator it(":/konnektor-sim/gematik-schemas", QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const auto name = it.next();
        if (!it.fileInfo().isFile()) continue;
        QFile in(name);
        if (!in.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + name.toStdString());
        const auto relative = name.mid(QString(":/konnektor-sim/gematik-schemas/").size()).toStdString();
        std::filesystem::create_directories((root / relative).parent_path());
        const auto bytes = in.readAll();
        std::ofstream(root / relative, std::ios::binary).write(bytes.constData(), bytes.size());
    }
    std::string errors;
    // libxml2 takes file names as UTF-8, on Windows too.
    const auto xsd = (root / "conn/EventService.xsd").u8string();
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(reinterpret_cast<const char*>(xsd.c_str()));
    xmlSchemaSetParserErrors(parser, appendLibxml2Message, appendLibxml2Message, &errors);
    impl_->schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!impl_->schema) throw std::runtime_error("EventService.xsd cannot be read: " + errors);
}

SoapValidator::~SoapValidator() = default;

SoapRequestCheck SoapValidator::check(const std::string& envelope) const {
    SoapRequestCheck result;
    // No network, no DTD, no entities: a request is data, never instructions to fetch more.
    xmlDocPtr doc = xmlReadMemory(envelope.data(), static_cast<int>(envelope.size()), "request.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        result.problem = "not well-formed XML";
        return result;
    }
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> owner(doc, &xmlFreeDoc);
    if (doc->intSubset) {
        result.problem = "DTD not allowed";
        return result;
    }
    const xmlNode* env = xmlDocGetRootElement(doc);
    if (!is(env, kSoapNs, "Envelope")) {
        result.problem = "not a SOAP 1.1 envelope";
        return result;
    }
    const xmlNode* body = nullptr;
    for (const xmlNode* c = firstElement(env->children); c; c = firstElement(c->next))
        if (is(c, kSoapNs, "Body")) body = c;
    const xmlNode* operation = body ? firstElement(body->children) : nullptr;
    if (!operation) {
        result.problem = "empty SOAP Body";
        return result;
    }
    result.operation = reinterpret_cast<const char*>(operation->name);
    if (operation->ns) result.operationNamespace = reinterpret_cast<const char*>(operation->ns->href);
    std::string errors;
    xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(impl_->schema);
    xmlSchemaSetValidErrors(v, appendLibxml2Message, appendLibxml2Message, &errors);
    const int rc = xmlSchemaValidateOneElement(v, const_cast<xmlNode*>(operation));
    xmlSchemaFreeValidCtxt(v);
    result.valid = rc == 0;
    result.problem = errors;
    return result;
}

}  // namespace tiservice::sim
