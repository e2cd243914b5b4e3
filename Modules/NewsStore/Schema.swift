import GRDB

/// The store's versioned schema. Migrations are append-only: never edit one that has shipped.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Content and per-user state live apart (as in NetNewsWire): state can arrive before its
            // article, survives a delete, and state churn never rewrites article rows.
            try db.execute(sql: """
                CREATE TABLE source (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    domain TEXT,
                    url TEXT
                );
                CREATE TABLE story (
                    id TEXT PRIMARY KEY NOT NULL,
                    headline TEXT NOT NULL,
                    headlineAt INTEGER NOT NULL
                );
                CREATE TABLE article (
                    num INTEGER PRIMARY KEY AUTOINCREMENT,   -- the short id people type; never reused
                    id TEXT NOT NULL UNIQUE,
                    rev INTEGER NOT NULL,
                    seq INTEGER,                             -- content-log position of this revision
                    sourceId TEXT NOT NULL,
                    storyId TEXT,
                    title TEXT NOT NULL,
                    publishedAt INTEGER NOT NULL,            -- epoch milliseconds
                    publishedOffset INTEGER NOT NULL,        -- minutes east of UTC, as published
                    updatedAt INTEGER,
                    contentHash TEXT NOT NULL,
                    json BLOB NOT NULL                       -- the whole revision in NewsJSON form
                );
                CREATE INDEX article_by_time ON article(publishedAt DESC, num DESC);
                CREATE INDEX article_by_source ON article(sourceId, publishedAt DESC);
                CREATE INDEX article_by_story ON article(storyId, publishedAt DESC) WHERE storyId IS NOT NULL;
                CREATE TABLE tombstone (
                    id TEXT PRIMARY KEY NOT NULL,            -- a deleted article: re-applying its older
                    rev INTEGER NOT NULL,                    -- puts must not bring it back
                    seq INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE article_state (
                    articleId TEXT PRIMARY KEY NOT NULL,
                    read INTEGER,
                    readHLC TEXT,
                    starred INTEGER,
                    starredHLC TEXT
                ) WITHOUT ROWID;
                CREATE TABLE sync_cursor (
                    remote TEXT PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL
                );
                CREATE TABLE state_journal (
                    mid INTEGER PRIMARY KEY AUTOINCREMENT,   -- per-client mutation id, never reused
                    op TEXT NOT NULL CHECK (op IN ('set', 'markReadUpTo')),
                    articleId TEXT,
                    field TEXT CHECK (field IN ('read', 'starred')),
                    value INTEGER,
                    upToSeq INTEGER,
                    sourceId TEXT,
                    hlc TEXT NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                -- source (id and name) is indexed so `source:` filters intersect doclists inside FTS5
                -- instead of joining every match; it carries no weight in ranking.
                CREATE VIRTUAL TABLE article_fts USING fts5(
                    title, dek, byline, body, source,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO article_fts(article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0, 0.0)');
                """)
        }
        migrator.registerMigration("v2-sync") { db in
            // Which remote an article came from (NULL: loaded locally), so a snapshot can retire what
            // its remote no longer has; snapshotMark is the snapshot seq that last listed it.
            try db.execute(sql: """
                ALTER TABLE article ADD COLUMN remote TEXT;
                ALTER TABLE article ADD COLUMN snapshotMark INTEGER;
                CREATE INDEX article_remote ON article(remote);
                CREATE TABLE remote (
                    name TEXT PRIMARY KEY NOT NULL,
                    url TEXT NOT NULL,
                    addedAt INTEGER NOT NULL
                );
                -- Per-remote sync bookkeeping: validators, state cursor, snapshot progress.
                CREATE TABLE sync_meta (
                    remote TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (remote, key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-search-backlog") { db in
            // Articles written but not yet in article_fts. Indexing is most of the cost of storing an
            // article, so a sync only queues it; search catches up before it answers.
            try db.execute(sql: "CREATE TABLE search_backlog (num INTEGER PRIMARY KEY NOT NULL)")
        }
        migrator.registerMigration("v4-subscriptions") { db in
            // Feeds the reader polls itself (no server), with what a conditional GET needs. `feed` on
            // an article names the subscription it came from, so unsubscribing can remove its articles.
            try db.execute(sql: """
                CREATE TABLE subscription (
                    url TEXT PRIMARY KEY NOT NULL,
                    title TEXT,
                    homePage TEXT,
                    categories TEXT NOT NULL DEFAULT '[]',   -- JSON array: the folder path, outermost first
                    sourceId TEXT,
                    etag TEXT,
                    lastModified TEXT,
                    validatorsAt INTEGER,                    -- when the validators were received
                    bodyHash TEXT,                           -- SHA-256 of the last body parsed
                    addedAt INTEGER NOT NULL,
                    lastPolledAt INTEGER,
                    lastSuccessAt INTEGER,
                    lastError TEXT,
                    failures INTEGER NOT NULL DEFAULT 0
                );
                ALTER TABLE article ADD COLUMN feed TEXT;
                CREATE INDEX article_feed ON article(feed) WHERE feed IS NOT NULL;
                """)
        }
        return migrator
    }
}
