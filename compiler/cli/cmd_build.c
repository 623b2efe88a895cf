/* cmd_build.c — `formc build GROUP [-o DIR] [-j N] [--force] [--deps FILE]
 * [--quiet] [--paper a4|letter] [--templates DIR] [--redact]`: every
 * member's report and letter, DIR/<code>/<member>-report.pdf and
 * <member>-letter.pdf (code: the group's; member: the file's name without
 * .form), and the group summary DIR/<code>/<code>-summary.pdf. With
 * --redact, de-identified documents (redact.h) in DIR/<code>-redacted/:
 * <pseudonym>-report.pdf, <pseudonym>-letter.pdf, redacted-summary.pdf.
 *
 * The group file is compiled first; when it has errors nothing is built.
 * Then each member is one job (build_jobs.h), run in parallel by -j worker
 * processes. A member job compiles the member once, writes each document
 * unless it is up to date with every file it is made from (uptodate.h), or
 * --force; before it lays its documents out, it sends ahead the facts the
 * summary shows of it and the files it read. The summary is one more job,
 * handed to a worker once every member has sent those (a long summary, to
 * a worker started for it): it is made from the facts and compiles nothing
 * (but a member whose worker died before it could send them). A member
 * job, once it has compiled its member, asks the parent (jobs_ask)
 * whether a member before it has its patient id, and which of them its
 * letter looks copied from (copies.h): the parent answers once every
 * member before it has said its own (a
 * member whose worker died before it could is compiled by the parent for
 * it), so that each job decides as formc check and summary do, before
 * anything is written, and no member is compiled twice. A member with errors
 * gets its diagnostics and no documents; the others are built all the
 * same, and the summary lists it as not included. Each job's messages are
 * printed whole and in member order, so the output does not depend on -j.
 * The last line says how many members were built and names those that
 * failed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "build/build_deps.h"
#include "build/build_jobs.h"
#include "build/uptodate.h"
#include "cli/cli.h"
#include "cli/copies.h"
#include "score/gaps.h"
#include "cli/outnames.h"
#include "base/diag.h"
#include "documents/documents.h"
#include "documents/language.h"
#include "base/inputs.h"
#include "documents/redact.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "base/outdir.h"
#include "base/outfile.h"
#include "front/schema.h"
#include "score/scored.h"
#include "documents/summary.h"

/* What a job sends back: this header, then text_len bytes of messages
 * (diagnostics, "built" lines), deps_len bytes of deps records, gaps_len
 * bytes of the library's gaps (scored_list_gaps lines), then records_len
 * bytes of the folder's record of its documents (uptodate.h). What a
 * member job sends ahead for the summary: the length of its facts (a
 * uint64_t), its facts (facts_write), then the files its compilation read,
 * each a Read: its path ended by a NUL, then a ReadSum (what it held when
 * it was read, records_input_sum). */
typedef struct ReadSum {
    uint64_t size, checksum;
    uint64_t ok;                  /* 1: size and checksum are known */
} ReadSum;
typedef struct JobReport {
    int status;                   /* EXIT_OK, EXIT_INPUT or EXIT_USAGE */
    int written, up_to_date;      /* documents */
    int no_room, not_written;     /* the errno of documents the system had no room for, how many */
    size_t text_len, deps_len, gaps_len, records_len;
} JobReport;

typedef struct Build {
    Options *o;
    Session *s;
    const Model *group;
    FileList group_files;         /* the files the group's compilation read */
    const char *dir;              /* DIR/<group code> */
    const char **names;           /* per member: its file's name without .form */
    /* in the parent: per member, its patient id (member_id, NULL: none)
     * and where it is written (member_id_place) once its job has said
     * them (id_known) */
    const char **ids, **id_places;
    bool *id_known;
    Copied *copied;               /* and what the copy check compares of it (copies.h) */
    int nmembers;                 /* jobs 0..nmembers-1; job nmembers: the summary */
    bool live;                    /* a progress line rewritten in place */
    bool plain;                   /* a "built PATH" line per document written */
    /* in the parent: what the jobs reported */
    int done, last_done, built, documents, up_to_date, status;
    bool *failed;              /* per member: its documents failed */
    bool *told;                /* per member: its job's messages were shown (run_job) */
    int nfailed;
    bool summary_failed;
    int no_room, not_written;     /* the errno of documents the system had no room for, how many */
    bool stopped;                 /* the system refused what every job needs */
    Deps *deps;
    Records *records;             /* what each document was made from (uptodate.h) */
    Gaps gaps;                    /* the library's gaps, over every member */
    /* in the parent: what each member job sent ahead for the summary */
    char **ahead;
    size_t *ahead_len;
} Build;

/* A summary of more members than this runs in a worker started for it:
 * a long document (past the text a document holds laid out, layout/doc.h),
 * whose peak would otherwise add to what the members' documents left in
 * the worker's memory. A shorter one runs where a member's did, its
 * start-up paid. */
#define SUMMARY_ALONE_MEMBERS 16

/* ---- in a worker ------------------------------------------------------ */

