#include "ccurl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname of libcurl 7.16 and later, whatever its TLS flavour; RTLD_LOCAL keeps its symbols
// (and OpenSSL's) out of the global namespace.
#define CCURL_LIBRARY "libcurl.so.4"

typedef CURLcode (*global_init_fn)(long flags);
typedef CURL *(*easy_init_fn)(void);
typedef void (*easy_cleanup_fn)(CURL *handle);
typedef CURLcode (*easy_perform_fn)(CURL *handle);
typedef const char *(*easy_strerror_fn)(CURLcode code);
typedef CURLcode (*easy_setopt_fn)(CURL *handle, CURLoption option, ...);
typedef CURLcode (*easy_getinfo_fn)(CURL *handle, CURLINFO info, ...);
typedef struct curl_slist *(*slist_append_fn)(struct curl_slist *list, const char *line);
typedef void (*slist_free_all_fn)(struct curl_slist *list);

static struct {
  global_init_fn global_init;
  easy_init_fn easy_init;
  easy_cleanup_fn easy_cleanup;
  easy_perform_fn easy_perform;
  easy_strerror_fn easy_strerror;
  easy_setopt_fn easy_setopt;
  easy_getinfo_fn easy_getinfo;
  slist_append_fn slist_append;
  slist_free_all_fn slist_free_all;
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = NULL;
static char load_message[512];

static void *symbol(void *library, const char *name) {
  void *address = dlsym(library, name);
  if (address == NULL && load_error == NULL) {
    snprintf(load_message, sizeof load_message,
             "%s has no %s (too old?): install a current libcurl4 "
             "(Debian package libcurl4, or libcurl4-openssl-dev)",
             CCURL_LIBRARY, name);
    load_error = load_message;
  }
  return address;
}

static void load(void) {
  void *library = dlopen(CCURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(load_message, sizeof load_message,
             "libcurl could not be loaded (%s): install the Debian package libcurl4 "
             "(or libcurl4-openssl-dev, which includes it)",
             reason != NULL ? reason : CCURL_LIBRARY);
    load_error = load_message;
    return;
  }
  // dlsym returns void *; POSIX guarantees that it converts to a function pointer.
  api.global_init = (global_init_fn)symbol(library, "curl_global_init");
  api.easy_init = (easy_init_fn)symbol(library, "curl_easy_init");
  api.easy_cleanup = (easy_cleanup_fn)symbol(library, "curl_easy_cleanup");
  api.easy_perform = (easy_perform_fn)symbol(library, "curl_easy_perform");
  api.easy_strerror = (easy_strerror_fn)symbol(library, "curl_easy_strerror");
  api.easy_setopt = (easy_setopt_fn)symbol(library, "curl_easy_setopt");
  api.easy_getinfo = (easy_getinfo_fn)symbol(library, "curl_easy_getinfo");
  api.slist_append = (slist_append_fn)symbol(library, "curl_slist_append");
  api.slist_free_all = (slist_free_all_fn)symbol(library, "curl_slist_free_all");
  if (load_error != NULL) return;
  // curl_global_init is not thread-safe: pthread_once runs it once, before the first handle.
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    snprintf(load_message, sizeof load_message, "libcurl could not be initialised");
    load_error = load_message;
  }
}

const char *ccurl_load(void) {
  pthread_once(&load_once, load);
  return load_error;
}

CURL *ccurl_easy_init(void) { return api.easy_init(); }

void ccurl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }

CURLcode ccurl_easy_perform(CURL *handle) { return api.easy_perform(handle); }

const char *ccurl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
  return api.slist_append(list, line);
}

void ccurl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_callback(CURL *handle, CURLoption option, ccurl_data_callback value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return api.easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
  return api.easy_getinfo(handle, info, value);
}
