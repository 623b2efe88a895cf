/* build_jobs.c — jobs run by worker processes; see build_jobs.h.
 *
 * The build stage (compiler/build) promises what formc build needs beyond
 * one document: jobs in worker processes whose results come back in order
 * (build_jobs), whether a document is what a build would make now, by
 * the folder's record of what each was made from (uptodate), and the make
 * rules naming them (build_deps). It knows no document and no model:
 * compiler/cli/cmd_build.c says what a job does. It may touch
 * runtime/base only.
 *
 * Each worker has two pipes: the parent writes job indices (an int each,
 * and for a last job that waits, a 64-bit length and its input bytes) and
 * the answers to a job's question (a 64-bit length and its bytes) into
 * one, the worker writes frames into the other: a Frame header, then the
 * bytes, sent ahead, a question, or the job's result. A worker exits when its job pipe
 * is closed. The parent waits in poll() on every result pipe and on a
 * self-pipe that its handler of every signal that would end it writes to. */
#include "build/build_jobs.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "base/arena.h"
#include "base/messages.h"
#include "base/refusal.h"
#include "base/signals.h"

typedef struct Worker {
    pid_t pid;          /* 0: no process */
    int job_fd;         /* parent's end: job indices go out here */
    int result_fd;      /* parent's end: results come in here */
    int job;            /* the job it is running, or -1 when idle */
    char *question;     /* what its job asked, not yet answered (NULL: none) */
    size_t question_len;
    int ran;            /* jobs it has been handed */
} Worker;

/* What comes back from a worker: a header, then len bytes: bytes sent
 * ahead, a job's result, or the line saying what the system refused. */
enum { FRAME_AHEAD, FRAME_RESULT, FRAME_REFUSED, FRAME_ASK };
typedef struct Frame {
    uint64_t len;
    uint32_t kind;
} Frame;

typedef struct Pool {
    const Jobs *j;
    Worker *w;
    int nw;
    int next_job;       /* the next job to hand out */
    int next_deliver;   /* the next job to deliver */
    char **result;      /* per job: its bytes once finished, until delivered */
    size_t *len;
    bool *ended;        /* per job: finished (or lost) */
    bool *told;         /* per job: sent ahead or ended */
    int ntold;          /* jobs before the last that have */
    int wake[2];        /* self-pipe written by the signal handler */
    bool refused;       /* the system refused a worker what every job needs */
} Pool;

static volatile sig_atomic_t caught;
static int wake_fd = -1;
static int ahead_fd = -1;      /* in a worker: where jobs_send_ahead writes */
static int answer_fd = -1;     /* in a worker: where jobs_ask reads the answer */
/* The signals the parent catches while jobs run: every one that would end
 * it (signals.h) but a fault of its own and SIGPIPE, which it ignores. */
static sigset_t caught_set;
static struct sigaction saved[NSIG];       /* their handlers before jobs_run */

/* Sets every signal of caught_set (and SIGPIPE) back as it was. */
static void restore_saved(void) {
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(&caught_set, sig) || sig == SIGPIPE) sigaction(sig, &saved[sig], NULL);
}

/* Notes the signal and wakes the parent's poll(). */
static void on_signal(int sig) {
    int saved = errno;
    caught = sig;
    char c = 0;
    if (wake_fd >= 0 && write(wake_fd, &c, 1) < 0) { /* the pipe is full: already woken */ }
    errno = saved;
}

/* Reads exactly n bytes. 1: done; 0: end of file (or a partial read); -1: error. */
static int read_full(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) return 0;
        p += r;
        n -= (size_t)r;
    }
    return 1;
}

