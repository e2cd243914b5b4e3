import CLibXML2
import Foundation

/// Why libxml2 stopped reading a document: its error code, 1-based line and message.
struct XMLReadError: Error, Sendable {
    var code: Int32
    var line: Int
    /// 1-based column on `line`, 0 when libxml2 did not say.
    var column = 0
    var message: String

    /// libxml2's code for a declared encoding it has no converter for.
    var isUnsupportedEncoding: Bool {
        code == Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue) || code == Int32(XML_ERR_UNKNOWN_ENCODING.rawValue)
            || code == Int32(XML_I18N_NO_HANDLER.rawValue)
    }
}

/// Collects libxml2's reports for one parse, so nothing is printed and the first real error is kept.
final class XMLErrorSink {
    private(set) var firstFatal: XMLReadError?
    private(set) var firstError: XMLReadError?

    /// Keeps the first fatal error and the first error; warnings are dropped.
    func record(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var raw = e.message.map { String(cString: $0) } ?? "unknown error"
        // libxml2's own nesting limit names an option the reader cannot act on.
        if raw.hasPrefix("Excessive depth in document") { raw = "elements nest deeper than 256 levels" }
        let report = XMLReadError(code: e.code, line: Int(e.line), column: Int(e.int2), message: TextCleaning.line(raw))
        if e.level.rawValue >= XML_ERR_FATAL.rawValue, firstFatal == nil { firstFatal = report }
        if firstError == nil { firstError = report }
    }

    /// The error to report when reading stopped.
    var stoppingError: XMLReadError {
        firstFatal ?? firstError ?? XMLReadError(code: -1, line: 0, message: "the XML reader stopped")
    }
}

