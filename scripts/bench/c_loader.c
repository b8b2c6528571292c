/* Baseline for scripts/bench-import.sh: the simplest fast C loader of an import-format CSV
 * (platform,handle,observed_at,followers,following,posts,engagements,engagement_window_days,
 * source_url) with one prepared INSERT in one transaction. No quoting, little validation:
 * it is the speed to match, not a replacement for `registry-cli snapshot import`.
 * usage: c_loader DB CSV [BATCH]: with BATCH > 1, rows are written BATCH at a time by one
 * multi-row INSERT (the importer's technique; the last partial batch row by row). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_SIZE (1 << 20)
struct entry { char *key; long long id; };
static struct entry table[TABLE_SIZE];

static unsigned long hash(const char *s, size_t n) {
  unsigned long h = 1469598103934665603UL;
  for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211UL; }
  return h;
}
static void put(const char *key, long long id) {
  unsigned long i = hash(key, strlen(key)) & (TABLE_SIZE - 1);
  while (table[i].key) i = (i + 1) & (TABLE_SIZE - 1);
  table[i].key = strdup(key);
  table[i].id = id;
}
static long long get(const char *key, size_t n) {
  unsigned long i = hash(key, n) & (TABLE_SIZE - 1);
  while (table[i].key) {
    if (strlen(table[i].key) == n && memcmp(table[i].key, key, n) == 0) return table[i].id;
    i = (i + 1) & (TABLE_SIZE - 1);
  }
  return -1;
}
static long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}
static int num(const char *s, int n) { int v = 0; for (int i = 0; i < n; i++) v = v * 10 + s[i] - '0'; return v; }
static long long parse_time(const char *s, size_t n) {
  long long t = days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2)) * 86400;
  if (n >= 19) t += num(s + 11, 2) * 3600 + num(s + 14, 2) * 60 + num(s + 17, 2);
  return t;
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) { fprintf(stderr, "usage: c_loader DB CSV [BATCH]\n"); return 2; }
  int batch = argc == 4 ? atoi(argv[3]) : 1;
  if (batch < 1 || batch > 1000) { fprintf(stderr, "BATCH: 1 to 1000\n"); return 2; }
  sqlite3 *db;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) { fprintf(stderr, "open: %s\n", sqlite3_errmsg(db)); return 1; }
  sqlite3_exec(db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384", 0, 0, 0);
  sqlite3_stmt *q;
  sqlite3_prepare_v2(db,
    /* generated handles as written in the CSV: stored youtube handles start with '@',
       linkedin ones with 'company/' */
    "SELECT platform || '/' || CASE platform WHEN 'youtube' THEN ltrim(handle, '@') WHEN 'linkedin' THEN substr(handle, instr(handle, '/') + 1) ELSE handle END, id FROM channel", -1, &q, 0);
  while (sqlite3_step(q) == SQLITE_ROW) put((const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1));
  sqlite3_finalize(q);
  sqlite3_stmt *src;
  sqlite3_prepare_v2(db, "SELECT id FROM source WHERE url = ?", -1, &src, 0);
  FILE *f = fopen(argv[2], "r");
  if (!f) { perror(argv[2]); return 1; }
  static char buf[1 << 20];
  setvbuf(f, NULL, _IOFBF, 1 << 20);
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  sqlite3_stmt *ins, *many = NULL;
  const char *head = "INSERT INTO snapshot (channel_id, observed_at, followers, following, posts, "
    "engagements, engagement_window_days, source_id, note) VALUES ";
  const char *tail = " ON CONFLICT (channel_id, observed_at, source_id) DO NOTHING";
  static char sql[64 * 1024];
  snprintf(sql, sizeof sql, "%s(?, ?, ?, ?, ?, ?, ?, ?, NULL)%s", head, tail);
  sqlite3_prepare_v2(db, sql, -1, &ins, 0);
  if (batch > 1) {
    /* OR IGNORE, as the importer: with ON CONFLICT DO NOTHING a multi-row INSERT keeps a
       statement journal (a CHECK may abort it), slow when rows are not in key order */
    int o = snprintf(sql, sizeof sql, "INSERT OR IGNORE%s", head + strlen("INSERT"));
    for (int k = 0; k < batch; k++) o += snprintf(sql + o, sizeof sql - o, "%s(?,?,?,?,?,?,?,?,NULL)", k ? "," : "");
    if (sqlite3_prepare_v2(db, sql, -1, &many, 0) != SQLITE_OK) { fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db)); return 1; }
  }
  /* pending rows of a batch: 8 values each, -1 for NULL (counts are never negative here) */
  long long *pending = malloc(sizeof(long long) * 8 * (size_t)batch);
  int npending = 0;
  char last_url[1024] = "";
  long long source_id = -1, rows = 0;
  char key[512];
  if (!fgets(buf, sizeof buf, f)) return 1; /* header */
  while (fgets(buf, sizeof buf, f)) {
    char *field[9]; size_t len[9]; int nf = 0; char *p = buf;
    while (nf < 9) {
      field[nf] = p;
      while (*p && *p != ',' && *p != '\n' && *p != '\r') p++;
      len[nf] = (size_t)(p - field[nf]);
      nf++;
      if (*p != ',') break;
      p++;
    }
    if (nf < 9) continue;
    size_t kn = len[0] + 1 + len[1];
    memcpy(key, field[0], len[0]); key[len[0]] = '/'; memcpy(key + len[0] + 1, field[1], len[1]);
    long long channel = get(key, kn);
    if (channel < 0) { fprintf(stderr, "unknown channel %.*s\n", (int)kn, key); return 1; }
    if (len[8] != strlen(last_url) || memcmp(field[8], last_url, len[8]) != 0) {
      memcpy(last_url, field[8], len[8]); last_url[len[8]] = 0;
      sqlite3_reset(src);
      sqlite3_bind_text(src, 1, last_url, -1, SQLITE_STATIC);
      if (sqlite3_step(src) != SQLITE_ROW) { fprintf(stderr, "unknown source %s\n", last_url); return 1; }
      source_id = sqlite3_column_int64(src, 0);
    }
    long long *v = pending + 8 * npending++;
    v[0] = channel;
    v[1] = parse_time(field[2], len[2]);
    for (int i = 3; i < 8; i++) v[i - 1] = len[i] == 0 ? -1 : strtoll(field[i], NULL, 10);
    v[7] = source_id;
    rows++;
    if (npending < batch) continue;
    sqlite3_stmt *s = batch > 1 ? many : ins;
    for (int k = 0; k < npending * 8; k++) {
      if (pending[k] < 0) sqlite3_bind_null(s, k + 1); else sqlite3_bind_int64(s, k + 1, pending[k]);
    }
    if (sqlite3_step(s) != SQLITE_DONE) { fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_reset(s);
    npending = 0;
  }
  for (int r = 0; r < npending; r++) {
    for (int k = 0; k < 8; k++) {
      long long x = pending[8 * r + k];
      if (x < 0) sqlite3_bind_null(ins, k + 1); else sqlite3_bind_int64(ins, k + 1, x);
    }
    if (sqlite3_step(ins) != SQLITE_DONE) { fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_reset(ins);
  }
  if (many) sqlite3_finalize(many);
  free(pending);
  sqlite3_finalize(ins);
  sqlite3_finalize(src);
  if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) { fprintf(stderr, "commit: %s\n", sqlite3_errmsg(db)); return 1; }
  sqlite3_close(db);
  printf("%lld rows\n", rows);
  return 0;
}
