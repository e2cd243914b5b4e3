// libxml2's streaming XML reader and HTML parser, for FeedFormats.
//
// Linux, Android and other Unix systems: the include path comes from pkg-config (libxml-2.0), so the
// headers resolve as <libxml/...>.
//
// Apple platforms: the SDK ships libxml2 as a Clang module named `libxml2` (since Xcode 12) but no
// pkg-config, and its headers sit in usr/include/libxml2, off the default search path, so including
// <libxml/...> fails there (the failure Kanna and Fuzi users hit). This module then imports the SDK's
// module instead and re-exports it (`export *` in module.modulemap), so FeedFormats' `import
// CLibXML2` sees the same declarations on every platform without any header search path.
#ifndef PAPERBOY_CLIBXML2_SHIM_H
#define PAPERBOY_CLIBXML2_SHIM_H

#if defined(__APPLE__)

#pragma clang module import libxml2

#else

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

#endif
