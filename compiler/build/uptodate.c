/* uptodate.c — a document's input files, and the folder's record of what
 * each document was made from; see uptodate.h.
 *
 * The record is text: a first line naming its format, then per document
 *   doc <TAB> key <TAB> identity <TAB> path
 *   in <TAB> size <TAB> checksum <TAB> path      (one per file it read)
 * where identity is cachefile_identity's and checksum checksum_of's (base/checksum.h)
 * of the file's bytes, in hexadecimal. */
#include "build/uptodate.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/cachefile.h"
#include "base/diag.h"
#include "base/inputs.h"
#include "base/outfile.h"

#define RECORD_FORMAT "formc build record 1\n"
#define RECORD_MAX (64u << 20)

void filelist_add(Arena *a, FileList *l, const char *path) {
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->paths[i], path)) return;
    *(const char **)arena_push(a, &l->paths, &l->n, &l->cap, sizeof path) = arena_strdup(a, path);
}

typedef struct { Arena *a; FileList *l; } Adding;

static void add_one(void *user, const char *path) {
    Adding *ad = user;
    filelist_add(ad->a, ad->l, path);
}

void filelist_add_read(Arena *a, FileList *l) {
    Adding ad = { a, l };
    inputs_each(add_one, &ad);
}

void filelist_add_all(Arena *a, FileList *l, const FileList *from) {
    for (int i = 0; i < from->n; i++) filelist_add(a, l, from->paths[i]);
}

const char **filelist_array(Arena *a, const FileList *l) {
    const char **out = arena_alloc(a, sizeof *out * (size_t)(l->n + 1));
    for (int i = 0; i < l->n; i++) out[i] = l->paths[i];
    out[l->n] = NULL;
    return out;
}

const char *formc_executable(Arena *a) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    return arena_strndup(a, exe, (size_t)n);
}

/* ---- what a file holds ------------------------------------------------ */

/* A file's size and checksum as a document was made from it; ok false
 * when it could not be read, or was read holding different bytes. The
 * bytes are those the document was made from: what this process read of
 * the file (inputs.h, noted as it was read), or what another process said
 * it read (records_note_read: a member's files, read by its own job, for
 * the summary); a file read by neither is read here, once per process (a
 * build reads its inputs as they were when it began). */
typedef struct Sum {
    char *path;
    bool ok;
    bool told;          /* said by another process, not read here */
    bool looked;        /* read here (read_sum), once */
    uint64_t size, checksum;
} Sum;

static Sum *sums;
static int nsums, cap_sums;

/* The entry of path in sums, made (not ok) when it has none. */
static Sum *entry(const char *path) {
    for (int i = 0; i < nsums; i++)
        if (!strcmp(sums[i].path, path)) return &sums[i];
    if (nsums == cap_sums) {
        cap_sums = cap_sums ? cap_sums * 2 : 32;
        sums = xrealloc(sums, sizeof *sums * (size_t)cap_sums);
    }
    Sum *s = &sums[nsums++];
    *s = (Sum){ .path = xstrdup(path) };
    return s;
}

/* Reads the file at path into s. */
static void read_sum(Sum *s) {
    s->looked = true;
    int fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0) return;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t n = (size_t)st.st_size, got = 0;
        char *buf = xmalloc(n + 1);
        ssize_t r;
        while (got < n && (r = read(fd, buf + got, n - got)) > 0) got += (size_t)r;
        s->ok = got == n && read(fd, buf, 1) == 0;     /* not grown meanwhile */
        s->size = n;
        s->checksum = checksum_of(buf, n);
        free(buf);
    }
    close(fd);
}

/* The sum of the file at path, as a document made now is made from it. */
static Sum sum_of(const char *path) {
    Sum read = { .path = (char *)path }, *s = entry(path);
    switch (inputs_content(path, &read.size, &read.checksum)) {
    case INPUT_READ_CHANGED:
        return read;
    case INPUT_READ:
        read.ok = !s->told || (s->ok && s->size == read.size && s->checksum == read.checksum);
        return read;
    case INPUT_NOT_READ:
        break;
    }
    if (!s->told && !s->looked) read_sum(s);
    return *s;
}

