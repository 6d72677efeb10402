#pragma once
// What each connector vendor's device writes: its identity, the services it lists in
// connector.sds (names, versions, WSDL or schema namespaces, the vendor's own paths) and the
// layout of its XML. The KoCoBox and RISE profiles are the service lists of the two real
// files in tests/data/real-connectors; the secunet one follows the facts in
// docs/real-connectors.md. Profiles are data (vendors/*.json, built into the simulator).

#include <optional>
#include <string>
#include <vector>

#include "tiservice/error.h"

namespace tiservice::sim {

struct DeviceIdentity;

struct ProfileServiceVersion {
    std::string targetNamespace, version, abstract, path;
};

struct ProfileService {
    std::string name, abstract;
    std::vector<ProfileServiceVersion> versions;
};

enum class XmlLayout {
    Jaxb,     ///< what JAXB writes: default and ns2/ns3 prefixes, indented (KoCoBox, RISE)
    OneLine,  ///< everything on one line, no whitespace between elements (secunet)
};

struct VendorProfile {
    std::string id;  ///< "kocobox", "rise", "secunet"
    XmlLayout layout = XmlLayout::Jaxb;
    std::vector<ProfileService> services;
    /// The EventService 7.2 path of this vendor ("/kon7/service/systeminformationservice").
    [[nodiscard]] std::string eventServicePath() const;
};

/// The profile with this id; an Error naming the known ones otherwise.
Result<const VendorProfile*> vendorProfile(const std::string& id);
/// The identity a device of this vendor reports when a scenario says nothing else.
DeviceIdentity vendorIdentity(const VendorProfile& profile);

/// Where the connector's endpoints are: plain and TLS base ("http://host:port"), either may be
/// empty when that transport is not offered.
struct EndpointBases {
    std::string plain, tls;
};

/// connector.sds in the vendor's own shape (valid against ServiceDirectory.xsd).
std::string serviceDirectoryXml(const VendorProfile& profile, const DeviceIdentity& identity,
                                const std::string& informationDate, bool tlsMandatory, bool clientAuthMandatory,
                                const EndpointBases& bases);

}  // namespace tiservice::sim
