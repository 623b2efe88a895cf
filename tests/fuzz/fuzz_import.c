/* fuzz_import.c — formc import on arbitrary bytes, writing nothing.
 *
 * The input is an export (CSV) and, before a line "%%" when it has one, an
 * import map in formc's language (docs/import.md). Both are read against
 * the members of the group the import tests use (tests/import/spring.group),
 * as formc import reads them, the map first as `formc import --map`
 * compiles it. When the export reads without an
 * error, each member's edit is worked out with --force (a value that
 * differs is replaced, not a conflict): the edited file, compiled again as
 * the member it is, must hold every value imported. One that does not is a
 * finding (formc reports it as an internal error and writes nothing); one
 * that would not check is told at the member, as it should be. */
#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "front/schema.h"
#include "import/import.h"

/* The group's members, compiled once, as formc import does. */
static ImportMember *members;
static int nmembers;
static const Model *lib;

static void load_members(Session *s) {
    if (members) return;
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    CompileStatus st;
    Model *g = compile_file(s, &s->arena, FUZZ_TOP "/tests/import/spring.group", &co, &st);
    if (!g || st != COMPILE_OK) abort();
    session_remember_group(s, g, false);
    lib = g;
    members = calloc((size_t)g->g.nmembers, sizeof *members);
    if (!members) abort();
    for (int k = 0; k < g->g.nmembers; k++) {
        CompileOptions mo = { .purpose = NEED_REPORT | NEED_LETTER, .group = g };
        Model *m = compile_file(s, &s->arena, g->g.members[k].path, &mo, &st);
        if (!m || st != COMPILE_OK) abort();
        members[nmembers++] = (ImportMember){ .path = g->g.members[k].path, .src = (Source *)m->main,
                                              .model = m, .group = g };
    }
}

/* The map before a line "%%" (NULL when there is none), the export after. */
static const char *split(const char *data, size_t size, size_t *map_len, const char **csv, size_t *csv_len) {
    for (size_t i = 0; i + 3 <= size; i++)
        if ((i == 0 || data[i - 1] == '\n') && !memcmp(data + i, "%%\n", 3)) {
            *map_len = i;
            *csv = data + i + 3;
            *csv_len = size - i - 3;
            return data;
        }
    *csv = data;
    *csv_len = size;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = fuzz_session();
    load_members(s);
    Arena a = { 0 };
    size_t map_len = 0, csv_len;
    const char *csv_text;
    const char *map_text = split((const char *)data, size, &map_len, &csv_text, &csv_len);
    ImportOptions io = { .force = true };
    if (map_text) {
        Source *src = source_from_bytes(&a, FUZZ_TOP "/tests/import/fuzz.map", map_text, map_len);
        CompileOptions co = { 0 };
        CompileStatus st;
        Model *m = compile_source(s, &a, src, &co, &st);
        if (!m || st != COMPILE_OK || !m->map.loc.src) goto done;
        io.map = &m->map;
    }
    for (int i = 0; i < nmembers; i++) {
        members[i].entries = NULL;
        members[i].changed = false;
        members[i].text = NULL;
    }
    import_read(&a, source_from_bytes(&a, "fuzz.csv", csv_text, csv_len), &io, lib, members, nmembers);
    if (diag_error_count()) goto done;
    /* what import_edit says goes to memory, to be looked at */
    char *said = NULL;
    size_t said_len = 0;
    FILE *f = open_memstream(&said, &said_len);
    if (!f) abort();
    diag_set_output(f);
    for (int i = 0; i < nmembers; i++) import_edit(s, &a, &io, &members[i]);
    fclose(f);
    fuzz_session_output();
    if (said && strstr(said, "internal error")) abort();
    for (int i = 0; i < nmembers; i++)
        if (members[i].changed && (!members[i].text || !members[i].len)) abort();
    free(said);
done:
    arena_free(&a);
    fuzz_done();
    return 0;
}
