import CLibXML2

/// What libxml2's HTML parser reports, element by element, in document order. Start and end events
/// always pair up: libxml2 closes elements the HTML left open and ignores stray end tags.
protocol HTMLEventReceiver: AnyObject {
    /// An element starts; `attributes` are only valid during the call.
    func start(_ tag: HTMLTag, _ attributes: HTMLAttributes)
    /// An element ends.
    func end(_ tag: HTMLTag)
    /// Character data, references decoded, as UTF-8; only valid during the call.
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Whether the receiver has all it wants; parsing stops at the next event.
    var isDone: Bool { get }
}

/// Runs libxml2's HTML parser (recovering, never printing, never touching the network) over a document
/// through its SAX interface: no tree is built, and nothing here recurses, however deep the markup.
enum HTMLSAXParser {
    /// Nesting past this depth stops the parse (what came before is kept). Browsers stop nesting at 512
    /// too; libxml2 2.9 has no limit of its own here, and each stray end tag searches the open elements,
    /// so 100k nested elements plus stray end tags would otherwise take quadratic time.
    static let maxDepth = 512
    /// Documents are read up to this many bytes (libxml2 takes an `int` length).
    static let maxInputBytes = 256 << 20

    /// Parses `bytes` in `encoding` (nil lets libxml2 decide from a byte-order mark or `<meta charset>`)
    /// and returns the encoding the document declared, if any. `ignoreDeclaredEncoding` keeps libxml2
    /// from switching encodings on a `<meta charset>` inside text that is already decoded;
    /// `stopAtDeclaredEncoding` stops at the element that declared one, before anything is read in it.
    /// The document ends before any element with more than `MarkupLimits.maxAttributes` attributes.
    @discardableResult
    static func parse(
        _ bytes: UnsafeRawBufferPointer, encoding: String?, ignoreDeclaredEncoding: Bool, into receiver: any HTMLEventReceiver,
        stopAtDeclaredEncoding: Bool = false
    ) -> String? {
        let bytes = UnsafeRawBufferPointer(rebasing: bytes.prefix(min(maxInputBytes, HTMLMarkupLimits.cutOffset(bytes) ?? bytes.count)))
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return nil }
        LibXML.ensureInitialized()
        // Encoding conversion errors are raised outside the parser context, to the thread's structured
        // error handler or else to stderr; a silent handler for the (synchronous) parse keeps them quiet.
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let session = HTMLParseSession(receiver: receiver, context: context, stopAtDeclaredEncoding: stopAtDeclaredEncoding)
        var options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        if ignoreDeclaredEncoding { options |= HTML_PARSE_IGNORE_ENC.rawValue }
        withExtendedLifetime(session) {
            context.pointee.sax.pointee = handler
            context.pointee.userData = Unmanaged.passUnretained(session).toOpaque()
            let length = Int32(bytes.count)
            let document = start.withMemoryRebound(to: CChar.self, capacity: Int(length)) {
                htmlCtxtReadMemory(context, $0, length, nil, encoding, Int32(bitPattern: options))
            }
            if let document { xmlFreeDoc(document) }  // none is built without tree callbacks; freed to be sure
        }
        return context.pointee.input?.pointee.encoding.map { String(cString: $0) }
    }

    /// The callbacks: elements, text (whitespace libxml2 calls ignorable included) and nothing else;
    /// comments, processing instructions and script or style bodies are not wanted. The structured error
    /// callback swallows parse errors (recovery handles them) so libxml2 never prints, whatever global
    /// handler another module may have set.
    private static var handler: htmlSAXHandler {
        var sax = htmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElement = { context, name, attributes in
            guard let context, let name else { return }
            HTMLParseSession.from(context).start(name, attributes)
        }
        sax.endElement = { context, name in
            guard let context, let name else { return }
            HTMLParseSession.from(context).end(name)
        }
        sax.characters = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            HTMLParseSession.from(context).text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { _, _, _ in }
        sax.serror = { _, _ in }
        return sax
    }
}

/// One parse: forwards libxml2's callbacks to the receiver, counts depth and stops the parser when the
/// receiver is done or the markup nests too deep. A class because libxml2 holds it as a C context pointer.
private final class HTMLParseSession {
    let receiver: any HTMLEventReceiver
    let context: htmlParserCtxtPtr
    let stopAtDeclaredEncoding: Bool
    private var depth = 0
    private var stopped = false

    init(receiver: any HTMLEventReceiver, context: htmlParserCtxtPtr, stopAtDeclaredEncoding: Bool) {
        self.receiver = receiver
        self.context = context
        self.stopAtDeclaredEncoding = stopAtDeclaredEncoding
    }

    static func from(_ pointer: UnsafeMutableRawPointer) -> HTMLParseSession {
        Unmanaged<HTMLParseSession>.fromOpaque(pointer).takeUnretainedValue()
    }

    func start(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard !stopped else { return }
        depth += 1
        guard depth <= HTMLSAXParser.maxDepth else { return stop() }
        receiver.start(HTMLTag(name: name), HTMLAttributes(pairs: attributes))
        // libxml2 switches encodings on the `<meta>` that names one, before reporting it.
        if receiver.isDone || (stopAtDeclaredEncoding && context.pointee.input?.pointee.encoding != nil) { stop() }
    }

    func end(_ name: UnsafePointer<UInt8>) {
        guard !stopped else { return }
        depth -= 1
        receiver.end(HTMLTag(name: name))
        if receiver.isDone { stop() }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stopped else { return }
        receiver.text(bytes)
        if receiver.isDone { stop() }
    }

    private func stop() {
        stopped = true
        xmlStopParser(context)
    }
}
