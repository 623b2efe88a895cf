/* cmd_letter.c — `formc letter FILE [-o OUT.pdf] [--group GROUP]
 * [--templates DIR] [--redact]`. The group comes from the file's `group`
 * statement or from --group; without one, a clear error and nothing
 * written. Without -o the letter is BASENAME-letter.pdf in the current
 * directory (PSEUDONYM-letter.pdf with --redact, which de-identifies it:
 * redact.h). */
#include "cli/cli.h"
#include "cli/outnames.h"
#include "base/diag.h"
#include "documents/documents.h"
#include "documents/redact.h"
#include "front/schema.h"

int cmd_letter(Options *o, Session *s) {
    if (o->output && o->nfiles > 1) {
        fprintf(stderr, "formc letter: -o names one output, but %d files were given\n", o->nfiles);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 0; i < o->nfiles; i++) {
        Arena a = { 0 };
        CompileOptions co = { .purpose = NEED_LETTER };
        CompileStatus st;
        Model *m = compile_file(s, &a, o->files[i], &co, &st);
        const Model *g = NULL;
        bool group_errors = false;
        if (st == COMPILE_OK && m) {
            if (o->group) {
                Loc none = { 0 };
                g = compile_group_ref(s, o->group, none, &group_errors);
            } else if (m->f.group_file.s) {
                g = compile_group_ref(s, model_group_path(&a, m),
                                      m->f.group_file.loc, &group_errors);
            } else {
                diag_file(DIAG_ERROR, o->files[i], "no group for the letter: add group \"FILE.group\" "
                          "to the file, or give --group FILE.group");
            }
            if (g && !g->g.title.s) {
                diag_file(DIAG_ERROR, g->main->path, "not a group file (it has no group { } block)");
                g = NULL;
            }
        }
        if (!g || group_errors) {
            status = st == COMPILE_SYSTEM_ERROR ? EXIT_USAGE : status ? status : EXIT_INPUT;
            arena_free(&a);
            continue;
        }
        if (o->redact) redact_case(&a, &m, &g, true);
        DocOptions dopt = { .paper = o->paper, .datadir = s->datadir, .templates = o->templates };
        /* a de-identified document is named after the pseudonym, not the file */
        const char *name = outname_member(&a, o->files[i], o->redact ? m->f.patient.name.s : NULL);
        const char *out = o->output ? o->output : outname_document(&a, NULL, name, "letter");
        DocResult r = document_letter(&a, m, g, &dopt, out);
        if (r == DOC_INPUT_ERROR) status = status ? status : EXIT_INPUT;
        else if (r == DOC_SYSTEM_ERROR) status = EXIT_USAGE;
        arena_free(&a);
    }
    return status;
}
