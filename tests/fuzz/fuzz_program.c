/* fuzz_program.c — formc norms and formc outcomes on arbitrary bytes.
 *
 * The input is a member file named FUZZ_TOP/examples/members/fuzz.form,
 * in the example group beside its other members. When it checks clean as
 * a member, the group goes through what formc outcomes and formc norms
 * make of it, each in memory or in a private folder:
 *   - the program's facts (score/program.h) and their JSON, which must be
 *     well formed: every string closed, brackets balanced, nothing else
 *     outside them;
 *   - the research CSV, which must read back (import/csv.h) with as many
 *     fields in every row as in its header;
 *   - the local norms, an instrument file in formc's language, which must
 *     lay out as formc fmt would and then check clean;
 *   - the outcomes document, which when written must be a whole PDF.
 * Inputs of odd length take the group de-identified, as with --redact. */
#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "documents/outcomes.h"
#include "documents/redact.h"
#include "format/fmt.h"
#include "front/schema.h"
#include "import/csv.h"
#include "score/export.h"
#include "score/norms.h"
#include "score/program.h"
#include "score/scored.h"

/* The example group and its members, compiled once. */
static const Model *group;
static const Model **others;
static int nothers;

static void load_group(Session *s) {
    if (group) return;
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    CompileStatus st;
    Model *g = compile_file(s, &s->arena, FUZZ_TOP "/examples/thursday.group", &co, &st);
    if (!g || st != COMPILE_OK) abort();
    session_remember_group(s, g, false);
    others = calloc((size_t)g->g.nmembers, sizeof *others);
    if (!others) abort();
    for (int k = 0; k < g->g.nmembers; k++) {
        CompileOptions mo = { .purpose = NEED_REPORT | NEED_LETTER, .group = g };
        Model *m = compile_file(s, &s->arena, g->g.members[k].path, &mo, &st);
        if (!m || st != COMPILE_OK) abort();
        others[nothers++] = m;
    }
    group = g;
}

/* Whether text is one JSON value: strings closed (escapes skipped),
 * brackets balanced and matched, nothing after the value but white space. */
static bool json_well_formed(const char *t, size_t n) {
    char stack[64];
    int depth = 0;
    bool began = false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '"') {
            for (i++; i < n && t[i] != '"'; i++) {
                if ((unsigned char)t[i] < 0x20) return false;
                if (t[i] == '\\') i++;
            }
            if (i >= n) return false;
        } else if (c == '{' || c == '[') {
            if (depth == (int)sizeof stack || (began && depth == 0)) return false;
            stack[depth++] = c == '{' ? '}' : ']';
            began = true;
        } else if (c == '}' || c == ']') {
            if (!depth || stack[--depth] != c) return false;
        } else if (!depth && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            return false;
        }
    }
    return began && depth == 0;
}

/* Whether every record of the CSV text has as many fields as the first. */
static bool csv_rectangular(const char *t, size_t n) {
    CsvReader r;
    char err[160];
    if (!csv_open(&r, t, n, ',', err, sizeof err)) return false;
    int fields = -1;
    CsvStatus st;
    bool ok = true;
    while (ok && (st = csv_next(&r)) == CSV_RECORD) {
        if (fields < 0) fields = r.nfields;
        ok = r.nfields == fields;
    }
    ok = ok && st == CSV_END;
    csv_close(&r);
    return ok;
}

static char outcomes_dir[64];
static void remove_outcomes_dir(void) { rmdir(outcomes_dir); }

/* The outcomes document into a private folder; written, it must be a
 * whole PDF: its header, and its end marker near its end. */
static void outcomes_pdf(Session *s, const Program *p, bool redact) {
    if (!outcomes_dir[0]) {
        snprintf(outcomes_dir, sizeof outcomes_dir, "/tmp/formc-fuzz-XXXXXX");
        if (!mkdtemp(outcomes_dir)) abort();
        atexit(remove_outcomes_dir);
    }
    char out[128];
    snprintf(out, sizeof out, "%s/outcomes.pdf", outcomes_dir);
    OutcomesOptions o = { .paper = PAPER_A4, .lang = "en", .redact = redact };
    if (outcomes_write(p, s->datadir, out, &o) == 0) {
        FILE *f = fopen(out, "rb");
        if (!f) abort();
        char head[8] = "", tail[32] = "";
        bool whole = fread(head, 1, 5, f) == 5 && fseek(f, -(long)(sizeof tail - 1), SEEK_END) == 0 &&
                     fread(tail, 1, sizeof tail - 1, f) == sizeof tail - 1;
        fclose(f);
        if (!whole || memcmp(head, "%PDF-", 5) || !strstr(tail, "%%EOF")) abort();
    }
    unlink(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = fuzz_session();
    load_group(s);
    Arena a = { 0 };
    Source *src = source_from_bytes(&a, FUZZ_TOP "/examples/members/fuzz.form", (const char *)data, size);
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER, .group = group };
    CompileStatus st;
    Model *m = compile_source(s, &a, src, &co, &st);
    if (st != COMPILE_OK || !m || m->g.title.s) goto done;
    bool redact = size & 1;
    const Model *shown = group;
    if (redact) {
        Redaction plan = redact_plan(NULL, group);
        shown = redact_model(&a, group, NULL, &plan);
    }
    Program p = { .a = &a };
    const char *glabel = export_group_label(&a, shown, 0, redact);
    program_add_group(&p, shown, glabel);
    char *csv = NULL;
    size_t csv_len = 0;
    FILE *cf = open_memstream(&csv, &csv_len);
    if (!cf) abort();
    export_csv_header(cf);
    LocalNorms *ln = norms_begin(&a);
    for (int i = 0; i <= nothers; i++) {
        const Model *mm = i < nothers ? others[i] : m;
        norms_add(ln, mm);
        if (redact) {
            Redaction plan = redact_plan(mm, group);
            mm = redact_model(&a, mm, group, &plan);
        }
        Scored *sc = score_model(&a, mm);
        const char *label = export_member_label(&a, mm);
        export_csv_rows(cf, glabel, label, mm, sc);
        program_add_member(&p, shown, i < nothers ? group->g.members[i].path : src->path, label, mm, sc);
    }
    fclose(cf);
    if (!csv_rectangular(csv, csv_len)) abort();
    free(csv);
    /* the JSON of formc outcomes --json */
    char *json = NULL;
    size_t json_len = 0;
    FILE *jf = open_memstream(&json, &json_len);
    if (!jf) abort();
    program_write_json(&p, jf, "fuzz", redact);
    fclose(jf);
    if (!json_well_formed(json, json_len)) abort();
    free(json);
    /* the norms file of formc norms: laid out as fmt would, it checks clean */
    char *norms = NULL;
    size_t norms_len = 0;
    FILE *nf = open_memstream(&norms, &norms_len);
    if (!nf) abort();
    NormsOrigin origin = { .today = "2027-01-15", .version = "fuzz" };
    norms_write(ln, nf, &origin);
    fclose(nf);
    char *laid = NULL;
    size_t laid_len = 0;
    if (fmt_source(&a, source_from_bytes(&a, "norms.form", norms, norms_len), &laid, &laid_len) != FMT_OK) abort();
    CompileOptions io = { 0 };
    CompileStatus ist;
    compile_source(s, &a, source_from_bytes(&a, "norms.form", laid, laid_len), &io, &ist);
    if (ist != COMPILE_OK) abort();
    free(norms);

    outcomes_pdf(s, &p, redact);
done:
    arena_free(&a);
    fuzz_done();
    return 0;
}
