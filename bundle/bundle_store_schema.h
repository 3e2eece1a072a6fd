// Internal to bundle_store.cpp: a kiosk's bundle store file. The manifest row is the signed
// manifest in force; roster holds each holder's photo digest apart from the photos, so that a
// scan's lookup and the digest check at start read a few MB, not the photos. Version 3 adds the
// holder index for manual lookup (holder_index.h, created beside this schema).
#pragma once

namespace accred::bundle_store_schema {

inline constexpr const char* kSchema = R"sql(
PRAGMA user_version = 3;
CREATE TABLE manifest(id INTEGER PRIMARY KEY CHECK(id = 1), version INTEGER NOT NULL,
  signed BLOB NOT NULL) STRICT;
CREATE TABLE roster(holder TEXT PRIMARY KEY, sha256 BLOB NOT NULL CHECK(length(sha256) = 32))
  STRICT, WITHOUT ROWID;
CREATE TABLE photos(holder TEXT PRIMARY KEY, photo BLOB NOT NULL) STRICT;
)sql";

} // namespace accred::bundle_store_schema
