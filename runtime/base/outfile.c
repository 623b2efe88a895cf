/* outfile: atomic output files with a signal-safe temp registry; see
 * outfile.h. */
#include "base/outfile.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/inputs.h"
#include "base/outdir.h"
#include "base/signals.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct OutFile {
    int fd;
    int errnum;      /* first error, 0 while all is well */
    int slot;        /* registry slot, or -1 */
    bool output;     /* an output of formc (outfile_open), not a rewritten input */
    char *dest;
    char *tmp;
    size_t used;     /* bytes waiting in buf */
    char buf[65536];
};

/* The registry of live temporary paths. A slot's path is written before
 * its flag is set and the flag cleared before the slot is reused, so the
 * signal handler only ever reads complete paths. */
#define MAX_LIVE 32
static char live_path[MAX_LIVE][PATH_MAX];
static pid_t live_pid[MAX_LIVE];     /* the process that created it */
static volatile sig_atomic_t live_used[MAX_LIVE];

static int registry_add(const char *path) {
    if (strlen(path) >= PATH_MAX) return -1;
    for (int i = 0; i < MAX_LIVE; i++) {
        if (!live_used[i]) {
            memcpy(live_path[i], path, strlen(path) + 1);
            live_pid[i] = getpid();
            live_used[i] = 1;
            return i;
        }
    }
    return -1;
}

static void registry_remove(int slot) {
    if (slot >= 0) live_used[slot] = 0;
}

/* When this run started: a temporary file older than that, of a process
 * gone, is one a run that was killed left behind. */
static time_t run_start;

/* What each signal did before the cleanup handler took it over. */
static struct sigaction previous[NSIG];

/* Said when formc crashes under a limit on its memory (ulimit -v): the
 * libraries that lay text out (fontconfig, cairo) do not all survive an
 * allocation refused, and the crash is then most likely that. Written
 * by the handler, so made beforehand; empty without a limit. */
static char fault_line[256];
static size_t fault_len;

/* Unlinks every registered temporary file, then gives the signal back to
 * what handled it before (the default: the process ends): a fault is let
 * happen again, any other signal raised again. Uses only
 * async-signal-safe calls. */
static void cleanup_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    for (int i = 0; i < MAX_LIVE; i++)
        if (live_used[i]) unlink(live_path[i]);
    if (signals_is_fault(sig) && fault_len) {
        ssize_t said = write(STDERR_FILENO, fault_line, fault_len);
        (void)said;                        /* nothing more can be done for it */
    }
    sigaction(sig, &previous[sig], NULL);
    if (signals_is_fault(sig) && info && info->si_code > 0) return;
    raise(sig);
}

/* Unlinks the temporary files this process created and has not committed
 * when it exits early (out of memory, say): a forked worker leaves its
 * parent's files alone. */
static void cleanup_at_exit(void) {
    pid_t me = getpid();
    for (int i = 0; i < MAX_LIVE; i++)
        if (live_used[i] && live_pid[i] == me) unlink(live_path[i]);
}

void outfile_install_signal_cleanup(void) {
    if (!run_start) run_start = time(NULL);
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
        int n = snprintf(fault_line, sizeof fault_line,
                         "formc: error: formc crashed, most likely in a library that found no memory "
                         "left under the limit on the memory it may use (ulimit -v, %llu MB): raise "
                         "the limit; no document is left half-written\n",
                         (unsigned long long)(as.rlim_cur >> 20));
        fault_len = n > 0 && (size_t)n < sizeof fault_line ? (size_t)n : 0;
    }
    static bool at_exit;
    if (!at_exit) at_exit = atexit(cleanup_at_exit) == 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = cleanup_handler;
    signals_fatal(&sa.sa_mask);            /* one cleanup at a time */
    sa.sa_flags = SA_SIGINFO;
    for (int sig = 1; sig < NSIG; sig++) {
        if (!sigismember(&sa.sa_mask, sig) || sigaction(sig, NULL, &previous[sig]) != 0) continue;
        /* an ignored signal stays ignored (nohup formc build ...), but for
         * Ctrl-C and kill's SIGTERM, which a shell ignores for a command it
         * runs in the background and which always stop formc */
        if (previous[sig].sa_handler == SIG_IGN && sig != SIGINT && sig != SIGTERM) continue;
        if (previous[sig].sa_handler == SIG_IGN) previous[sig].sa_handler = SIG_DFL;
        sigaction(sig, &sa, NULL);
    }
    /* over a file size limit (ulimit -f) a write fails with EFBIG, which
     * is reported, instead of the signal killing formc mid-file */
    signal(SIGXFSZ, SIG_IGN);
}

