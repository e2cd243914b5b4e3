import CLibXML2

/// Makes libxml2's XML reader itself unable to take in a DTD: its parser's SAX callbacks that record a
/// DOCTYPE, entity or notation declaration do nothing, and entity look-ups find only the five
/// predefined entities. This holds even if a DOCTYPE ever slipped past the blanking in `XMLInput`.
///
/// `xmlTextReader` keeps its parser context private; its first fields (`mode`, `doc`, `validate`,
/// `allocs`, `state`, then `ctxt`) have had the same layout from libxml2 2.6 to 2.13. The pointer found
/// there is used only after checking it is this reader's own context (`ctxt->_private` points back at
/// the reader); otherwise nothing is changed and `install` says so.
enum XMLEntityGuard {
    /// Installs the refusing callbacks on `reader`'s parser; false when its context could not be found.
    static func install(on reader: OpaquePointer) -> Bool {
        let raw = UnsafeRawPointer(reader)
        let pointerSize = MemoryLayout<UnsafeRawPointer>.size
        // int mode; xmlDocPtr doc; int validate; int allocs; int state; xmlParserCtxtPtr ctxt
        let docOffset = pointerSize
        let contextOffset = (docOffset + pointerSize + 3 * MemoryLayout<Int32>.size + pointerSize - 1) / pointerSize * pointerSize
        guard let context = raw.load(fromByteOffset: contextOffset, as: xmlParserCtxtPtr?.self),
              context.pointee._private == UnsafeMutableRawPointer(reader),
              let sax = context.pointee.sax
        else { return false }
        sax.pointee.internalSubset = { _, _, _, _ in }
        sax.pointee.externalSubset = { _, _, _, _ in }
        sax.pointee.entityDecl = { _, _, _, _, _, _ in }
        sax.pointee.unparsedEntityDecl = { _, _, _, _, _ in }
        sax.pointee.notationDecl = { _, _, _, _ in }
        sax.pointee.attributeDecl = { _, _, _, _, _, _, tree in xmlFreeEnumeration(tree) }
        sax.pointee.elementDecl = { _, _, _, _ in }
        sax.pointee.getEntity = { _, name in xmlGetPredefinedEntity(name) }
        sax.pointee.getParameterEntity = { _, _ in nil }
        sax.pointee.resolveEntity = { _, _, _ in nil }
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        return true
    }
}