/// The libxml2 streaming reader (`xmlTextReader`) over one in-memory document, with safe options.
///
/// Only ever used inside `XMLStreamReader.read(_:encoding:body:)`, which creates and frees it, so no
/// libxml2 pointer outlives the call. Names are compared as interned pointers (`xmlTextReaderConstString`
/// returns the same pointer the reader uses for element names), so no per-node strings are made.
struct XMLStreamReader {
    /// No entity substitution (no NOENT), no DTD loading, attributes or validation, no network, no
    /// HUGE (libxml2 keeps its size limits), CDATA merged into text, and nothing printed.
    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)

    let reader: OpaquePointer
    let sink: XMLErrorSink

    /// `/dev/null`, opened once and never closed or written by us; only libxml2's fallback printer uses it.
    /// `nonisolated(unsafe)`: the pointer is set once and never changes, and FILE writes lock themselves.
    nonisolated(unsafe) static let discard: UnsafeMutablePointer<FILE>? = fopen("/dev/null", "w")

    /// Runs `body` with a reader over `bytes`. `encoding` forces a character encoding (the document's
    /// own declaration is then ignored); nil lets libxml2 read the declaration or byte-order mark.
    /// Attributes past `MarkupLimits` are blanked first (`XMLMarkupLimits`), and the reader never takes
    /// in a DTD (`XMLEntityGuard`).
    static func read<R>(
        _ bytes: UnsafeRawBufferPointer, encoding: String?, body: (inout XMLStreamReader) throws(XMLReadError) -> R
    ) throws(XMLReadError) -> R {
        if let capped = XMLMarkupLimits.capped(bytes) {
            let result = capped.withUnsafeBytes { raw -> Result<R, XMLReadError> in
                do throws(XMLReadError) { return .success(try readWithinLimits(raw, encoding: encoding, body: body)) } catch { return .failure(error) }
            }
            return try result.get()
        }
        return try readWithinLimits(bytes, encoding: encoding, body: body)
    }

    private static func readWithinLimits<R>(
        _ bytes: UnsafeRawBufferPointer, encoding: String?, body: (inout XMLStreamReader) throws(XMLReadError) -> R
    ) throws(XMLReadError) -> R {
        LibXML.ensureInitialized()
        let sink = XMLErrorSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // Some errors (failed encoding conversions) bypass the reader's handler and go to the thread's
        // global handlers, which print to stderr; point those at the sink for the duration of the parse.
        let structuredSlot = __xmlStructuredError()
        let structuredContextSlot = __xmlStructuredErrorContext()
        let genericContextSlot = __xmlGenericErrorContext()
        let savedStructured = structuredSlot?.pointee
        let savedStructuredContext = structuredContextSlot?.pointee
        let savedGenericContext = genericContextSlot?.pointee
        structuredSlot?.pointee = xmlFeedErrorHandler
        structuredContextSlot?.pointee = context
        // The default unstructured handler prints to the FILE in its context; a C variadic handler
        // cannot be written in Swift, so any stray message goes to /dev/null instead.
        genericContextSlot?.pointee = XMLStreamReader.discard.map { UnsafeMutableRawPointer($0) }
        defer {
            structuredSlot?.pointee = savedStructured ?? nil
            structuredContextSlot?.pointee = savedStructuredContext ?? nil
            genericContextSlot?.pointee = savedGenericContext ?? nil
        }
        var options = Self.options
        if encoding != nil { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              let reader = xmlReaderForMemory(base, Int32(clamping: bytes.count), nil, encoding, options)
        else {
            throw XMLReadError(code: -1, line: 0, message: "libxml2 could not create a reader")
        }
        defer { xmlFreeTextReader(reader) }
        // Should the reader's parser ever not be found, a document that could declare entities is refused.
        if !XMLEntityGuard.install(on: reader), XMLPrologue(bytes).hasInternalSubset {
            throw XMLReadError(code: -1, line: 0, message: "the document declares a DTD, which is never read")
        }
        xmlTextReaderSetStructuredErrorHandler(reader, xmlFeedErrorHandler, context)
        var stream = XMLStreamReader(reader: reader, sink: sink)
        return try withExtendedLifetime(sink) { () throws(XMLReadError) -> R in try body(&stream) }
    }

    /// Moves to the next node; false at the end of the document. Throws libxml2's first error.
    func next() throws(XMLReadError) -> Bool {
        switch xmlTextReaderRead(reader) {
        case 1: return true
        case 0: return false
        default: throw sink.stoppingError
        }
    }

    /// The current node's type (`XML_READER_TYPE_ELEMENT`, `…_TEXT`, `…_END_ELEMENT`, …).
    var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    /// The current node's depth; the root element is 0.
    var depth: Int32 { xmlTextReaderDepth(reader) }
    /// Whether the current element is written `<x/>`: no content and no end-element node will follow.
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    /// The interned local name of the current element or attribute.
    var localName: UnsafePointer<UInt8>? { xmlTextReaderConstLocalName(reader) }
    /// The interned namespace URI of the current element or attribute, nil for none.
    var namespaceURI: UnsafePointer<UInt8>? { xmlTextReaderConstNamespaceUri(reader) }
    /// The qualified name (`prefix:local`) of the current node.
    var qualifiedName: UnsafePointer<UInt8>? { xmlTextReaderConstName(reader) }
    /// The text of the current text node or attribute, valid until the reader moves.
    var value: UnsafePointer<UInt8>? { xmlTextReaderConstValue(reader) }
    /// The `xml:base` in effect for the current node, if any.
    var baseURI: String? { xmlTextReaderConstBaseUri(reader).map { String(cString: $0) } }

    /// The reader's interned copy of `name`, for pointer comparisons with `localName`/`namespaceURI`.
    func intern(_ name: String) -> UnsafePointer<UInt8>? {
        xmlTextReaderConstString(reader, name)
    }

    /// Calls `body` with each attribute of the current element (local name, namespace URI, value),
    /// then moves back to the element.
    func forEachAttribute(_ body: (UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>) -> Void) {
        guard xmlTextReaderHasAttributes(reader) == 1, xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return }
        repeat {
            if let value = xmlTextReaderConstValue(reader) {
                body(xmlTextReaderConstLocalName(reader), xmlTextReaderConstNamespaceUri(reader), value)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
    }

    /// The value of the attribute with this interned local name (and namespace, nil for none).
    func attribute(_ name: UnsafePointer<UInt8>?, namespace: UnsafePointer<UInt8>? = nil) -> String? {
        var found: String?
        forEachAttribute { local, ns, value in
            if found == nil, local == name, ns == namespace { found = String(cString: value) }
        }
        return found
    }

    /// The character an HTML named entity reference stands for (`nbsp` → U+00A0), from libxml2's table.
    static func htmlEntity(_ name: UnsafePointer<UInt8>) -> Unicode.Scalar? {
        guard let entry = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(entry.pointee.value)
    }
}

/// Node types of the streaming reader, as Int32 for cheap switches.
enum XMLNode {
    static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    static let text = Int32(XML_READER_TYPE_TEXT.rawValue)
    static let cdata = Int32(XML_READER_TYPE_CDATA.rawValue)
    static let entityReference = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
    static let whitespace = Int32(XML_READER_TYPE_WHITESPACE.rawValue)
    static let significantWhitespace = Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
    static let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
}

/// libxml2's structured error callback: hands the error to the `XMLErrorSink` passed as context.
private let xmlFeedErrorHandler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error)
}