/* Writes exactly n bytes. 0, or -1 on error. */
static int write_full(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Writes one frame. 0, or -1 when the parent is gone. */
static int send_frame(int fd, uint32_t kind, const char *data, size_t len) {
    Frame f;
    memset(&f, 0, sizeof f);                 /* its padding too: no byte sent is uninitialised */
    f.len = len;
    f.kind = kind;
    return write_full(fd, &f, sizeof f) || write_full(fd, data, len) ? -1 : 0;
}

void jobs_send_ahead(const char *data, size_t len) {
    if (ahead_fd >= 0) send_frame(ahead_fd, FRAME_AHEAD, data, len);
}

char *jobs_ask(const char *data, size_t len, size_t *answer_len) {
    uint64_t n;
    if (ahead_fd < 0 || send_frame(ahead_fd, FRAME_ASK, data, len) != 0 ||
        read_full(answer_fd, &n, sizeof n) != 1 || n >= SIZE_MAX)
        return NULL;
    char *answer = xmalloc((size_t)n + 1);
    if (read_full(answer_fd, answer, (size_t)n) != 1) {
        free(answer);
        return NULL;
    }
    answer[n] = '\0';
    *answer_len = (size_t)n;
    return answer;
}

/* In a worker: the system's refusal (refusal.h) goes to the parent, which
 * says it once for the whole build. */
static void send_refusal(const char *line) {
    if (ahead_fd >= 0) send_frame(ahead_fd, FRAME_REFUSED, line, strlen(line));
}

/* A worker's life: run jobs until the job pipe closes, then exit. */
static void worker_main(const Jobs *j, int job_fd, int result_fd) {
    int k;
    ahead_fd = result_fd;
    answer_fd = job_fd;
    refusal_set_reporter(send_refusal);
    while (read_full(job_fd, &k, sizeof k) == 1) {
        char *in = NULL;
        uint64_t in_len = 0;
        if (j->last_input && k == j->njobs - 1) {
            if (read_full(job_fd, &in_len, sizeof in_len) != 1 || in_len >= SIZE_MAX) break;
            in = xmalloc((size_t)in_len + 1);
            if (read_full(job_fd, in, (size_t)in_len) != 1) break;
        }
        size_t len = 0;
        char *data = j->run(j->ctx, k, in, (size_t)in_len, &len);   /* frees in */
        int rc = send_frame(result_fd, FRAME_RESULT, data, len);
        free(data);
        if (rc) break;                       /* the parent is gone */
    }
    if (j->worker_done) j->worker_done(j->ctx);
    exit(0);
}

/* Forks worker w. Signals stay blocked across fork() so that the child
 * gets the caller's own handlers back before any can run. */
static int start_worker(Pool *p, Worker *w) {
    int jp[2], rp[2];
    if (pipe(jp) != 0) return -1;
    if (pipe(rp) != 0) {
        close(jp[0]);
        close(jp[1]);
        return -1;
    }
    fflush(NULL);                            /* no stdio buffer is written twice */
    sigset_t old;
    sigprocmask(SIG_BLOCK, &caught_set, &old);
    pid_t pid = fork();
    if (pid == 0) {
        restore_saved();
        sigprocmask(SIG_SETMASK, &old, NULL);
        close(p->wake[0]);
        close(p->wake[1]);
        close(jp[1]);
        close(rp[0]);
        for (int i = 0; i < p->nw; i++)      /* other workers' pipes: their EOF is not ours to hold */
            if (p->w[i].pid) {
                close(p->w[i].job_fd);
                close(p->w[i].result_fd);
            }
        worker_main(p->j, jp[0], rp[1]);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(jp[0]);
    close(rp[1]);
    if (pid < 0) {
        close(jp[1]);
        close(rp[0]);
        return -1;
    }
    *w = (Worker){ pid, jp[1], rp[0], -1, NULL, 0, 0 };
    return 0;
}

/* Whether the next job may be handed out: the last one, when it waits,
 * only once every other job has sent ahead or ended. */
static bool next_is_ready(const Pool *p) {
    return !p->j->last_input || p->next_job < p->j->njobs - 1 || p->ntold == p->j->njobs - 1;
}

static void reap(Worker *w);

/* Puts a worker started now in idle w's place, w let go (it exits), so
 * that the job w is handed next finds no memory of the jobs before; w
 * stays when it has run none or no worker can be started. */
static void start_afresh(Pool *p, Worker *w) {
    Worker fresh;
    if (w->ran == 0 || start_worker(p, &fresh) != 0) return;
    reap(w);
    *w = fresh;
}

/* Hands worker w the next job; leaves it idle while the next job waits;
 * closes its job pipe (it exits) when there is none. */
static void give_job(Pool *p, Worker *w) {
    if (p->next_job < p->j->njobs && !caught && !p->refused) {
        if (!next_is_ready(p)) return;
        int k = p->next_job++;
        if (p->j->last_alone && k == p->j->njobs - 1) start_afresh(p, w);
        w->job = k;
        w->ran++;
        if (write_full(w->job_fd, &k, sizeof k) != 0) return;
        if (p->j->last_input && k == p->j->njobs - 1) {
            size_t len = 0;
            char *in = p->j->last_input(p->j->ctx, &len);
            uint64_t n = len;
            if (write_full(w->job_fd, &n, sizeof n) == 0) write_full(w->job_fd, in, len);
            free(in);
        }
        /* a worker gone meanwhile: its result pipe reports that, and the job is lost */
        return;
    }
    if (w->job_fd >= 0) close(w->job_fd);
    w->job_fd = -1;
}

/* Notes that job k has sent ahead or ended; the last job may then start
 * on an idle worker. */
static void tell(Pool *p, int k) {
    if (p->told[k]) return;
    p->told[k] = true;
    if (k == p->j->njobs - 1 || ++p->ntold < p->j->njobs - 1) return;
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid && p->w[i].job < 0 && p->w[i].job_fd >= 0) give_job(p, &p->w[i]);
}

/* Answers each question that can be answered now; a worker gone
 * meanwhile: its result pipe reports that. */
static void answer_questions(Pool *p) {
    for (int i = 0; i < p->nw; i++) {
        Worker *w = &p->w[i];
        if (!w->pid || !w->question || w->job < 0) continue;
        size_t len = 0;
        char *answer = p->j->answer ? p->j->answer(p->j->ctx, w->job, w->question, w->question_len, &len)
                                    : xcalloc(1, 1);
        if (!answer) continue;
        uint64_t n = len;
        if (w->job_fd >= 0 && write_full(w->job_fd, &n, sizeof n) == 0) write_full(w->job_fd, answer, len);
        free(answer);
        free(w->question);
        w->question = NULL;
    }
}

/* Marks job k as ended with data (NULL: lost). */
static void end_job(Pool *p, int k, char *data, size_t len) {
    p->result[k] = data;
    p->len[k] = len;
    p->ended[k] = true;
    if (p->j->finished) p->j->finished(p->j->ctx, k);
    tell(p, k);
}

/* Closes w's pipes and waits for its process. A worker ended by a signal
 * a terminal sends to every process (signals_is_group_stop: Ctrl-C, the
 * terminal closing) means the build is being interrupted, even if the
 * parent has not seen it yet. */
static void reap(Worker *w) {
    if (w->job_fd >= 0) close(w->job_fd);
    close(w->result_fd);
    int status;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFSIGNALED(status) && signals_is_group_stop(WTERMSIG(status)))
        caught = WTERMSIG(status);
    w->pid = 0;
}