/* Counts a document's result into r; a "built" line for one written. */
static void count(Build *b, DocResult res, const char *out, FILE *text, JobReport *r) {
    if (res == DOC_WRITTEN) {
        r->written++;
        if (b->plain) fprintf(text, "built %s\n", diag_printable(out));
    } else if (res == DOC_UP_TO_DATE) {
        r->up_to_date++;
    } else if (res == DOC_SYSTEM_ERROR || res == DOC_NO_ROOM) {
        r->status = EXIT_USAGE;
        r->not_written += res == DOC_NO_ROOM;
    } else if (r->status == EXIT_OK) {
        r->status = EXIT_INPUT;
    }
}

/* The files every document shares: the group's, those read since the
 * span began, formc itself. */
static void shared_inputs(Build *b, Arena *a, FileList *l) {
    filelist_add_all(a, l, &b->group_files);
    filelist_add_read(a, l);
    const char *exe = formc_executable(a);
    if (exe) filelist_add(a, l, exe);
}

/* What the drawing of every document depends on outside formc's files
 * (the fonts, the hyphenation dictionaries, the libraries' versions: a
 * system upgrade), worked out once a run. */
static const char *drawing_identity(void) {
    static char *text;
    if (!text) {
        size_t len = 0;
        FILE *f = xmemstream(&text, &len);
        fonts_identity(f);
        hyphenate_identity(f);
        fclose(f);
    }
    return text;
}

/* What shapes a document of this kind besides the files it reads: the
 * options and the environment formc reads, and the drawing's identity. A document made with another
 * key is not up to date. */
static const char *document_key(const Build *b, Arena *a, const char *kind) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = xmemstream(&text, &len);
    const char *epoch = getenv("SOURCE_DATE_EPOCH"), *fonts = getenv("FORMC_FONT_DIR");
    fprintf(f, "%s%c%d%c%d%c%s%c%s%c%s%c%s%c", kind, 0, (int)b->o->paper, 0, (int)b->o->redact, 0,
            b->o->templates ? b->o->templates : "", 0, b->s->datadir ? b->s->datadir : "", 0,
            epoch ? epoch : "", 0, fonts ? fonts : "", 0);
    for (int i = 0; i < b->s->ninstrument_files; i++) fprintf(f, "%s%c", b->s->instrument_files[i], 0);
    fputs(drawing_identity(), f);
    fclose(f);
    for (size_t i = 0; i < len; i++)     /* one text: its NULs, which no path holds, as line breaks */
        if (!text[i]) text[i] = '\n';
    const char *key = arena_strndup(a, text, len);
    free(text);
    return key;
}

/* The path of member k's document of this kind ("report", "letter"), or
 * with k == b->nmembers of the summary: the same for writing it and for
 * removing what a dead worker left of it. */
static const char *output_path(const Build *b, Arena *a, int k, const char *kind) {
    if (k == b->nmembers) return outname_summary(a, b->dir, b->group, b->o->redact);
    return outname_document(a, b->dir, b->names[k], kind);
}

typedef struct { Arena *a; FileList *l; } Adding;

static void add_path(void *user, const char *path) {
    Adding *ad = user;
    filelist_add(ad->a, ad->l, path);
}

/* Writes to deps the rule of out: the files it is made from (in), and
 * what else its record checks that make can see by a date: the folders its templates are looked for in (m, g),
 * where a template added takes the place of another, and the files its
 * drawing reads (the fonts and the hyphenation dictionaries, which the
 * record checks by their identity: document_key). */
static void record_deps(Build *b, Arena *a, FILE *deps, const char *out, const FileList *in, const Model *m,
                        const Model *g) {
    FileList rules = { 0 };
    filelist_add_all(a, &rules, in);
    const char *dirs[3];
    int n = document_template_dirs(a, b->o->templates, m, g, b->s->datadir, dirs);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (dirs[i] && stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode)) filelist_add(a, &rules, dirs[i]);
    }
    Adding ad = { a, &rules };
    fonts_each_file(add_path, &ad);
    hyphenate_each_file(add_path, &ad);
    deps_record(deps, out, &rules);
}

/* Sends ahead, for the summary, the facts of member k (m compiled as st)
 * and every file read since the span began. */
static void send_facts(Build *b, Arena *a, int k, Model *m, CompileStatus st, const Model *group) {
    char *data = NULL;
    size_t len = 0;
    FILE *f = xmemstream(&data, &len);
    MemberFacts mf;
    /* a member whose only errors are in its letter is still in the summary */
    summary_member_facts(a, &mf, b->group->g.members[k].path,
                         compile_serves(m, st, NEED_REPORT) ? m : NULL, a, group, b->o->redact, false);
    mf.draft = m && m->f.draft;       /* its status even when it is left out */
    uint64_t facts_len = 0;
    fwrite(&facts_len, sizeof facts_len, 1, f);
    facts_write(f, &mf);
    fflush(f);
    facts_len = len - sizeof facts_len;
    FileList read = { 0 };
    filelist_add_read(a, &read);
    for (int i = 0; i < read.n; i++) {
        ReadSum sum = { 0 };
        sum.ok = records_input_sum(read.paths[i], &sum.size, &sum.checksum);
        fwrite(read.paths[i], 1, strlen(read.paths[i]) + 1, f);
        fwrite(&sum, sizeof sum, 1, f);
    }
    fclose(f);
    memcpy(data, &facts_len, sizeof facts_len);
    jobs_send_ahead(data, len);
    free(data);
}

