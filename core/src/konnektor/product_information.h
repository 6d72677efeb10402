#pragma once

#include "tiservice/konnektor/service_directory.h"
#include "xml_tree.h"

namespace tiservice::konnektor {

/// Reads a ProductInformation element; empty fields stay empty, versions unknown.
ProductInformation readProductInformation(const xml::Element& e);

}  // namespace tiservice::konnektor
