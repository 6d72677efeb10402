#pragma once
// Checks an EventService request the way a real connector's SOAP stack does: the envelope
// must be SOAP 1.1 and the element in its Body must be valid against the official
// EventService.xsd (third_party/gematik-schemas, built into the simulator). A request that is
// not gets the SOAP fault a connector sends (gematik error 4000), so every request tiservice
// sends in any test is checked against the schema. Uses libxml2, the library behind xmllint.

#include <memory>
#include <string>

namespace tiservice::sim {

struct SoapRequestCheck {
    bool valid = false;
    std::string operationNamespace, operation;  ///< the Body's element
    std::string problem;                         ///< why not, as libxml2 says it
};

class SoapValidator {
public:
    /// Unpacks the built-in schemas into `workDir` and reads them once. Throws when they
    /// cannot be read (a broken build).
    explicit SoapValidator(const std::string& workDir);
    ~SoapValidator();
    SoapValidator(const SoapValidator&) = delete;
    SoapValidator& operator=(const SoapValidator&) = delete;

    [[nodiscard]] SoapRequestCheck check(const std::string& envelope) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tiservice::sim