/* Says once what the system refused a worker, and hands out no more jobs:
 * each idle worker is let go, the others end with the job they run. */
static void refuse(Pool *p, const char *line) {
    if (p->refused) return;
    p->refused = true;
    if (p->j->refused) p->j->refused(p->j->ctx, line);
    else fputs(line, stderr);
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid && p->w[i].job < 0) give_job(p, &p->w[i]);
}

/* Reads one frame from w: bytes sent ahead, a job's result, or what the
 * system refused it. When w is gone instead, its job is lost and a new
 * worker takes its place while jobs remain. */
static void collect(Pool *p, Worker *w) {
    Frame f;
    int rc = read_full(w->result_fd, &f, sizeof f);
    char *data = NULL;
    if (rc == 1 && f.len < SIZE_MAX) {
        data = xmalloc((size_t)f.len + 1);
        rc = read_full(w->result_fd, data, (size_t)f.len);
        data[f.len] = '\0';
    }
    if (rc == 1 && f.kind == FRAME_REFUSED) {
        refuse(p, data);
        free(data);
        return;
    }
    if (rc == 1 && w->job >= 0 && f.kind == FRAME_ASK && !w->question) {
        w->question = data;
        w->question_len = (size_t)f.len;
        return;
    }
    if (rc == 1 && w->job >= 0 && f.kind == FRAME_AHEAD) {
        if (p->j->ahead) p->j->ahead(p->j->ctx, w->job, data, (size_t)f.len);
        free(data);
        tell(p, w->job);
        return;
    }
    if (rc == 1 && w->job >= 0) {
        end_job(p, w->job, data, (size_t)f.len);
        w->job = -1;
        give_job(p, w);
        return;
    }
    free(data);
    int lost = w->job;
    free(w->question);
    w->question = NULL;
    reap(w);
    if (lost >= 0) end_job(p, lost, NULL, 0);
    if (p->next_job < p->j->njobs && !caught && !p->refused && start_worker(p, w) == 0) give_job(p, w);
}

/* Delivers every job that is next in order and has ended; once the system
 * has refused a worker, a job lost is not (it was said once for all), and
 * with `rest` every ended job after it is. */
static void deliver_ready(Pool *p, bool rest) {
    for (; p->next_deliver < p->j->njobs; p->next_deliver++) {
        int k = p->next_deliver;
        if (!p->ended[k] || (p->refused && !p->result[k])) {
            if (rest) continue;
            break;
        }
        p->j->deliver(p->j->ctx, k, p->result[k], p->len[k]);
        free(p->result[k]);
        p->result[k] = NULL;
    }
}

