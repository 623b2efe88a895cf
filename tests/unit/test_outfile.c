/* Unit tests of runtime/base/outfile.c: atomic replacement, mode 0600, refusal
 * to overwrite inputs (given, or read by the process) or write through
 * symlinks, clean-up after write errors (a file size limit stands in for a
 * full disk), after SIGTERM and after running out of memory. */
#include "unit.h"

#include "base/arena.h"
#include "base/inputs.h"
#include "base/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The number of entries in the test directory whose name starts with
 * prefix (temporary files are ".NAME.XXXXXX"). */
static int count_prefix(const char *prefix) {
    int n = 0;
    DIR *d = opendir(dir());
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix))) n++;
    if (d) closedir(d);
    return n;
}

static void put(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
}

static char *get(const char *path) {
    static char buf[4096];
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

TEST(commit_replaces_atomically_with_mode_0600) {
    const char *dest = path_in("out.pdf");
    put(dest, "old content");
    chmod(dest, 0644);
    char err[512];
    OutFile *f = outfile_open(dest, NULL, err, sizeof err);
    CHECK(f != NULL);
    if (!f) return;
    CHECK_INT(outfile_write(f, "new ", 4), 0);
    CHECK_STR(get(dest), "old content");     /* untouched until commit */
    CHECK_INT(count_prefix(".out.pdf."), 1);
    static char big[200000];
    memset(big, 'x', sizeof big);
    CHECK_INT(outfile_write(f, big, sizeof big), 0);
    CHECK_INT(outfile_write(f, "end", 3), 0);
    CHECK_INT(outfile_commit(f, err, sizeof err), 0);
    struct stat st;
    CHECK(stat(dest, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    CHECK_INT(st.st_size, 4 + (long long)sizeof big + 3);
    CHECK_INT(count_prefix(".out.pdf."), 0);
}

TEST(a_file_of_another_kind_is_refused_by_its_first_line) {
    const OutKind norms = { .starts = "# Local norms of ", .line_ends = ", written by formc norms.",
                            .what = "a norms file" };
    const OutKind csv = { .starts = "group,member\r\n", .what = "a CSV export" };
    const char *dest = path_in("kind.txt");
    char err[512];
    put(dest, "");
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), 0);     /* empty */
    unlink(dest);
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), 0);     /* missing */
    put(dest, "# Local norms of A Clinic, written by formc norms.\n#\n");
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), 0);
    /* the head without the line's end, or the end on a later line */
    put(dest, "# Local norms of my own, to type in\n");
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), -1);
    CHECK(strstr(err, "kind.txt") && strstr(err, "it is not a norms file"));
    put(dest, "# Local norms of\nsomething, written by formc norms.\n");
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), -1);
    put(dest, "# Local norms of A Clinic, written by formc norms.");          /* no line end */
    CHECK_INT(outfile_refuse_other_kind(dest, &norms, err, sizeof err), -1);
    /* a whole first line, to its line end */
    put(dest, "group,member\r\nthu,P-1\r\n");
    CHECK_INT(outfile_refuse_other_kind(dest, &csv, err, sizeof err), 0);
    put(dest, "group,member,notes\r\n");
    CHECK_INT(outfile_refuse_other_kind(dest, &csv, err, sizeof err), -1);
    put(dest, "group,memb");
    CHECK_INT(outfile_refuse_other_kind(dest, &csv, err, sizeof err), -1);
    CHECK_STR(get(dest), "group,memb");
    unlink(dest);
}

TEST(missing_directory_is_a_clear_error) {
    char err[512];
    OutFile *f = outfile_open("/nonexistent-formc/dir/x.pdf", NULL, err, sizeof err);
    CHECK(f == NULL);
    CHECK(strstr(err, "/nonexistent-formc/dir/x.pdf") != NULL);
    CHECK(strstr(err, strerror(ENOENT)) != NULL);
}

TEST(refuses_to_overwrite_an_input) {
    const char *in = path_in("case.form");
    put(in, "case");
    const char *sym = path_in("case-link.form");
    unlink(sym);
    CHECK(symlink(in, sym) == 0);
    const char *hard = path_in("case-hard.form");
    unlink(hard);
    CHECK(link(in, hard) == 0);
    char err[512];
    const char *inputs[] = { "unrelated-missing-file", in, NULL };
    CHECK(outfile_open(in, inputs, err, sizeof err) == NULL);
    CHECK(strstr(err, "input") != NULL);
    /* the input named through a symlink */
    const char *via_link[] = { sym, NULL };
    CHECK(outfile_open(in, via_link, err, sizeof err) == NULL);
    /* the destination is a hard link to the input */
    CHECK(outfile_open(hard, via_link, err, sizeof err) == NULL);
    CHECK_STR(get(in), "case");
    CHECK_INT(count_prefix(".case"), 0);
}

