// libxml2's streaming XML reader and HTML parser, for FeedFormats. The include path comes from
// pkg-config (libxml-2.0), so the headers resolve as <libxml/...>.
#ifndef PAPERBOY_CLIBXML2_SHIM_H
#define PAPERBOY_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>

#endif