/* Waits for something to happen and handles it. */
static void wait_once(Pool *p, struct pollfd *fds) {
    int n = 0;
    fds[n++] = (struct pollfd){ .fd = p->wake[0], .events = POLLIN };
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid) fds[n++] = (struct pollfd){ .fd = p->w[i].result_fd, .events = POLLIN };
    if (poll(fds, (nfds_t)n, -1) < 0) return;        /* EINTR: a signal; the caller looks */
    char drain[64];
    if (fds[0].revents && read(p->wake[0], drain, sizeof drain) < 0) { /* nothing to drain */ }
    for (int i = 0, f = 1; i < p->nw; i++) {
        if (!p->w[i].pid) continue;
        if (fds[f++].revents) collect(p, &p->w[i]);
    }
    answer_questions(p);           /* what came in may answer a question waiting */
}

static void install_handlers(int wake_write) {
    wake_fd = wake_write;
    caught = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;            /* no SA_RESTART: poll() returns at once */
    sigemptyset(&sa.sa_mask);
    sigset_t fatal;
    signals_fatal(&fatal);
    sigemptyset(&caught_set);
    for (int sig = 1; sig < NSIG; sig++) {
        if (!sigismember(&fatal, sig) || signals_is_fault(sig) || sig == SIGPIPE) continue;
        sigaction(sig, NULL, &saved[sig]);
        /* nohup: stays ignored (but Ctrl-C and SIGTERM, as outfile.c) */
        if (saved[sig].sa_handler == SIG_IGN && sig != SIGINT && sig != SIGTERM) continue;
        sigaddset(&caught_set, sig);
        sigaction(sig, &sa, NULL);
    }
    sa.sa_handler = SIG_IGN;              /* a dead worker's pipe is seen as EOF, not a signal */
    sigaction(SIGPIPE, &sa, &saved[SIGPIPE]);
}

static void restore_handlers(void) {
    restore_saved();
    wake_fd = -1;
}

int jobs_run(const Jobs *j) {
    if (j->njobs <= 0) return 0;
    Pool p = { .j = j, .nw = j->workers < 1 ? 1 : j->workers < j->njobs ? j->workers : j->njobs };
    if (pipe(p.wake) != 0) {
        fprintf(stderr, diag_tr("formc: error: cannot start workers: %s\n"), diag_tr(strerror(errno)));
        return -1;
    }
    fcntl(p.wake[0], F_SETFL, O_NONBLOCK);
    fcntl(p.wake[1], F_SETFL, O_NONBLOCK);
    p.w = xcalloc((size_t)p.nw, sizeof *p.w);
    p.result = xcalloc((size_t)j->njobs, sizeof *p.result);
    p.len = xcalloc((size_t)j->njobs, sizeof *p.len);
    p.ended = xcalloc((size_t)j->njobs, sizeof *p.ended);
    p.told = xcalloc((size_t)j->njobs, sizeof *p.told);
    struct pollfd *fds = xcalloc((size_t)p.nw + 1, sizeof *fds);
    install_handlers(p.wake[1]);
    int live = 0;
    for (int i = 0; i < p.nw; i++)
        if (start_worker(&p, &p.w[i]) == 0) {
            give_job(&p, &p.w[i]);
            live++;
        }
    int rc = 0;
    if (!live) {
        fprintf(stderr, diag_tr("formc: error: cannot start a worker process: %s\n"), diag_tr(strerror(errno)));
        rc = -1;
    }
    while (live && p.next_deliver < j->njobs && !caught) {
        wait_once(&p, fds);
        if (!caught) deliver_ready(&p, false);
        live = 0;
        for (int i = 0; i < p.nw; i++) live += p.w[i].pid != 0;
        if (!live && p.next_deliver < j->njobs && !caught && !p.refused) {
            fprintf(stderr, diag_tr("formc: error: no worker process is left: %s\n"), diag_tr(strerror(errno)));
            rc = -1;
        }
    }
    for (int i = 0; i < p.nw; i++)
        if (p.w[i].pid && caught) kill(p.w[i].pid, caught);
    for (int i = 0; i < p.nw; i++) {
        free(p.w[i].question);
        if (p.w[i].pid) reap(&p.w[i]);
    }
    restore_handlers();
    if (p.refused && !caught) {
        deliver_ready(&p, true);
        rc = -1;
    }
    if (caught) rc = caught;
    for (int k = 0; k < j->njobs; k++) free(p.result[k]);
    close(p.wake[0]);
    close(p.wake[1]);
    free(p.w);
    free(p.result);
    free(p.len);
    free(p.ended);
    free(p.told);
    free(fds);
    return rc;
}
