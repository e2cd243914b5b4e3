import Foundation
import GRDB
import NewsModels

extension SQLiteFeedStorage {
    // MARK: Users and device tokens

    public func addUser(name: String) throws -> Int64 {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [name]) == nil else {
                throw FeedStorageError.userExists(name)
            }
            try db.execute(
                sql: "INSERT INTO user (name, createdAt) VALUES (?, ?)",
                arguments: [name, Timestamp.now().epochMilliseconds])
            return db.lastInsertedRowID
        }
    }

    public func addDeviceToken(userName: String, tokenHash: String, label: String?) throws {
        try pool.write { db in
            guard let userId = try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE name = ?", arguments: [userName]) else {
                throw FeedStorageError.unknownUser(userName)
            }
            try db.execute(
                sql: "INSERT INTO device_token (userId, tokenHash, label, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [userId, tokenHash, label, Timestamp.now().epochMilliseconds])
        }
    }

    public func revokeDeviceToken(tokenHash: String) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE device_token SET revokedAt = ? WHERE tokenHash = ? AND revokedAt IS NULL",
                arguments: [Timestamp.now().epochMilliseconds, tokenHash])
            return db.changesCount > 0
        }
    }

    public func deviceTokens(userName: String?) throws -> [DeviceTokenRecord] {
        try pool.read { db in
            var sql = """
                SELECT t.tokenHash, u.name, t.label, t.createdAt, t.revokedAt FROM device_token t
                JOIN user u ON u.id = t.userId
                """
            var arguments: StatementArguments = []
            if let userName {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [userName]) != nil else {
                    throw FeedStorageError.unknownUser(userName)
                }
                sql += " WHERE u.name = ?"
                arguments = [userName]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY u.name, t.createdAt, t.id", arguments: arguments).map { row in
                DeviceTokenRecord(
                    id: DeviceToken.id(forHash: row[0]), userName: row[1], label: row[2],
                    createdAt: Timestamp(epochMilliseconds: row[3], offsetMinutes: 0),
                    revokedAt: (row[4] as Int64?).map { Timestamp(epochMilliseconds: $0, offsetMinutes: 0) })
            }
        }
    }

    public func revokeDeviceToken(id: String) throws -> DeviceTokenRecord {
        let wanted = id.lowercased()
        guard (6...64).contains(wanted.count), wanted.allSatisfy(\.isHexDigit) else { throw FeedStorageError.unknownToken(id) }
        return try pool.write { db in
            // Hex digits only (checked above), so the pattern holds no LIKE wildcards.
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT t.id, t.tokenHash, u.name, t.label, t.createdAt, t.revokedAt FROM device_token t
                    JOIN user u ON u.id = t.userId WHERE t.tokenHash LIKE ?
                    """, arguments: [wanted + "%"])
            guard let row = rows.first else { throw FeedStorageError.unknownToken(id) }
            guard rows.count == 1 else { throw FeedStorageError.ambiguousToken(id) }
            let now = Timestamp.now()
            let revokedAt = (row[5] as Int64?).map { Timestamp(epochMilliseconds: $0, offsetMinutes: 0) } ?? now
            try db.execute(
                sql: "UPDATE device_token SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL",
                arguments: [now.epochMilliseconds, row[0] as Int64])
            return DeviceTokenRecord(
                id: DeviceToken.id(forHash: row[1]), userName: row[2], label: row[3],
                createdAt: Timestamp(epochMilliseconds: row[4], offsetMinutes: 0), revokedAt: revokedAt)
        }
    }

    public func userId(forTokenHash tokenHash: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT userId FROM device_token WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [tokenHash])
        }
    }
}