/* Says what formc check says of member k (m, compiled as *st) against the
 * members before it: asks the parent, which knows them all, whether one
 * has its id (said as member_shared_id does) and which its letter looks
 * copied from (said by copies_say, given those). The question: '=' and
 * the id, or '-' for none, a NUL, its place and a NUL, then copies_write
 * of the member; the answer: the first member before it with its id, and
 * the first with an id alike (member_first_with_alike_id; two int32_t,
 * -1: none), the latter's id and place each ended by a NUL, then
 * copies_write of each member copies_named names. */
static void ask_members_before(Build *b, Arena *a, int k, Model *m, CompileStatus *st) {
    /* For the tests only (tests/e2e/build.sh, worker-dies-before-id): the
     * worker of the member whose file's name (without .form) this names
     * ends here, killed as the out-of-memory killer would end it, before
     * it says its id; no user sets it. */
    const char *die = getenv("FORMC_TEST_DIE_BEFORE_ID");
    if (die && !strcmp(die, b->names[k])) raise(SIGKILL);
    const char *id = member_id(m, *st), *place = member_id_place(a, m, *st);
    char *question = NULL;
    size_t qlen = 0, len = 0;
    FILE *f = xmemstream(&question, &qlen);
    fprintf(f, "%c%s%c%s%c", id ? '=' : '-', id ? id : "", 0, place ? place : "", 0);
    Copied now = copies_of(a, m, b->group->g.members[k].path);
    copies_write(f, &now);
    fclose(f);
    char *answer = jobs_ask(question, qlen, &len);
    free(question);
    int32_t j[2] = { -1, -1 };
    if (!answer || len < sizeof j) {
        *st = COMPILE_SYSTEM_ERROR;     /* the build is gone: nothing is written */
        free(answer);
        return;
    }
    memcpy(j, answer, sizeof j);
    const char *p = answer + sizeof j, *end = answer + len, *alike[2] = { NULL, NULL }, *nul;
    for (int i = 0; j[1] >= 0 && i < 2 && (nul = memchr(p, '\0', (size_t)(end - p))); i++)
        alike[i] = p, p = nul + 1;                  /* the id alike and its place */
    if (id && j[0] >= 0 && j[0] < k) member_id_taken(b->group, j[0], m, st);
    else if (id && j[1] >= 0 && j[1] < k && alike[1]) member_id_alike(alike[0], alike[1], m);
    Copied *earlier = NULL;
    int n = 0, cap = 0;
    for (Copied e; n < k && copies_read(a, &p, end, &e);)
        *(Copied *)arena_push(a, &earlier, &n, &cap, sizeof e) = e;
    copies_say(m, &now, earlier, n);
    free(answer);
}

/* Compiles member k once, sends its facts ahead for the summary, and
 * writes its documents; messages go to text. */
static void build_member(Build *b, int k, FILE *text, FILE *deps, FILE *gaps, FILE *records,
                         JobReport *r) {
    Arena a = { 0 };
    CompileStatus st;
    inputs_begin_span();
    Model *m = compile_member(b->s, &a, b->group, k, NEED_REPORT | NEED_LETTER, &st);
    ask_members_before(b, &a, k, m, &st);   /* as formc check (and summary) decide */
    bool documents = st == COMPILE_OK && !diag_error_count();
    const Model *group = b->group;
    if (documents && b->o->redact) redact_case(&a, &m, &group, true);
    send_facts(b, &a, k, m, st, group);
    if (!documents) {
        r->status = st == COMPILE_SYSTEM_ERROR ? EXIT_USAGE : EXIT_INPUT;
        arena_free(&a);
        return;
    }
    FileList shared = { 0 };
    shared_inputs(b, &a, &shared);
    DocOptions dopt = { .paper = b->o->paper, .datadir = b->s->datadir, .templates = b->o->templates,
                        .gaps = gaps, .no_room = &r->no_room };
    const char *lang = language_of_member(m, group);
    static const char *const kinds[] = { "report", "letter" };
    for (int d = 0; d < 2; d++) {
        FileList in = { 0 };          /* what the document is made from */
        filelist_add_all(&a, &in, &shared);
        for (const char **t = document_template_inputs(&a, &dopt, m, group, kinds[d], lang); *t; t++)
            filelist_add(&a, &in, *t);
        const char *out = output_path(b, &a, k, kinds[d]);
        const char *key = document_key(b, &a, kinds[d]);
        records_note_inputs(&in);     /* as they are before it is made */
        inputs_begin_span();
        DocResult res = !b->o->force && up_to_date(b->records, &in, out, key, records) ? DOC_UP_TO_DATE
                      : d == 0 ? document_report(&a, m, group, &dopt, out)
                               : document_letter(&a, m, group, &dopt, out);
        filelist_add_read(&a, &in);   /* and whatever making it read */
        if (res == DOC_WRITTEN) records_write_one(records, out, &in, key);
        record_deps(b, &a, deps, out, &in, m, group);
        count(b, res, out, text, r);
    }
    if (r->status == EXIT_OK && diag_error_count()) r->status = EXIT_INPUT;   /* -Werror */
    arena_free(&a);
}

/* Reads what a member job sent ahead from *p (advanced past it): its facts
 * into mf (in fa), the files its compilation read into reads (in a), and
 * what each held when it was read (records_note_read). False when its
 * worker died before sending them. */