/* The directory part of path ("." when there is none), newly allocated. */
static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* A temporary file is named ".BASE.formc.PID.XXXXXX" beside its destination
 * BASE: the process that made it is in its name, so a later run can tell
 * one left by a process that died (kill -9) from one still being written.
 * BASE is cut to TEMP_BASE_MAX bytes, so the name stays within NAME_MAX. */
#define TEMP_BASE_MAX 200

/* The length of dest's file name as a temporary file's name holds it. */
static size_t temp_base_len(const char *base) {
    size_t n = strlen(base);
    if (n <= TEMP_BASE_MAX) return n;
    n = TEMP_BASE_MAX;
    while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80) n--;   /* a whole character */
    return n;
}

/* The process id in name when it is a temporary file's name (for the
 * destination file name base, or any when base is NULL), else -1. */
static long temp_pid(const char *name, const char *base) {
    size_t n = strlen(name);
    if (name[0] != '.' || n < 10) return -1;
    const char *x = name + n - 6;                        /* XXXXXX, as mkstemp filled it */
    for (int i = 0; i < 6; i++)
        if (!((x[i] >= 'a' && x[i] <= 'z') || (x[i] >= 'A' && x[i] <= 'Z') || (x[i] >= '0' && x[i] <= '9')))
            return -1;
    if (x[-1] != '.') return -1;
    const char *d = x - 1;
    while (d > name && d[-1] >= '0' && d[-1] <= '9') d--;
    static const char mark[] = ".formc";                /* BASE.formc.PID */
    size_t m = sizeof mark - 1;
    if (d == x - 1 || x - 1 - d > 10 || d - 1 - name < (long)m + 1 || d[-1] != '.' ||
        strncmp(d - 1 - m, mark, m))
        return -1;
    if (base) {
        size_t b = temp_base_len(base);
        if ((size_t)(d - 1 - m - (name + 1)) != b || strncmp(name + 1, base, b)) return -1;
    }
    return strtol(d, NULL, 10);
}

/* Removes the temporary files in dir (for the file name base, or any when
 * base is NULL) that are provably a dead formc's: named as formc names
 * them, regular files of this user, last written before `before` (0: any
 * time), by a process that no longer exists. */
static void remove_stale(const char *dir, const char *base, time_t before) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        long pid = temp_pid(e->d_name, base);
        if (pid <= 0 || pid == (long)getpid()) continue;
        char path[PATH_MAX];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
            (before && st.st_mtime >= before))
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) unlink(path);
    }
    if (d) closedir(d);
}

/* Creates the temporary file (with this mode) that will become dest. */
static OutFile *open_temporary(const char *dest, mode_t mode, char *err, size_t errlen) {
    OutFile *f = xcalloc(1, sizeof *f);
    char *dir = dir_of(dest);
    const char *base = strrchr(dest, '/');
    base = base ? base + 1 : dest;
    size_t n = strlen(dir) + strlen(base) + 32;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s/.%.*s.formc.%ld.XXXXXX", dir, (int)temp_base_len(base), base, (long)getpid());
    free(dir);
    /* no signal between creating the file and registering it, so an
     * interrupt can never leave it behind */
    sigset_t block, old;
    signals_fatal(&block);
    for (int sig = 1; sig < NSIG; sig++)
        if (signals_is_fault(sig)) sigdelset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &old);
    f->fd = mkstemp(tmp);
    int errnum = errno;
    f->slot = f->fd < 0 ? -1 : registry_add(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (f->fd < 0) {
        snprintf(err, errlen, diag_tr("cannot create a temporary file for '%s': %s"),
                 dest, diag_tr(strerror(errnum)));
        free(tmp); free(f);
        return NULL;
    }
    if (f->slot < 0) {
        snprintf(err, errlen, diag_tr("cannot write '%s': too many open outputs"),
                 dest);
        unlink(tmp); close(f->fd); free(tmp); free(f);
        return NULL;
    }
    if (fchmod(f->fd, mode) != 0) f->errnum = errno;
    f->tmp = tmp;
    f->dest = xstrdup(dest);
    return f;
}