TEST(refuses_to_overwrite_any_file_the_process_read) {
    const char *in = path_in("group.group");
    put(in, "group");
    const char *hard = path_in("group-hard.group");
    unlink(hard);
    CHECK(link(in, hard) == 0);
    struct stat st;
    CHECK(stat(in, &st) == 0);
    inputs_note(&st, in);
    char err[512], path[256];
    CHECK(inputs_find(&st, path, sizeof path));
    CHECK_STR(path, in);
    /* not in the caller's list, but read: refused under either name */
    CHECK(outfile_open(in, NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "it is the input file") && strstr(err, "group.group"));
    CHECK(outfile_open(hard, NULL, err, sizeof err) == NULL);
    CHECK_STR(get(in), "group");
    CHECK_INT(count_prefix(".group"), 0);
    /* a file never read is written */
    const char *other = path_in("other.pdf");
    put(other, "old");
    OutFile *f = outfile_open(other, NULL, err, sizeof err);
    CHECK(f != NULL);
    if (f) {
        outfile_write(f, "new", 3);
        CHECK_INT(outfile_commit(f, err, sizeof err), 0);
    }
    CHECK_STR(get(other), "new");
}

TEST(refuses_to_write_through_a_symlink) {
    const char *target = path_in("target.pdf");
    put(target, "target");
    const char *link = path_in("link.pdf");
    unlink(link);
    CHECK(symlink(target, link) == 0);
    char err[512];
    CHECK(outfile_open(link, NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "symbolic link") != NULL);
    CHECK(strstr(err, link) != NULL);
    CHECK_STR(get(target), "target");
    /* nor onto a directory */
    CHECK(outfile_open(dir(), NULL, err, sizeof err) == NULL);
}

TEST(disk_full_leaves_no_file) {
    const char *dest = path_in("full.pdf");
    unlink(dest);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = { 10000, 10000 };
        setrlimit(RLIMIT_FSIZE, &rl);
        char err[512];
        OutFile *f = outfile_open(dest, NULL, err, sizeof err);
        if (!f) _exit(2);
        static char big[300000];
        for (int i = 0; i < 3; i++) outfile_write(f, big, sizeof big);
        int rc = outfile_commit(f, err, sizeof err);
        _exit(rc == -1 && strstr(err, dest) && strstr(err, strerror(EFBIG)) ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 0);
    CHECK(access(dest, F_OK) != 0);
    CHECK_INT(count_prefix(".full.pdf."), 0);
}

TEST(abort_and_sigterm_remove_the_temporary_file) {
    const char *dest = path_in("aborted.pdf");
    char err[512];
    OutFile *f = outfile_open(dest, NULL, err, sizeof err);
    CHECK(f != NULL);
    if (f) outfile_write(f, "x", 1);
    CHECK_INT(count_prefix(".aborted.pdf."), 1);
    outfile_abort(f);
    CHECK_INT(count_prefix(".aborted.pdf."), 0);
    CHECK(access(dest, F_OK) != 0);

    const char *dest2 = path_in("killed.pdf");
    int pipefd[2];
    CHECK(pipe(pipefd) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        outfile_install_signal_cleanup();
        char e[512];
        OutFile *g = outfile_open(dest2, NULL, e, sizeof e);
        if (g) outfile_write(g, "partial", 7);
        if (write(pipefd[1], "r", 1) != 1) _exit(3);
        for (;;) pause();
    }
    char c;
    CHECK(read(pipefd[0], &c, 1) == 1);
    CHECK_INT(count_prefix(".killed.pdf."), 1);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    CHECK_INT(count_prefix(".killed.pdf."), 0);
    CHECK(access(dest2, F_OK) != 0);
    close(pipefd[0]);
    close(pipefd[1]);
}

/* Running out of memory is formc's one policy: "formc: out of memory",
 * exit status 2, and no temporary file left behind. (AddressSanitizer
 * ends the process itself on an impossible allocation, so this is left
 * to the plain build.) */