static bool read_ahead(Arena *a, Arena *fa, const char **p, const char *end, MemberFacts *mf,
                       FileList *reads) {
    uint64_t len, facts_len;
    if ((size_t)(end - *p) < sizeof len) return false;
    memcpy(&len, *p, sizeof len);
    *p += sizeof len;
    if (len > (uint64_t)(end - *p)) return false;
    const char *part = *p, *stop = part + len;
    *p = stop;
    if (len < sizeof facts_len) return false;
    memcpy(&facts_len, part, sizeof facts_len);
    const char *f = part + sizeof facts_len, *files = f + facts_len;
    if (facts_len > (uint64_t)(stop - f) || !facts_read(fa, &f, files, mf)) return false;
    for (const char *q = files; q < stop && memchr(q, '\0', (size_t)(stop - q));) {
        const char *path = q;
        ReadSum sum;
        q += strlen(q) + 1;
        if ((size_t)(stop - q) < sizeof sum) break;
        memcpy(&sum, q, sizeof sum);
        q += sizeof sum;
        records_note_read(path, sum.ok == 1, sum.size, sum.checksum);
        filelist_add(a, reads, path);
    }
    return true;
}

/* What the summary is made from: the facts every member job sent ahead
 * (in, as summary_input() put them together), in fa alone, the files
 * their compilations read added to reads (in a) in member order. A member
 * whose worker died before it sent them is read here, as the summary
 * reads it, with the parent's word on its id. */
static MemberFacts *gather_facts(Build *b, Arena *a, Arena *fa, const char *in, size_t in_len,
                                 FileList *reads) {
    MemberFacts *facts = arena_alloc(fa, sizeof *facts * (size_t)(b->nmembers + 1));
    const char *p = in, *end = in + in_len;
    for (int k = 0; k < b->nmembers; k++) {
        int32_t taken = -1;
        if ((size_t)(end - p) >= sizeof taken) {
            memcpy(&taken, p, sizeof taken);
            p += sizeof taken;
        }
        if (read_ahead(a, fa, &p, end, &facts[k], reads)) continue;
        Arena ma = { 0 };
        CompileStatus st;
        diag_mute(true);              /* its diagnostics are its own job's */
        Model *m = compile_member(b->s, &ma, b->group, k, NEED_REPORT, &st);
        if (taken >= 0 && taken < k && member_id(m, st)) member_id_taken(b->group, taken, m, &st);
        diag_mute(false);
        summary_member_facts(fa, &facts[k], b->group->g.members[k].path, st == COMPILE_OK ? m : NULL, &ma,
                             b->group, b->o->redact, false);
        arena_free(&ma);
    }
    return facts;
}

/* Writes the group summary unless it is up to date with the group, every
 * member file and what they include, the instruments and its template.
 * ahead (summary_input's bytes) is freed once read: the summary holds the
 * facts it gives, and what the parent held of them when this worker was
 * started for the summary (Jobs.last_alone) is let go too. */
static void build_summary(Build *b, char *ahead, size_t ahead_len, FILE *text, FILE *deps,
                          FILE *records, JobReport *r) {
    Arena a = { 0 }, fa = { 0 };
    FileList in = { 0 };
    filelist_add_all(&a, &in, &b->group_files);
    inputs_begin_span();
    MemberFacts *facts = gather_facts(b, &a, &fa, ahead, ahead_len, &in);
    free(ahead);
    for (int k = 0; k < b->nmembers; k++) {
        free(b->ahead[k]);
        b->ahead[k] = NULL;
    }
    /* the group's placeholders, as formc check says them: a final member
     * said them as errors; while every member is a draft they are warnings */
    bool final = false;
    for (int k = 0; k < b->nmembers; k++) final |= !facts[k].draft;
    if (!final) compile_group_placeholders(b->group, false);
    shared_inputs(b, &a, &in);
    DocOptions where = { .datadir = b->s->datadir, .templates = b->o->templates };
    for (const char **t = document_template_inputs(&a, &where, b->group, NULL, "summary",
                                                   language_of_group(b->group)); *t; t++)
        filelist_add(&a, &in, *t);
    const char *out = output_path(b, &a, b->nmembers, "summary");
    const char *key = document_key(b, &a, "summary");
    records_note_inputs(&in);
    DocResult res = DOC_UP_TO_DATE;
    if (b->o->force || !up_to_date(b->records, &in, out, key, records)) {
        FileList protect = { 0 };     /* never written over: what it is made from, every member */
        filelist_add_all(&a, &protect, &in);
        for (int k = 0; k < b->nmembers; k++) filelist_add(&a, &protect, b->group->g.members[k].path);
        SummaryOptions so = { .paper = b->o->paper, .templates = b->o->templates,
                              .redact = b->o->redact, .no_room = &r->no_room };
        SummaryInput si = { b->group, facts, b->nmembers, filelist_array(&a, &protect), &fa };
        /* the members' documents share little with the summary, the
         * worker's last job: what they kept would only swell its peak */
        doc_forget_kept();
        int rc = summary_write(&si, b->s->datadir, out, &so);
        res = rc == 0 ? DOC_WRITTEN : rc == 1 ? DOC_INPUT_ERROR : r->no_room ? DOC_NO_ROOM : DOC_SYSTEM_ERROR;
        if (res == DOC_WRITTEN) records_write_one(records, out, &in, key);
    }
    record_deps(b, &a, deps, out, &in, b->group, NULL);
    count(b, res, out, text, r);
    arena_free(&fa);
    arena_free(&a);
}

