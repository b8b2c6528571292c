// libcurl loaded at run time: the binary does not link libcurl, so the ~30 shared libraries it
// pulls in are not loaded on every start, only when a command first needs HTTP.
//
// ccurl_load() dlopens libcurl.so.4 once per process; the other functions call into it and must
// only be used after ccurl_load() returned NULL. curl_easy_setopt / curl_easy_getinfo are
// variadic, which Swift cannot call: they get typed, non-variadic wrappers. The types and
// constants come from <curl/curl.h> (package libcurl4-openssl-dev at build time).
#ifndef REGISTRY_CCURL_SHIM_H
#define REGISTRY_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *userdata);

/// Loads libcurl and runs curl_global_init, once per process (thread-safe); NULL when libcurl is
/// ready, else a message saying why it is not (the same message on every call).
const char *ccurl_load(void);

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_callback(CURL *handle, CURLoption option, ccurl_data_callback value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
// A string the handle owns (valid until the handle is cleaned up), e.g. CURLINFO_EFFECTIVE_URL.
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