void records_note_read(const char *path, bool ok, uint64_t size, uint64_t checksum) {
    Sum *s = entry(path);
    if (!s->told) *s = (Sum){ s->path, ok, true, false, size, checksum };
    else if (!ok || s->size != size || s->checksum != checksum) s->ok = false;
}

bool records_input_sum(const char *path, uint64_t *size, uint64_t *checksum) {
    Sum s = sum_of(path);
    *size = s.size;
    *checksum = s.checksum;
    return s.ok;
}

void records_note_inputs(const FileList *in) {
    for (int i = 0; i < in->n; i++) sum_of(in->paths[i]);
}

/* ---- the folder's record ---------------------------------------------- */

typedef struct Record {
    char *out;          /* the document's path */
    char *text;         /* its lines, whole */
} Record;

struct Records {
    Record *r;
    int n, cap;
    char *loaded;       /* the record as it was read (NULL: none) */
};

/* The record of out in r, or NULL. */
static Record *find(const Records *r, const char *out) {
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->r[i].out, out)) return &r->r[i];
    return NULL;
}

/* Takes the records in text (each beginning with a "doc" line) into r,
 * each in place of one of the same document. */
static void take(Records *r, const char *text, size_t len) {
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *next = p;
        do {                                  /* to the next "doc" line */
            const char *nl = memchr(next, '\n', (size_t)(end - next));
            next = nl ? nl + 1 : end;
        } while (next < end && strncmp(next, "doc\t", 4));
        const char *path = NULL, *nl = memchr(p, '\n', (size_t)(next - p));
        if (!strncmp(p, "doc\t", 4) && nl)
            for (int tabs = 0, i = 0; p + i < nl; i++)
                if (p[i] == '\t' && ++tabs == 3) path = p + i + 1;
        if (path) {
            char *out = xstrndup(path, (size_t)(nl - path));
            Record *old = find(r, out);
            if (!old) {
                if (r->n == r->cap) {
                    r->cap = r->cap ? r->cap * 2 : 32;
                    r->r = xrealloc(r->r, sizeof *r->r * (size_t)r->cap);
                }
                old = &r->r[r->n++];
                *old = (Record){ out, NULL };
            } else {
                free(out);
            }
            free(old->text);
            old->text = xstrndup(p, (size_t)(next - p));
        }
        p = next;
    }
}

void records_lock(const char *dir) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) return;
    if (errno != EWOULDBLOCK) {
        close(fd);
        return;
    }
    fprintf(stderr, diag_tr("formc: note: another formc build is writing in '%s': waiting for it to finish\n"),
            diag_printable(dir));
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {}
}

Records *records_load(const char *dir) {
    Records *r = xcalloc(1, sizeof *r);
    char *path = xmalloc(strlen(dir) + sizeof RECORD_NAME + 1);
    sprintf(path, "%s/%s", dir, RECORD_NAME);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    free(path);
    struct stat st;
    if (fd < 0) return r;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
        (st.st_mode & 07777) == 0600 && (uint64_t)st.st_size < RECORD_MAX) {
        size_t n = (size_t)st.st_size, got = 0;
        char *buf = xmalloc(n + 1);
        ssize_t k;
        while (got < n && (k = read(fd, buf + got, n - got)) > 0) got += (size_t)k;
        size_t head = sizeof RECORD_FORMAT - 1;
        if (got == n && n >= head && !memcmp(buf, RECORD_FORMAT, head) && !memchr(buf, '\0', n))
            take(r, buf + head, n - head);
        buf[n] = '\0';
        r->loaded = buf;
    }
    close(fd);
    return r;
}

void records_free(Records *r) {
    if (!r) return;
    for (int i = 0; i < r->n; i++) {
        free(r->r[i].out);
        free(r->r[i].text);
    }
    free(r->r);
    free(r->loaded);
    free(r);
}

void records_add(Records *r, const char *data, size_t len) { take(r, data, len); }

char *records_first_input(const Records *r, const char *out) {
    const Record *rec = find(r, out);
    for (const char *line = rec ? rec->text : NULL; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (!strncmp(line, "in\t", 3)) {
            const char *path = NULL;
            for (size_t i = 0, tabs = 0; i < len; i++)
                if (line[i] == '\t' && ++tabs == 3) path = line + i + 1;
            if (path) return xstrndup(path, len - (size_t)(path - line));
        }
        line = nl ? nl + 1 : NULL;
    }
    return NULL;
}