/* Runs job k with its diagnostics captured; returns the packed report. */
static char *run_job(void *ctx, int k, char *in, size_t in_len, size_t *len) {
    Build *b = ctx;
    enum { TEXT, DEPS, GAPS, RECORDS, PARTS };
    char *data[PARTS] = { 0 };
    size_t size[PARTS] = { 0 };
    FILE *f[PARTS];
    for (int i = 0; i < PARTS; i++) f[i] = xmemstream(&data[i], &size[i]);
    diag_set_output(f[TEXT]);
    diag_set_framed(true);             /* the parent shows each diagnostic once (deliver) */
    diag_reset();
    JobReport r;
    memset(&r, 0, sizeof r);                 /* its padding too: it is sent whole */
    r.status = EXIT_OK;
    if (k < b->nmembers) build_member(b, k, f[TEXT], f[DEPS], f[GAPS], f[RECORDS], &r);
    else build_summary(b, in, in_len, f[TEXT], f[DEPS], f[RECORDS], &r);
    diag_finish();
    diag_set_framed(false);
    diag_set_output(NULL);
    for (int i = 0; i < PARTS; i++) fclose(f[i]);
    /* a member whose documents are all up to date is not mentioned: its
     * warnings were shown when they were made (formc check shows them all) */
    if (r.status == EXIT_OK && r.written == 0) size[TEXT] = 0;
    r.text_len = size[TEXT];
    r.deps_len = size[DEPS];
    r.gaps_len = size[GAPS];
    r.records_len = size[RECORDS];
    *len = sizeof r;
    for (int i = 0; i < PARTS; i++) *len += size[i];
    char *out = xmalloc(*len), *p = out;
    memcpy(p, &r, sizeof r);
    p += sizeof r;
    for (int i = 0; i < PARTS; i++) {
        memcpy(p, data[i], size[i]);
        p += size[i];
        free(data[i]);
    }
    return out;
}

static void worker_done(void *ctx) {
    (void)ctx;
    doc_shutdown();
}

/* ---- in the parent ---------------------------------------------------- */

static void clear_progress(const Build *b) {
    if (b->live) fputs("\r\033[K", stderr);
}

/* "[7/11] ada": jobs done, of all, and the member (or summary) last done. */
static void show_progress(const Build *b) {
    if (b->live)
        fprintf(stderr, "\r\033[K[%d/%d] %s", b->done, b->nmembers + 1,
                diag_printable(b->last_done < b->nmembers ? b->names[b->last_done] : "summary"));
}

/* Learns member k's id and what the copy check compares of it in the
 * parent, its job having ended without saying them (its worker died):
 * compiled here, its problems unsaid (they are its job's). */
static void learn_id(Build *b, int k) {
    Arena ma = { 0 };
    CompileStatus st;
    diag_mute(true);
    Model *m = compile_member(b->s, &ma, b->group, k, NEED_REPORT, &st);
    diag_mute(false);
    const char *id = member_id(m, st);
    b->ids[k] = id ? arena_strdup(&b->s->arena, id) : NULL;
    b->id_places[k] = member_id_place(&b->s->arena, m, st);
    b->copied[k] = copies_of(&b->s->arena, m, b->group->g.members[k].path);
    b->id_known[k] = true;
    arena_free(&ma);
}

/* The first member before k with its id (member_first_with_id), once
 * every one of them has said its own; -2 while one has not. */
static int32_t first_with_id(const Build *b, int k) {
    for (int j = 0; j < k; j++)
        if (!b->id_known[j]) return -2;
    return member_first_with_id(b->ids, k, b->ids[k]);
}

/* Member job k says its id and what the copy check compares of it, and
 * asks which members before it have the one or look copied in the other
 * (ask_members_before gives the bytes): answered once every member before
 * it has said its own. */
static char *answer_members_before(void *ctx, int k, const char *data, size_t len, size_t *answer_len) {
    Build *b = ctx;
    if (k >= b->nmembers || len < 1) return NULL;
    if (!b->id_known[k]) {
        const char *end = data + len, *nul = memchr(data, '\0', len), *p = nul ? nul + 1 : end;
        const char *nul2 = memchr(p, '\0', (size_t)(end - p));
        b->ids[k] = data[0] == '=' ? arena_strndup(&b->s->arena, data + 1, (size_t)((nul ? nul : end) - data) - 1)
                                   : NULL;
        b->id_places[k] = b->ids[k] && nul2 ? arena_strndup(&b->s->arena, p, (size_t)(nul2 - p)) : NULL;
        p = nul2 ? nul2 + 1 : end;
        if (!copies_read(&b->s->arena, &p, end, &b->copied[k])) b->copied[k] = (Copied){ 0 };
        b->id_known[k] = true;
    }
    int32_t j[2] = { first_with_id(b, k), member_first_with_alike_id(b->ids, k, b->ids[k]) };
    if (j[0] == -2) return NULL;
    int *which = xcalloc((size_t)k + 1, sizeof *which);
    int n = copies_named(b->copied, k, &b->copied[k], which);
    char *answer = NULL;
    FILE *f = xmemstream(&answer, answer_len);
    fwrite(j, sizeof j, 1, f);
    if (j[1] >= 0) fprintf(f, "%s%c%s%c", b->ids[j[1]], 0, b->id_places[j[1]] ? b->id_places[j[1]] : "", 0);
    for (int i = 0; i < n; i++) copies_write(f, &b->copied[which[i]]);
    fclose(f);
    free(which);
    return answer;
}

