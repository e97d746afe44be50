#ifndef HOTICH_CLIBXML2_SHIM_H
#define HOTICH_CLIBXML2_SHIM_H

// libxml2 for HoTichXML. Debian builds libxml2 with ICU, so these headers pull in the
// system ICU; a Swift module that also imports Foundation (or GRDB) clashes with
// Foundation's own ICU on a clean build. Only HoTichXML, which never imports
// Foundation, may import this module.
#include <stdlib.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/// The version of the libxml2 library linked at run time, as an integer (20914 for 2.9.14).
static inline int hotich_xml_runtime_version(void) {
    return xmlParserVersion != NULL ? atoi(xmlParserVersion) : 0;
}

/// Frees a string libxml2 allocated (xmlFree is a global function pointer, awkward from Swift 6).
static inline void hotich_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
