// libxml2's streaming XML reader and HTML parser, for FeedFormats. The include path comes from
// pkg-config (libxml-2.0), so the headers resolve as <libxml/...>.
#ifndef PAPERBOY_CLIBXML2_SHIM_H
#define PAPERBOY_CLIBXML2_SHIM_H

// libxml2 is built with ICU, so encoding.h would pull in the system ICU headers, whose enums clash
// with Foundation's bundled ICU in the same Swift module. We never touch the ICU fields of libxml2's
// encoding handlers (only pointers to them), so the headers are read as if ICU were off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>

#endif