static void job_finished(void *ctx, int k) {
    Build *b = ctx;
    if (k < b->nmembers && !b->id_known[k]) learn_id(b, k);
    b->done++;
    b->last_done = k;
    show_progress(b);
}

/* Says, once, what the system refused a worker: the build stops there. */
static void job_refused(void *ctx, const char *line) {
    Build *b = ctx;
    clear_progress(b);
    fputs(line, stderr);
    b->stopped = true;
}

/* Keeps what member job k sent ahead, for the summary. */
static void keep_ahead(void *ctx, int k, const char *data, size_t len) {
    Build *b = ctx;
    if (b->ahead[k]) return;
    b->ahead[k] = xmalloc(len + 1);
    memcpy(b->ahead[k], data, len);
    b->ahead_len[k] = len;
}

/* What the summary job is given: per member, in member order, the first
 * member before it with its id (an int32_t, -1: none; every member has
 * said its id or ended by now), then what it sent ahead, as its length (a
 * uint64_t; 0 when its worker died before sending it) and its bytes. */
static char *summary_input(void *ctx, size_t *len) {
    Build *b = ctx;
    char *data = NULL;
    FILE *f = xmemstream(&data, len);
    for (int k = 0; k < b->nmembers; k++) {
        if (!b->id_known[k]) learn_id(b, k);
        int32_t taken = first_with_id(b, k);
        fwrite(&taken, sizeof taken, 1, f);
        uint64_t n = b->ahead_len[k];
        fwrite(&n, sizeof n, 1, f);
        if (n) fwrite(b->ahead[k], 1, b->ahead_len[k], f);
        free(b->ahead[k]);
        b->ahead[k] = NULL;
    }
    fclose(f);
    return data;
}

/* False (said at the group's code) when the folder holds another group's
 * documents: its summary was made from a group file that is still there
 * and is not this one, a copy of last term's group file whose code was
 * left as it was. Its summary, and any member of the same file name,
 * would be written over, and the folder mix two groups. */
static bool another_groups_folder(const Build *b, const char *group_path) {
    char *made_from = records_first_input(b->records, output_path(b, &b->s->arena, b->nmembers, "summary"));
    struct stat then, now;
    bool other = made_from && stat(made_from, &then) == 0 && stat(group_path, &now) == 0 &&
                 (then.st_dev != now.st_dev || then.st_ino != now.st_ino);
    if (other)
        diag_at(DIAG_ERROR, b->group->g.code.loc, "%s holds the documents of %s, whose code is this "
                "group's too: building this group there would write over its summary and mix the two "
                "groups; give this group a code of its own (nothing was built)", diag_printable(b->dir),
                diag_printable(made_from));
    free(made_from);
    return !other;
}

/* Says each document of failed member k that an earlier build made and
 * that is still there: it is not made from the member's file as it is. */
static void say_kept(const Build *b, int k) {
    static const char *const kinds[] = { "report", "letter" };
    for (int d = 0; d < 2; d++) {
        const char *out = output_path(b, &b->s->arena, k, kinds[d]);
        struct stat st;
        if (lstat(out, &st) != 0) continue;
        clear_progress(b);
        diag_file(DIAG_WARNING, out, "was made by an earlier build and left as it was: it does not show "
                  "%s as it is now", diag_printable(b->group->g.members[k].path));
        show_progress(b);
    }
}

static void deliver(void *ctx, int k, const char *data, size_t len) {
    Build *b = ctx;
    bool summary = k == b->nmembers;
    const char *path = summary ? "the group summary" : b->group->g.members[k].path;
    JobReport r;
    if (!data || len < sizeof r) {
        /* its worker died (killed, out of memory): no temporary file of it stays */
        if (summary) {
            outfile_remove_temporaries(output_path(b, &b->s->arena, k, "summary"));
        } else {
            outfile_remove_temporaries(output_path(b, &b->s->arena, k, "report"));
            outfile_remove_temporaries(output_path(b, &b->s->arena, k, "letter"));
        }
        clear_progress(b);
        fprintf(stderr, diag_tr("formc: error: building %s stopped before it finished\n"), diag_printable(path));
        show_progress(b);
        r = (JobReport){ .status = EXIT_USAGE };
    } else {
        memcpy(&r, data, sizeof r);
        const char *text = data + sizeof r, *deps = text + r.text_len, *gaps = deps + r.deps_len,
                   *records = gaps + r.gaps_len;
        if (r.text_len) {
            clear_progress(b);
            diag_write_framed(stderr, text, r.text_len);   /* a group's problem once, as check says it */
            show_progress(b);
        }
        if (b->deps) deps_add(b->deps, deps, r.deps_len);
        gaps_add_lines(&b->gaps, &b->s->arena, gaps, r.gaps_len);
        records_add(b->records, records, r.records_len);
    }
    if (!summary) b->told[k] = r.status != EXIT_OK || r.written > 0;
    if (r.no_room) b->no_room = r.no_room;
    b->not_written += r.not_written;
    if (r.status > b->status) b->status = r.status;
    if (r.status == EXIT_OK || summary) {
        b->documents += r.written + r.up_to_date;
        b->up_to_date += r.up_to_date;
    }
    if (summary) b->summary_failed = r.status != EXIT_OK;
    else if (r.status != EXIT_OK) b->failed[k] = true, b->nfailed++, say_kept(b, k);
    else b->built++;
}