#ifndef __SANITIZE_ADDRESS__
TEST(out_of_memory_exits_2_and_leaves_no_file) {
    const char *dest = path_in("starved.pdf");
    int errpipe[2];
    CHECK(pipe(errpipe) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(errpipe[1], 2);
        unit_tmpdir[0] = 0;             /* the exit must not remove the test directory */
        outfile_install_signal_cleanup();
        char e[512];
        OutFile *g = outfile_open(dest, NULL, e, sizeof e);
        if (!g) _exit(3);
        outfile_write(g, "partial", 7);
        xmalloc((size_t)1 << 62);
        _exit(4);
    }
    close(errpipe[1]);
    char msg[128] = "";
    ssize_t n = read(errpipe[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = 0;
    close(errpipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 2);
    CHECK_STR(msg, "formc: out of memory\n");
    CHECK_INT(count_prefix(".starved.pdf."), 0);
    CHECK(access(dest, F_OK) != 0);
}
#endif

/* A crash under a limit on memory (ulimit -v), most likely a library
 * that found none left, says so before the process ends by its signal,
 * its temporary file removed; without a limit a crash says nothing.
 * (AddressSanitizer needs far more address space than such a limit and
 * reports a crash itself: left to the plain build.) */
#ifndef __SANITIZE_ADDRESS__
static void crash(const char *dest, bool limited, int *status, char *msg, size_t len) {
    int errpipe[2];
    CHECK(pipe(errpipe) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(errpipe[1], 2);
        unit_tmpdir[0] = 0;
        struct rlimit as;
        getrlimit(RLIMIT_AS, &as);
        as.rlim_cur = limited ? (rlim_t)3000 << 20 : as.rlim_max;
        setrlimit(RLIMIT_AS, &as);
        outfile_install_signal_cleanup();
        char e[512];
        OutFile *g = outfile_open(dest, NULL, e, sizeof e);
        if (!g) _exit(3);
        outfile_write(g, "partial", 7);
        raise(SIGSEGV);
        _exit(4);
    }
    close(errpipe[1]);
    ssize_t n = read(errpipe[0], msg, len - 1);
    msg[n > 0 ? n : 0] = 0;
    close(errpipe[0]);
    waitpid(pid, status, 0);
}

TEST(a_crash_under_a_memory_limit_says_so) {
    char msg[512];
    int status = 0;
    crash(path_in("crashed.pdf"), true, &status, msg, sizeof msg);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
    CHECK_STR(msg, "formc: error: formc crashed, most likely in a library that found no memory left "
                   "under the limit on the memory it may use (ulimit -v, 3000 MB): raise the limit; no "
                   "document is left half-written\n");
    CHECK_INT(count_prefix(".crashed.pdf."), 0);
    CHECK(access(path_in("crashed.pdf"), F_OK) != 0);
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_max == RLIM_INFINITY) {
        crash(path_in("crashed2.pdf"), false, &status, msg, sizeof msg);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
        CHECK_STR(msg, "");
        CHECK_INT(count_prefix(".crashed2.pdf."), 0);
    }
}
#endif

TEST(temporaries_of_a_dead_writer_are_removed) {
    /* as formc names them: .BASE.PID.XXXXXX; no process has id 99999999 */
    put(path_in(".gone.pdf.formc.99999999.Ab12Cd"), "partial");
    put(path_in(".gone.pdf.formc.1.Ab12Cd"), "of a live process (init)");
    put(path_in(".gone.pdf.Ab12Cd"), "not named as formc names them");
    put(path_in(".gone.pdf.99999999.Ab12Cd"), "nor this");
    put(path_in(".other.pdf.formc.99999999.Ab12Cd"), "another document's");
    put(path_in("gone.pdf"), "the document");
    outfile_remove_temporaries(path_in("gone.pdf"));
    CHECK(access(path_in(".gone.pdf.formc.99999999.Ab12Cd"), F_OK) != 0);
    CHECK(access(path_in(".gone.pdf.formc.1.Ab12Cd"), F_OK) == 0);
    CHECK(access(path_in(".gone.pdf.Ab12Cd"), F_OK) == 0);
    CHECK(access(path_in(".gone.pdf.99999999.Ab12Cd"), F_OK) == 0);
    CHECK(access(path_in(".other.pdf.formc.99999999.Ab12Cd"), F_OK) == 0);
    CHECK(access(path_in("gone.pdf"), F_OK) == 0);
    if (geteuid() == 0) {                /* another user's is never touched */
        put(path_in(".gone.pdf.formc.99999999.Xy34Zw"), "another user's");
        CHECK(chown(path_in(".gone.pdf.formc.99999999.Xy34Zw"), 65534, 65534) == 0);
        outfile_remove_temporaries(path_in("gone.pdf"));
        CHECK(access(path_in(".gone.pdf.formc.99999999.Xy34Zw"), F_OK) == 0);
    }
}
