/// MinHash signatures with fixed seeds, and the band keys of a locality-sensitive-hashing index.
///
/// Seeds are constants rather than random so the same text always gives the same signature on
/// every machine and run, which keeps grouping reproducible and a persisted index valid.
enum MinHash {
    /// FNV-1a over the UTF-8 bytes: stable across runs, unlike `Hasher`, which is seeded per process.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// SplitMix64 finaliser: turns one base hash into independent-looking per-permutation hashes.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The signature of `keys`: for each of `count` seeded permutations, the minimum hash. Empty for no keys.
    static func signature(of keys: [String], count: Int) -> [UInt64] {
        guard !keys.isEmpty else { return [] }
        let seeds = (0..<count).map { mix(UInt64($0) &* 0x2545_f491_4f6c_dd1d) }
        var minima = [UInt64](repeating: .max, count: count)
        for key in keys {
            let base = fnv1a(key)
            for i in 0..<count {
                let h = mix(base ^ seeds[i])
                if h < minima[i] { minima[i] = h }
            }
        }
        return minima
    }

    /// One key per band: a hash of the band number and its rows, so equal bands meet in one bucket
    /// and equal rows in different bands do not.
    static func bandKeys(_ signature: [UInt64], rows: Int) -> [UInt64] {
        guard rows > 0, !signature.isEmpty else { return [] }
        return stride(from: 0, to: signature.count - rows + 1, by: rows).map { start in
            var h: UInt64 = UInt64(start / rows) &* 0xd6e8_feb8_6659_fd93
            for row in signature[start..<start + rows] { h = mix(h ^ row) }
            return h
        }
    }

    /// The bucket of a band key in one week: articles meet only when they share a band and a week.
    static func bucket(_ bandKey: UInt64, week: Int) -> UInt64 {
        mix(bandKey ^ (UInt64(bitPattern: Int64(week)) &* 0xa076_1d64_78bd_642f))
    }
}

/// Buckets of entry numbers by band key, as singly linked lists threaded through two flat arrays.
///
/// Most buckets hold one article, and a dictionary of arrays would spend an allocation on each; here
/// a bucket is one dictionary slot pointing at its newest entry, and each entry's slot points at the
/// one inserted before it. Lookups walk only the newest `limit` slots, so a hot bucket stays cheap.
struct BandIndex: Sendable, Codable, Hashable {
    private var heads: [UInt64: Int32] = [:]
    private var next: [Int32] = []
    private var entry: [Int32] = []

    /// Files entry number `entryNumber` under every bucket in `buckets`.
    mutating func insert(_ entryNumber: Int, buckets: [UInt64]) {
        for bucket in buckets {
            let slot = Int32(next.count)
            next.append(heads[bucket] ?? -1)
            entry.append(Int32(entryNumber))
            heads[bucket] = slot
        }
    }

    /// Calls `body` with the newest `limit` entry numbers filed under `bucket` (each once: an entry
    /// is filed once per bucket).
    func forEach(in bucket: UInt64, limit: Int, _ body: (Int) -> Void) {
        var slot = heads[bucket] ?? -1
        var taken = 0
        while slot >= 0, taken < limit {
            body(Int(entry[Int(slot)]))
            slot = next[Int(slot)]
            taken += 1
        }
    }
}