/* The closing line: how many members were built, which failed (in the
 * group file's order, whatever order the workers finished in). */
static void final_line(const Build *b) {
    /* a full disk refuses every document alike: said once, not per document */
    if (b->not_written)
        fprintf(stderr, diag_tr("formc: error: cannot write in '%s': %s%s; %d document%s not written there\n"),
                diag_printable(b->dir), diag_tr(strerror(b->no_room)),
                b->no_room == EFBIG ? diag_tr(" (the limit on a file's size, ulimit -f)") : "", b->not_written,
                diag_tr(b->not_written == 1 ? " was" : "s were"));
    fprintf(stderr, diag_tr("built %d of %d members (%d document%s"), b->built, b->nmembers, b->documents,
            b->documents == 1 ? "" : "s");
    if (b->documents && b->up_to_date == b->documents) fputs(diag_tr(", all up to date"), stderr);
    else if (b->up_to_date) fprintf(stderr, diag_tr(", %d up to date"), b->up_to_date);
    fputc(')', stderr);
    if (b->nfailed) {
        fprintf(stderr, diag_tr("; %d failed:"), b->nfailed);
        enum { SHOWN = 10 };
        for (int k = 0, shown = 0; k < b->nmembers && shown < SHOWN; k++)
            if (b->failed[k])
                fprintf(stderr, "%s %s", shown++ ? "," : "",
                        diag_printable(b->group->g.members[k].path));
        if (b->nfailed > SHOWN) fprintf(stderr, diag_tr(" and %d more"), b->nfailed - SHOWN);
    }
    if (b->summary_failed) fputs(diag_tr("; the summary failed"), stderr);
    if (b->stopped) fputs(diag_tr("; the build stopped, the rest was not built"), stderr);
    fputc('\n', stderr);
}

/* This build's documents, each path made once and its file looked at
 * once: what say_left_over compares the record's with (making and looking
 * at every path again for each of them was, for 1000 members, 4 million
 * paths kept and 8 million stat calls), and --deps's path. */
typedef struct {
    int n;
    const char **path;
    struct stat *st;
    bool *there;
} Documents;

static Documents documents_of(const Build *b, Arena *a) {
    static const char *const kinds[] = { "report", "letter" };
    Documents ds = { 0 };
    int most = 2 * b->nmembers + 1;
    ds.path = arena_alloc(a, sizeof *ds.path * (size_t)most);
    ds.st = arena_alloc(a, sizeof *ds.st * (size_t)most);
    ds.there = arena_alloc(a, sizeof *ds.there * (size_t)most);
    for (int k = 0; k <= b->nmembers; k++)
        for (int d = 0; d < (k == b->nmembers ? 1 : 2); d++) {
            ds.path[ds.n] = output_path(b, a, k, kinds[d]);
            ds.there[ds.n] = stat(ds.path[ds.n], &ds.st[ds.n]) == 0;
            ds.n++;
        }
    return ds;
}

/* Whether path names one of ds: the same file, or (path not there to
 * look at) the same name in the same folder. */
static bool names_one_of(const Documents *ds, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        for (int i = 0; i < ds->n; i++)
            if (outfile_same_path(path, ds->path[i])) return true;
        return false;
    }
    for (int i = 0; i < ds->n; i++)
        if (ds->there[i] && ds->st[i].st_dev == st.st_dev && ds->st[i].st_ino == st.st_ino) return true;
    return false;
}

/* Says each document the folder's record names that this build does not
 * make and that is still there (its member left the group, or was
 * renamed): it is left as it was, and is not what this build would make. */
static void say_left_over(const Build *b, Arena *a) {
    Documents ds = documents_of(b, a);
    for (int i = 0; i < records_count(b->records); i++) {
        const char *path = records_document(b->records, i);
        struct stat st;
        if (lstat(path, &st) != 0 || names_one_of(&ds, path)) continue;
        clear_progress(b);
        diag_file(DIAG_WARNING, path, "is not a document of this group any more (a member who left, or "
                  "whose file or pseudonym changed): it was left as it was; remove it if it is no longer needed");
    }
}

/* Compiles the group file; NULL (after reporting) when it cannot be built. */
static const Model *load_group(Options *o, Session *s, int *status) {
    CompileOptions co = { .purpose = NEED_GROUP, .members = true };
    CompileStatus st;
    Model *g = compile_file(s, &s->arena, o->files[0], &co, &st);
    if (st == COMPILE_SYSTEM_ERROR) {
        *status = EXIT_USAGE;
        return NULL;
    }
    if (!model_is_group(g)) {
        diag_file(DIAG_ERROR, o->files[0], "not a group file (it has no group { } block)");
        st = COMPILE_INPUT_ERRORS;
    }
    if (st != COMPILE_OK || diag_error_count()) {
        fprintf(stderr, diag_tr("formc build: %s has errors; nothing was built\n"), diag_printable(o->files[0]));
        *status = EXIT_INPUT;
        return NULL;
    }
    session_remember_group(s, g, false);
    return g;
}

