// Process-wide SQLite settings that Swift cannot make itself: sqlite3_config is variadic.
// The declarations come from <sqlite3.h> (package libsqlite3-dev at build time); the library is
// the one GRDB links.
#ifndef REGISTRY_CSQLITE_SHIM_H
#define REGISTRY_CSQLITE_SHIM_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS): with them on, every
/// allocation and free of every connection takes one process-wide mutex, on which a report's two
/// reading threads contended (futex calls). Off, sqlite3_memory_used() and the highwater mark
/// stay 0 and a soft heap limit is not enforced; the registry uses neither. Returns SQLITE_OK,
/// or SQLITE_MISUSE when SQLite was already initialized in this process (the setting is then
/// unchanged: it only applies before sqlite3_initialize).
int csqlite_disable_memory_statistics(void);

#endif