/* Whether the folder that will hold dest may be written into (outdir.h),
 * asked once per folder in a process; -1 with a message when not. */
static int folder_allowed(const char *dest, char *err, size_t errlen) {
    static struct { dev_t dev; ino_t ino; } seen[16];
    static int nseen;
    char *dir = dir_of(dest);
    struct stat st;
    int known = 0;
    if (lstat(dir, &st) != 0) known = 1;     /* no folder: creating the file says so */
    for (int i = 0; i < nseen && !known; i++) known = seen[i].dev == st.st_dev && seen[i].ino == st.st_ino;
    int rc = known ? 0 : outdir_check(dir, err, errlen);
    if (rc == 0 && !known) {
        outfile_sweep(dir);                   /* what a killed run left here */
        if (nseen < 16) {
            seen[nseen].dev = st.st_dev;
            seen[nseen++].ino = st.st_ino;
        }
    }
    free(dir);
    return rc;
}

/* The longest first line outfile_refuse_other_kind reads to find how it
 * ends: a norms file's names the clinic, one line of a few hundred bytes. */
#define KIND_LINE_MAX 8192

/* Whether the n bytes head, a file's first, start as kind says. */
static bool starts_as(const char *head, size_t n, const OutKind *kind) {
    size_t s = strlen(kind->starts);
    if (n < s || memcmp(head, kind->starts, s)) return false;
    if (!kind->line_ends) return true;
    const char *nl = memchr(head, '\n', n);
    size_t e = strlen(kind->line_ends);
    return nl && (size_t)(nl - head) >= s + e && !memcmp(nl - e, kind->line_ends, e);
}