int cmd_build(Options *o, Session *s) {
    if (o->nfiles != 1) {
        fprintf(stderr, diag_tr("formc build: give one group file, not %d files\n"), o->nfiles);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    inputs_begin_span();
    const Model *group = load_group(o, s, &status);
    if (!group) return status;
    Build b = { .o = o, .s = s, .group = group, .nmembers = group->g.nmembers };
    filelist_add_read(&s->arena, &b.group_files);
    const char *term = getenv("TERM");
    b.live = !o->quiet && isatty(STDERR_FILENO) && !(term && !strcmp(term, "dumb"));
    b.plain = !o->quiet && !b.live;
    /* de-identified documents go to a folder of their own, beside the others */
    char *dir = arena_strdup(&s->arena, outname_build_folder(&s->arena, o->output, group, o->redact));
    b.dir = dir;
    bool names_ok;
    b.names = outname_members(&s->arena, b.group, o->redact, b.dir, &names_ok);
    if (!names_ok) {
        fprintf(stderr, diag_tr("formc build: %s has errors; nothing was built\n"), diag_printable(o->files[0]));
        return EXIT_INPUT;
    }
    /* the folders are made private, and refused when another user controls
     * them (base/outdir.h), before any work: -o's folder before anything
     * is made in it */
    char err[1024];
    struct stat st;
    bool given = o->output && lstat(o->output, &st) == 0;
    if ((given && outdir_check(o->output, err, sizeof err) != 0) || outdir_make(dir, err, sizeof err) != 0 ||
        (o->output && outdir_check(o->output, err, sizeof err) != 0)) {
        diag_file(DIAG_ERROR, NULL, "%s; nothing was built", err);
        return EXIT_USAGE;
    }
    records_lock(dir);                  /* one build at a time in a folder */
    outfile_sweep(dir);                 /* what a build killed outright (kill -9) left */
    /* the rules of --deps must not replace a document (the next build
     * took them for it, up to date) */
    if (o->deps) {
        Documents ds = documents_of(&b, &s->arena);
        if (names_one_of(&ds, o->deps)) {
            diag_file(DIAG_ERROR, NULL, "refusing to write the rules to '%s': it is a document this "
                      "build writes (--deps names the file for the rules, such as %s/%s.d); nothing was built",
                      diag_printable(o->deps), diag_printable(dir), b.group->g.code.s ? b.group->g.code.s : "group");
            return EXIT_USAGE;
        }
    }
    b.failed = arena_alloc(&s->arena, sizeof *b.failed * (size_t)(b.nmembers + 1));
    b.told = arena_alloc(&s->arena, sizeof *b.told * (size_t)(b.nmembers + 1));
    b.ahead = arena_alloc(&s->arena, sizeof *b.ahead * (size_t)(b.nmembers + 1));
    b.ahead_len = arena_alloc(&s->arena, sizeof *b.ahead_len * (size_t)(b.nmembers + 1));
    b.ids = arena_alloc(&s->arena, sizeof *b.ids * (size_t)(b.nmembers + 1));
    b.id_places = arena_alloc(&s->arena, sizeof *b.id_places * (size_t)(b.nmembers + 1));
    b.id_known = arena_alloc(&s->arena, sizeof *b.id_known * (size_t)(b.nmembers + 1));
    b.copied = arena_alloc(&s->arena, sizeof *b.copied * (size_t)(b.nmembers + 1));
    if (o->deps) b.deps = deps_new();
    b.records = records_load(dir);
    if (!another_groups_folder(&b, o->files[0])) {
        records_free(b.records);
        return EXIT_INPUT;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* the summary is the last job: it waits for every member's facts */
    Jobs jobs = { .njobs = b.nmembers + 1, .workers = o->jobs ? o->jobs : cores > 0 ? (int)cores : 1,
                  .ctx = &b, .run = run_job, .deliver = deliver, .finished = job_finished,
                  .worker_done = worker_done, .ahead = keep_ahead, .answer = answer_members_before,
                  .last_input = summary_input,
                  .refused = job_refused, .last_alone = b.nmembers > SUMMARY_ALONE_MEMBERS };
    int rc = jobs_run(&jobs);
    clear_progress(&b);
    if (rc > 0) {                       /* interrupted: the workers have cleaned up */
        deps_free(b.deps);
        records_free(b.records);
        raise(rc);
        return EXIT_USAGE;
    }
    if (rc < 0) b.status = EXIT_USAGE;
    /* a letter naming another member, as formc check says it once every
     * member's names are known: of the members whose messages were shown */
    for (int k = 0; k < b.nmembers; k++) b.told[k] &= b.id_known[k] && !b.stopped;
    copies_names_say(group, b.copied, b.nmembers, b.told);
    if (diag_error_count() && b.status == EXIT_OK) b.status = EXIT_INPUT;   /* -Werror */
    /* like a compiler's: written only by a build that succeeded, so that
     * make and ninja try a failed build again */
    if (b.deps && b.status == EXIT_OK) {
        char err[512];
        if (deps_write(b.deps, o->deps, err, sizeof err) != 0) {
            diag_file(DIAG_ERROR, NULL, "%s", err);
            b.status = EXIT_USAGE;
        }
    }
    deps_free(b.deps);
    say_left_over(&b, &s->arena);
    /* a document it cannot record is made again by the next build */
    if (records_save(b.records, dir, err, sizeof err) != 0)
        diag_file(DIAG_WARNING, NULL, "%s: the next build makes every document again", err);
    records_free(b.records);
    gaps_note(&b.gaps, "the reports");
    if (!o->quiet || b.status != EXIT_OK) final_line(&b);
    return b.status;
}
