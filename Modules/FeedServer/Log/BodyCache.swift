import Foundation
import NewsModels
import NIOCore

/// One coded variant of one version of a body.
struct Variant: Hashable, Sendable {
    let key: BodyKey
    let coding: ContentCoding
    let etag: String
}

/// Which body a cache entry holds.
enum BodyKey: Hashable, Sendable {
    /// Segment `k` of the content log (sealed or open).
    case segment(Int64)
    /// Chunk `chunk` of the snapshot taken at `seq`.
    case snapshot(seq: Int64, chunk: Int)
}

/// A response body, its validator, and the codings computed for it so far.
struct CachedBody: Sendable {
    /// The bytes as stored; a `ByteBuffer` so every response shares them instead of copying. Nil
    /// once evicted while compressed variants stay: those cost CPU to make, the bytes only a read.
    var identity: ByteBuffer?
    /// The strong validator of the identity bytes; coded variants append `-coding` to it.
    let etag: String
    /// Whether the body can never change (sealed segment, snapshot chunk).
    let immutable: Bool
    /// Codings already computed; a coding that did not shrink the body maps to `nil`.
    var encoded: [ContentCoding: ByteBuffer?] = [:]

    /// The number of bytes the entry keeps in memory.
    var cost: Int { (identity?.readableBytes ?? 0) + encoded.values.reduce(0) { $0 + ($1?.readableBytes ?? 0) } }
}

/// Keeps segment and snapshot bodies with their compressed variants, so a sealed segment is read,
/// hashed and compressed once however often it is served. Bounded by bytes: the least recently used
/// entries first give up their uncompressed bytes (re-read from storage when a client wants them),
/// then go entirely. Compression happens outside the actor so a cold entry never stalls hot ones.
actor BodyCache {
    private var entries: [BodyKey: (body: CachedBody, lastUse: UInt64)] = [:]
    /// Variants being compressed for waiting requests, so concurrent misses share one compression.
    private var inFlight: [Variant: Task<ByteBuffer?, Never>] = [:]
    private var cachedBytes = 0
    private var useCounter: UInt64 = 0
    private let byteLimit: Int

    init(byteLimit: Int = 256 << 20) {
        self.byteLimit = byteLimit
    }

    /// Bytes that can be stored before older entries give way.
    var room: Int { byteLimit - cachedBytes }

    /// The entry for `key` whose validator is `etag`; with `etag` nil, only an immutable entry (an
    /// open segment cached earlier must never answer for the sealed segment it became).
    func body(_ key: BodyKey, etag: String? = nil) -> CachedBody? {
        guard let entry = entries[key] else { return nil }
        if let etag {
            guard entry.body.etag == etag else { return nil }
        } else {
            guard entry.body.immutable else { return nil }
        }
        useCounter += 1
        entries[key]?.lastUse = useCounter
        return entry.body
    }

    /// Stores `body` under `key`, replacing an older version; variants already computed for the same
    /// validator are kept.
    func store(_ body: CachedBody, for key: BodyKey) {
        var body = body
        if let old = entries[key]?.body, old.etag == body.etag {
            body.encoded.merge(old.encoded) { mine, _ in mine }
        }
        remove(key)
        useCounter += 1
        entries[key] = (body, useCounter)
        cachedBytes += body.cost
        evictIfNeeded()
    }

    /// Records a coded variant of the entry whose validator is `etag`.
    func store(_ data: ByteBuffer?, coding: ContentCoding, for key: BodyKey, etag: String) {
        guard var entry = entries[key], entry.body.etag == etag, entry.body.encoded[coding] == nil else { return }
        entry.body.encoded[coding] = .some(data)
        cachedBytes += data?.readableBytes ?? 0
        entries[key] = entry
        evictIfNeeded()
    }

    /// The `coding` variant of `body` (stored under `key`): cached, being made for another request,
    /// or made now by `encode` and kept. A miss on a big sealed segment costs hundreds of
    /// milliseconds; requests arriving meanwhile wait for that one result instead of each starting
    /// their own.
    func variant(
        _ coding: ContentCoding, of body: CachedBody, for key: BodyKey,
        encode: @escaping @Sendable () async -> ByteBuffer?
    ) async -> ByteBuffer? {
        if let entry = entries[key], entry.body.etag == body.etag, let known = entry.body.encoded[coding] { return known }
        let variant = Variant(key: key, coding: coding, etag: body.etag)
        if let running = inFlight[variant] { return await running.value }
        let running = Task { await encode() }
        inFlight[variant] = running
        let encoded = await running.value
        inFlight[variant] = nil
        store(encoded, coding: coding, for: key, etag: body.etag)
        return encoded
    }

    private func remove(_ key: BodyKey) {
        if let old = entries.removeValue(forKey: key) { cachedBytes -= old.body.cost }
    }

    private func evictIfNeeded() {
        guard cachedBytes > byteLimit else { return }
        let byAge = entries.sorted { $0.value.lastUse < $1.value.lastUse }.map(\.key)
        for key in byAge where cachedBytes > byteLimit {
            guard var entry = entries[key], let identity = entry.body.identity,
                entry.body.encoded.values.contains(where: { $0 != nil })
            else { continue }
            entry.body.identity = nil
            cachedBytes -= identity.readableBytes
            entries[key] = entry
        }
        for key in byAge where cachedBytes > byteLimit { remove(key) }
    }
}