int records_count(const Records *r) { return r->n; }
const char *records_document(const Records *r, int i) { return r->r[i].out; }

/* Whether a path can stand in a record's line. */
static bool recordable(const char *path) { return !strpbrk(path, "\t\n\r"); }

/* The key's checksum, as it is recorded. */
static void key_text(const char *key, char out[17]) {
    snprintf(out, 17, "%016" PRIx64, checksum_of(key, strlen(key)));
}

void records_write_one(FILE *record, const char *out, const FileList *in, const char *key) {
    char ident[256], k[17];
    if (!recordable(out) || cachefile_identity(out, ident, sizeof ident) != 0) return;
    for (int i = 0; i < in->n; i++)
        if (!recordable(in->paths[i]) || !sum_of(in->paths[i]).ok) return;
    key_text(key, k);
    fprintf(record, "doc\t%s\t%s\t%s\n", k, ident, out);
    for (int i = 0; i < in->n; i++) {
        Sum s = sum_of(in->paths[i]);
        fprintf(record, "in\t%" PRIu64 "\t%016" PRIx64 "\t%s\n", s.size, s.checksum, in->paths[i]);
    }
}

/* Whether the "in" lines of a record (text, from its second line) name
 * every file of in, and each file they name holds what it held. */
static bool inputs_same(const char *text, const FileList *in) {
    int named = 0;
    for (const char *p = strchr(text, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        uint64_t size, checksum;
        int n = 0;
        if (sscanf(p + 1, "in\t%" SCNu64 "\t%" SCNx64 "\t%n", &size, &checksum, &n) != 2 || !n) return false;
        const char *nl = strchr(p + 1, '\n');
        char *path = xstrndup(p + 1 + n, nl ? (size_t)(nl - p - 1 - n) : strlen(p + 1 + n));
        Sum s = sum_of(path);
        for (int i = 0; i < in->n; i++)
            if (!strcmp(in->paths[i], path)) named++;
        free(path);
        if (!s.ok || s.size != size || s.checksum != checksum) return false;
    }
    return named == in->n;
}

bool up_to_date(const Records *r, const FileList *in, const char *out, const char *key, FILE *record) {
    struct stat o;
    if (lstat(out, &o) != 0 || !S_ISREG(o.st_mode)) return false;
    /* not one formc wrote: outfile_open says so when it replaces it */
    if (o.st_uid != geteuid() || (o.st_mode & 07777) != 0600) return false;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (o.st_mtim.tv_sec > now.tv_sec ||
        (o.st_mtim.tv_sec == now.tv_sec && o.st_mtim.tv_nsec > now.tv_nsec)) {
        diag_file(DIAG_WARNING, out, "is dated in the future (%s); formc makes it again",
                  "a clock set wrong, or a file put there on purpose");
        return false;
    }
    const Record *rec = find(r, out);
    char ident[256], k[17], head[512];
    if (!rec || cachefile_identity(out, ident, sizeof ident) != 0) return false;
    key_text(key, k);
    snprintf(head, sizeof head, "doc\t%s\t%s\t", k, ident);
    if (strncmp(rec->text, head, strlen(head)) || !inputs_same(rec->text, in)) return false;
    fputs(rec->text, record);
    return true;
}

int records_save(const Records *r, const char *dir, char *err, size_t errlen) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = xmemstream(&text, &len);
    fputs(RECORD_FORMAT, m);
    for (int i = 0; i < r->n; i++) {
        struct stat st;
        if (lstat(r->r[i].out, &st) == 0 && S_ISREG(st.st_mode)) fputs(r->r[i].text, m);
    }
    fclose(m);
    int rc = 0;
    /* written only when it says something new: a build that finds every
     * document up to date writes nothing */
    if (r->loaded ? strcmp(text, r->loaded) != 0 : r->n > 0) {
        char *path = xmalloc(strlen(dir) + sizeof RECORD_NAME + 1);
        sprintf(path, "%s/%s", dir, RECORD_NAME);
        OutFile *f = outfile_open(path, NULL, err, errlen);
        free(path);
        rc = -1;
        if (f) {
            outfile_write(f, text, len);
            rc = outfile_commit(f, err, errlen);
        }
    }
    free(text);
    return rc;
}