int outfile_refuse_other_kind(const char *dest, const OutKind *kind, char *err, size_t errlen) {
    struct stat st;
    if (lstat(dest, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) return 0;
    int fd = open(dest, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return 0;                  /* outfile_open says what is wrong */
    char head[KIND_LINE_MAX];
    size_t want = kind->line_ends ? sizeof head : strlen(kind->starts), n = 0;
    ssize_t got;
    while (n < want && (got = read(fd, head + n, want - n)) > 0) n += (size_t)got;
    close(fd);
    if (starts_as(head, n, kind)) return 0;
    snprintf(err, errlen, diag_tr("refusing to write '%s': it is not %s, and writing would lose what it holds "
                                  "(name a new file, or one formc wrote)"), dest, diag_tr(kind->what));
    return -1;
}

OutFile *outfile_open(const char *dest, const char *const *inputs,
                      char *err, size_t errlen) {
    if (folder_allowed(dest, err, errlen) != 0) return NULL;
    struct stat dst;
    int exists = lstat(dest, &dst) == 0;
    if (!exists && errno != ENOENT) {
        snprintf(err, errlen, diag_tr("cannot write '%s': %s"), dest, diag_tr(strerror(errno)));
        return NULL;
    }
    if (exists && S_ISLNK(dst.st_mode)) {
        snprintf(err, errlen, diag_tr("refusing to write '%s': it is a symbolic link"),
                 dest);
        return NULL;
    }
    if (exists && !S_ISREG(dst.st_mode)) {
        snprintf(err, errlen, diag_tr("refusing to write '%s': not a regular file"),
                 dest);
        return NULL;
    }
    struct stat self;
    if (exists && stat("/proc/self/exe", &self) == 0 && self.st_dev == dst.st_dev &&
        self.st_ino == dst.st_ino) {
        snprintf(err, errlen, diag_tr("refusing to write '%s': it is the formc program itself"), dest);
        return NULL;
    }
    char input[PATH_MAX];
    if (exists && inputs_find(&dst, input, sizeof input)) {
        snprintf(err, errlen, diag_tr("refusing to write '%s': it is the input file '%s'"), dest, input);
        return NULL;
    }
    for (int i = 0; exists && inputs && inputs[i]; i++) {
        struct stat in;
        if (stat(inputs[i], &in) == 0 && in.st_dev == dst.st_dev &&
            in.st_ino == dst.st_ino) {
            snprintf(err, errlen, diag_tr("refusing to write '%s': it is the input "
                     "file '%s'"), dest, inputs[i]);
            return NULL;
        }
    }
    OutFile *f = open_temporary(dest, 0600, err, errlen);
    if (f) f->output = true;
    return f;
}

OutFile *outfile_replace(const char *dest, char *err, size_t errlen) {
    struct stat st;
    if (lstat(dest, &st) != 0) {
        snprintf(err, errlen, diag_tr("cannot write '%s': %s"), dest, diag_tr(strerror(errno)));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, diag_tr("refusing to write '%s': not a regular file"), dest);
        return NULL;
    }
    OutFile *f = open_temporary(dest, st.st_mode & 07777, err, errlen);
    /* the owner and group too, where permitted (else the file becomes ours) */
    if (f && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
        fchown(f->fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
        outfile_fail(f, errno);
    return f;
}

/* Whether the file at path is still the one described by then. */
static bool unchanged_since(const char *path, const struct stat *then) {
    struct stat now;
    return stat(path, &now) == 0 && now.st_dev == then->st_dev && now.st_ino == then->st_ino &&
           now.st_size == then->st_size && now.st_mtim.tv_sec == then->st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == then->st_mtim.tv_nsec;
}

/* The folder of path and its last name, in folder (n bytes) and *name. */
static void split_path(const char *path, char *folder, size_t n, const char **name) {
    const char *slash = strrchr(path, '/');
    *name = slash ? slash + 1 : path;
    snprintf(folder, n, "%.*s", slash ? (int)(slash == path ? 1 : slash - path) : 1, slash ? path : ".");
}

bool outfile_same_path(const char *a, const char *b) {
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char fa[PATH_MAX], fb[PATH_MAX];
    const char *na, *nb;
    split_path(a, fa, sizeof fa, &na);
    split_path(b, fb, sizeof fb, &nb);
    return !strcmp(na, nb) && stat(fa, &sa) == 0 && stat(fb, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int outfile_rewritable(const char *path, const struct stat *st, char *err, size_t errlen) {
    if (!(st->st_mode & S_IWUSR) || access(path, W_OK) != 0) {
        snprintf(err, errlen, diag_tr("refusing to change '%s': it is read-only (mode %04o); make it writable "
                 "(chmod u+w) for formc to change it"), path, (unsigned)(st->st_mode & 07777));
        return -1;
    }
    if (st->st_nlink > 1) {
        snprintf(err, errlen, diag_tr("refusing to change '%s': it has %lu names (hard links), and replacing it "
                 "would leave the others with the old text"), path, (unsigned long)st->st_nlink);
        return -1;
    }
    return 0;
}

static int commit(OutFile *f, bool replace, const struct stat *then, char *err, size_t errlen);

int outfile_rewrite(const char *path, const struct stat *then, const char *text, size_t len,
                    char *err, size_t errlen) {
    if (outfile_rewritable(path, then, err, errlen) != 0) return -1;
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(err, errlen, diag_tr("%s: cannot find the file again: %s"), path, diag_tr(strerror(errno)));
        return -1;
    }
    OutFile *f = outfile_replace(real, err, errlen);
    if (!f) return -1;
    outfile_write(f, text, len);
    int rc = commit(f, true, then, err, errlen);
    if (rc == -2)
        snprintf(err, errlen, diag_tr("%s: the file changed while formc was working on it; it is left as it is"), path);
    return rc == 0 ? 0 : -1;
}

void outfile_sweep(const char *dir) {
    if (!run_start) run_start = time(NULL);
    remove_stale(dir, NULL, run_start);
}

void outfile_remove_temporaries(const char *dest) {
    char *dir = dir_of(dest);
    const char *base = strrchr(dest, '/');
    remove_stale(dir, base ? base + 1 : dest, 0);
    free(dir);
}

/* Writes n bytes straight to the file descriptor. */
static int write_all(OutFile *f, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(f->fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            f->errnum = errno;
            return -1;
        }
        if (w == 0) {
            f->errnum = ENOSPC;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int flush_buffer(OutFile *f) {
    if (f->errnum) return -1;
    int rc = write_all(f, f->buf, f->used);
    f->used = 0;
    return rc;
}

int outfile_write(OutFile *f, const void *buf, size_t n) {
    if (f->errnum) return -1;
    if (f->used + n > sizeof f->buf && flush_buffer(f) != 0) return -1;
    if (n >= sizeof f->buf) return write_all(f, buf, n);
    memcpy(f->buf + f->used, buf, n);
    f->used += n;
    return 0;
}

void outfile_fail(OutFile *f, int errnum) {
    if (!f->errnum) f->errnum = errnum ? errnum : EIO;
}

void outfile_abort(OutFile *f) {
    if (!f) return;
    if (f->fd >= 0) close(f->fd);
    unlink(f->tmp);
    registry_remove(f->slot);
    free(f->tmp);
    free(f->dest);
    free(f);
}

/* Says so when dest, about to be replaced, is a file formc did not write:
 * another user's, or of a mode formc never gives its outputs. */
static void warn_if_foreign(const char *dest) {
    struct stat st;
    if (lstat(dest, &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (st.st_uid != geteuid())
        diag_file(DIAG_WARNING, dest, "replaced a file formc did not write: it belonged to "
                  "another user (uid %lu)", (unsigned long)st.st_uid);
    else if ((st.st_mode & 07777) != 0600)
        diag_file(DIAG_WARNING, dest, "replaced a file formc did not write: its mode was %04o, "
                  "formc writes 0600", (unsigned)(st.st_mode & 07777));
}

/* Puts the finished temporary file at its destination: rename() replaces
 * what is there; link() then unlink() refuses an existing destination. */
static int place(OutFile *f, bool replace) {
    if (replace && f->output) warn_if_foreign(f->dest);
    if (replace) return rename(f->tmp, f->dest);
    if (link(f->tmp, f->dest) != 0) return -1;
    unlink(f->tmp);
    return 0;
}

/* Writes f whole and renames it into place (over its destination when
 * replace). With then, the destination must still be the file it
 * describes, checked last, just before the rename: an edit made while
 * formc wrote (flushing to a slow disk takes long) is never lost; -2 when
 * it changed, f then given up. */
static int commit(OutFile *f, bool replace, const struct stat *then, char *err, size_t errlen) {
    if (!f->errnum) flush_buffer(f);
    if (!f->errnum && fsync(f->fd) != 0) f->errnum = errno;
    if (!f->errnum) {
        int rc = close(f->fd);
        f->fd = -1;
        if (rc != 0) f->errnum = errno;
    }
    if (!f->errnum && then && !unchanged_since(f->dest, then)) {
        outfile_abort(f);
        return -2;
    }
    if (!f->errnum) {
        /* the destination may have become a symlink meanwhile; rename
         * replaces the link itself, never its target */
        if (place(f, replace) != 0) f->errnum = errno;
    }
    if (f->errnum) {
        snprintf(err, errlen, diag_tr("cannot write '%s': %s"), f->dest,
                 f->errnum == EEXIST ? "it already exists" : diag_tr(strerror(f->errnum)));
        int errnum = f->errnum;
        outfile_abort(f);
        errno = errnum;               /* for a caller that says why once for many files */
        return -1;
    }
    /* make the rename durable; failure here loses nothing already written */
    char *dir = dir_of(f->dest);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    registry_remove(f->slot);
    free(f->tmp);
    free(f->dest);
    free(f);
    return 0;
}

int outfile_commit(OutFile *f, char *err, size_t errlen) {
    return commit(f, true, NULL, err, errlen);
}

int outfile_commit_new(OutFile *f, char *err, size_t errlen) {
    return commit(f, false, NULL, err, errlen);
}

bool outfile_stdout_usable(char *err, size_t errlen) {
    if (!isatty(STDOUT_FILENO)) return true;
    snprintf(err, errlen, diag_tr("-o - writes the PDF to standard output, which is a terminal: redirect it "
             "to a file (> out.pdf) or a program (| lpr), or give -o a file name"));
    return false;
}

int outfile_to_stdout(const void *buf, size_t n, char *err, size_t errlen) {
    if (!outfile_stdout_usable(err, errlen)) return -1;
    struct stat out;
    char input[PATH_MAX];
    if (fstat(STDOUT_FILENO, &out) == 0 && inputs_find(&out, input, sizeof input)) {
        snprintf(err, errlen, diag_tr("refusing to write to standard output: it is the input file '%s'"),
                 input);
        return -1;
    }
    OutFile f = { .fd = STDOUT_FILENO, .slot = -1 };
    if (write_all(&f, buf, n) == 0) return 0;
    snprintf(err, errlen, diag_tr("cannot write to standard output: %s"), diag_tr(strerror(f.errnum)));
    return -1;
}
