/* cmd_document.c — a member's document, one per file named:
 *   `formc report FILE [-o OUT.pdf] [--paper a4|letter] [--templates DIR] [--redact]`
 *   `formc letter FILE [-o OUT.pdf] [--group GROUP] [--templates DIR] [--redact]`
 * Without -o the document is BASENAME-report.pdf or BASENAME-letter.pdf in
 * the current directory (PSEUDONYM-... with --redact, which de-identifies
 * it: redact.h). A report's group is the one its file names, when there is
 * one. A letter's comes from the file's `group` statement or from --group;
 * without one, a clear error and nothing written. Nothing is written when
 * the file has errors. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "cli/members.h"
#include "cli/outnames.h"
#include "base/diag.h"
#include "documents/documents.h"
#include "documents/letternames.h"
#include "documents/redact.h"
#include "front/schema.h"
#include "score/gaps.h"

typedef struct DocumentKind {
    const char *name;        /* the command, and the suffix of the file written */
    unsigned purpose;        /* what the file is checked for (schema NEED_*) */
    bool needs_group;        /* a letter is written for a group */
    DocResult (*make)(Arena *a, const Model *m, const Model *group, const DocOptions *o, const char *out);
} DocumentKind;

static const DocumentKind report = { "report", NEED_REPORT, false, document_report };
static const DocumentKind letter = { "letter", NEED_LETTER, true, document_letter };

/* The group of m (from file path): --group, else the one its file names.
 * For a document that needs one, none or one that is not a group file is
 * an error, and *failed is set. */
static const Model *group_of(const Options *o, Session *s, Arena *a, const Model *m, const char *path,
                             const DocumentKind *k, bool *failed) {
    const Model *g = NULL;
    bool errors = false;
    if (o->group) {
        Loc none = { 0 };
        g = compile_group_ref(s, o->group, none, &errors);
    } else if (m->f.group_file.s) {
        /* a report goes without a group file that is not there (a warning
         * said so); one that is there was checked with the file */
        const char *path = model_group_path(a, m);
        struct stat st;
        if (k->needs_group || stat(path, &st) == 0)
            g = compile_group_ref(s, path, m->f.group_file.loc, &errors);
    } else if (k->needs_group) {
        diag_file(DIAG_ERROR, path, "no group for the letter: add group \"FILE.group\" "
                  "to the file, or give --group FILE.group");
    }
    /* the group the file names was checked with it; one given with --group
     * is checked here for placeholders, which a final member's documents
     * cannot hold */
    bool placeholders = g && o->group && model_is_group(g) && compile_group_placeholders(g, !m->f.draft);
    if (!k->needs_group) {
        *failed = placeholders;
        return g;
    }
    if (g && !model_is_group(g)) {
        diag_file(DIAG_ERROR, g->main->path, "not a group file (it has no group { } block)");
        g = NULL;
    }
    *failed = !g || errors || placeholders;
    return g;
}

static int make_documents(Options *o, Session *s, const DocumentKind *k) {
    if (o->output && o->nfiles > 1) {
        fprintf(stderr, diag_tr("formc %s: -o names one output, but %d files were given\n"), k->name, o->nfiles);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    /* the library's gaps, said once for the command */
    char *gap_lines = NULL;
    size_t gap_len = 0;
    FILE *gaps = xmemstream(&gap_lines, &gap_len);
    for (int i = 0; i < o->nfiles; i++) {
        Arena a = { 0 };
        CompileOptions co = { .purpose = k->purpose };
        CompileStatus st;
        Model *m = compile_file(s, &a, o->files[i], &co, &st);
        bool failed = st != COMPILE_OK || !m;
        const Model *g = failed ? NULL : group_of(o, s, &a, m, o->files[i], k, &failed);
        if (failed) {
            bool unreadable = st == COMPILE_SYSTEM_ERROR || (g && g->unreadable);
            status = unreadable ? EXIT_USAGE : status ? status : EXIT_INPUT;
            arena_free(&a);
            continue;
        }
        if (k->needs_group) letter_names_others(m, group_with_members(s, g));
        if (o->redact) {
            g = group_with_members(s, g);
            redact_case(&a, &m, &g, true);
        }
        DocOptions dopt = { .paper = o->paper, .datadir = s->datadir, .templates = o->templates, .gaps = gaps };
        /* a de-identified document is named after the pseudonym, not the file */
        const char *name = outname_member(&a, o->files[i], o->redact ? m->f.patient.name.s : NULL);
        const char *unsafe = o->output ? NULL : outname_unsafe(&a, name);
        if (unsafe) {
            diag_file(DIAG_ERROR, o->files[i], "would give the %s a name holding %s, an invisible or control "
                      "character (its name could show reordered or cut): rename the file, or name the "
                      "document with -o", k->name, unsafe);
            status = status ? status : EXIT_INPUT;
            arena_free(&a);
            continue;
        }
        const char *out = o->output ? o->output : outname_document(&a, NULL, name, k->name);
        DocResult r = k->make(&a, m, g, &dopt, out);
        if (r == DOC_INPUT_ERROR) status = status ? status : EXIT_INPUT;
        else if (r == DOC_SYSTEM_ERROR) status = EXIT_USAGE;
        arena_free(&a);
    }
    fclose(gaps);
    Gaps g = { 0 };
    gaps_add_lines(&g, &s->arena, gap_lines, gap_len);
    gaps_note(&g, "the report");
    free(gap_lines);
    return status;
}

int cmd_report(Options *o, Session *s) { return make_documents(o, s, &report); }
int cmd_letter(Options *o, Session *s) { return make_documents(o, s, &letter); }
