/* build_jobs.h — independent jobs run by worker processes, their results
 * handed back in job order.
 *
 * jobs_run() forks up to `workers` processes (never more than there are
 * jobs). The parent hands each idle worker the next job by its index; the
 * worker runs it with run() and sends the bytes run() returns back through
 * a pipe. The parent calls deliver() with each job's bytes strictly in index
 * order (job k only after jobs 0..k-1), so what is printed never depends on
 * timing, and finished() as each job ends, in any order (for a progress
 * line). Only results waiting for an earlier job are held, so the parent's
 * memory does not grow with the number of jobs; each worker's memory dies
 * with it.
 *
 * A job may send part of what it learns ahead of its result
 * (jobs_send_ahead), for the last job to use: with last_input set, the last
 * job is handed out only once every other job has sent ahead or ended, to
 * a worker already running (its start-up paid; with last_alone, to one
 * started for it), with the bytes last_input() makes from what they sent.
 *
 * A job may also ask the parent something (jobs_ask) and wait for its
 * answer: answer() gives it, at once or, while it depends on what other
 * jobs have not yet said, once they have (it is asked again each time a
 * job asks, sends ahead or ends). A job may only wait on jobs before it,
 * which were handed out first, so every question is answered.
 *
 * A worker that dies in a job (a crash, out of memory) loses that job only:
 * it is delivered with data NULL and a new worker takes the remaining jobs.
 * A worker the system refuses what every job needs (refusal.h: a thread
 * under a low ulimit -u) stops the run instead: refused() is told once,
 * no more jobs are handed out, the running ones end, and of those that
 * ended only the ones with a result are delivered, in order.
 * A signal that would end the parent (signals.h: Ctrl-C, SIGHUP, SIGTERM,
 * SIGUSR1, an alarm...; not a fault) received while jobs run is passed on to
 * the workers (whose own handlers, inherited from the parent at the time of
 * the call, remove their temporary files); when every worker has exited,
 * jobs_run() returns the signal's number with the parent's handlers as they
 * were, so the caller can clean up and re-raise it. */
#ifndef FORMC_BUILD_JOBS_H
#define FORMC_BUILD_JOBS_H
#include <stdbool.h>
#include <stddef.h>

typedef struct Jobs {
    int njobs;
    int workers;                 /* at most this many processes at once (>= 1) */
    void *ctx;
    /* In a worker: runs job k; returns its result in memory from malloc
     * (freed by the caller), its length in *len. in (in_len bytes, from
     * malloc) is what last_input() made for the last job, NULL for the
     * others: the job's to free, as soon as it is done with it. */
    char *(*run)(void *ctx, int k, char *in, size_t in_len, size_t *len);
    /* In the parent, in index order: job k's result, or NULL when its
     * worker died before sending one. */
    void (*deliver)(void *ctx, int k, const char *data, size_t len);
    /* In the parent, as job k ends (any order); may be NULL. */
    void (*finished)(void *ctx, int k);
    /* In a worker after its last job, before it exits; may be NULL. */
    void (*worker_done)(void *ctx);
    /* In the parent, as job k sends bytes ahead (any order); may be NULL. */
    void (*ahead)(void *ctx, int k, const char *data, size_t len);
    /* In the parent, when job k asks (jobs_ask) with data: the answer,
     * from malloc (freed by the caller), its length in *len; NULL while it
     * cannot be given. May be NULL when no job asks. */
    char *(*answer)(void *ctx, int k, const char *data, size_t len, size_t *answer_len);
    /* In the parent, when the last job can start: the bytes it is given
     * (from malloc, freed by the caller). NULL: the last job waits for no
     * other. */
    char *(*last_input)(void *ctx, size_t *len);
    /* In the parent, once, when the system refused a worker what every
     * job needs: the line saying so; NULL: it is printed on stderr. */
    void (*refused)(void *ctx, const char *line);
    /* The last job runs in a worker started for it (when one can be), so
     * that nothing earlier jobs left in a worker's memory adds to its
     * own: its start-up is paid again. */
    bool last_alone;
} Jobs;

/* Runs every job. Returns 0 when all were delivered, the signal number
 * when interrupted (nothing more is delivered), or -1 when no worker could
 * be started (after printing why) or the system refused one (after
 * refused()). */
int jobs_run(const Jobs *j);

/* In a worker, during run(): sends len bytes of data to the parent's
 * ahead() at once. */
void jobs_send_ahead(const char *data, size_t len);

/* In a worker, during run(): sends len bytes of data to the parent's
 * answer() and waits for the answer: its bytes (from malloc, freed by the
 * caller, a NUL after them), their length in *answer_len; NULL when the
 * parent is gone. */
char *jobs_ask(const char *data, size_t len, size_t *answer_len);

#endif
