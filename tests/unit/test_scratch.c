/* Unit tests of runtime/base/scratch.c: a scratch file takes what is
 * written in pieces of any size (across its buffer's end) and gives it
 * back; it leaves nothing in its folder, open or closed; a folder it
 * cannot be made in, and a write the system refuses (a file size limit),
 * are reported with the system's reason. */
#include "unit.h"

#include "base/scratch.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* The entries of folder dir other than . and .. */
static int entries(const char *dir) {
    DIR *dh = opendir(dir);
    int n = 0;
    for (struct dirent *e; dh && (e = readdir(dh));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (dh) closedir(dh);
    return n;
}

TEST(what_is_written_is_read_back_and_nothing_is_left) {
    char dir[] = "/tmp/formc-scratch-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char err[256] = "";
    ScratchFile *f = scratch_open(dir, err, sizeof err);
    CHECK(f != NULL);
    if (!f) return;
    CHECK_INT(entries(dir), 0);            /* no name, even while open */
    /* 300 KB in pieces of 1 to 997 bytes: many cross the buffer's end */
    size_t total = 300000, at = 0;
    unsigned char *want = malloc(total);
    for (size_t i = 0; i < total; i++) want[i] = (unsigned char)(i * 7 + i / 251);
    for (size_t piece = 1; at < total; piece = piece % 997 + 1) {
        size_t n = total - at < piece ? total - at : piece;
        CHECK_INT(scratch_write(f, want + at, n), 0);
        at += n;
    }
    CHECK_INT(scratch_finish(f), 0);
    CHECK(scratch_size(f) == total);
    unsigned char *got = malloc(total);
    CHECK(pread(scratch_fd(f), got, total, 0) == (ssize_t)total);
    CHECK(!memcmp(got, want, total));
    scratch_close(f);
    CHECK_INT(entries(dir), 0);
    free(want);
    free(got);
    rmdir(dir);
}

TEST(a_folder_it_cannot_be_made_in_is_named) {
    char err[256] = "";
    CHECK(scratch_open("/nonexistent-formc-folder", err, sizeof err) == NULL);
    CHECK(strstr(err, "cannot make a temporary file in '/nonexistent-formc-folder'") != NULL);
    CHECK(strstr(err, "No such file or directory") != NULL);
}

TEST(a_refused_write_is_reported_and_leaves_nothing) {
    char dir[] = "/tmp/formc-scratch-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    pid_t pid = fork();
    if (pid == 0) {                        /* a file size limit of 16 KB */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = { 16384, 16384 };
        setrlimit(RLIMIT_FSIZE, &lim);
        char err[256];
        ScratchFile *f = scratch_open(dir, err, sizeof err);
        if (!f) _exit(3);
        char block[1000] = { 0 };
        int failed = 0;
        for (int i = 0; i < 200; i++) failed |= scratch_write(f, block, sizeof block) != 0;
        int e = scratch_finish(f);
        scratch_close(f);
        _exit(failed && e == EFBIG ? 0 : 4);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(entries(dir), 0);
    rmdir(dir);
}
