/* Unit tests of compiler/build/uptodate.c's record of what a document was
 * made from: each input is recorded with the checksum of the very bytes
 * formc read (base/inputs.h), never of the file as it is a moment later. */
#include "unit.h"

#include "base/checksum.h"
#include "base/source.h"
#include "build/uptodate.h"

#include <inttypes.h>
#include <stdio.h>

/* Writes text to the file path (replaced in place, same inode). */
static void put(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* The record formc writes for a document out made from in (key "k"). */
static const char *record_of(const char *out, const FileList *in) {
    static char text[4096];
    memset(text, 0, sizeof text);
    FILE *f = fmemopen(text, sizeof text, "w");
    records_write_one(f, out, in, "k");
    fclose(f);
    return text;
}

/* The checksum of text as a record writes it. */
static const char *sum_text(const char *text) {
    static char hex[32];
    snprintf(hex, sizeof hex, "\t%016" PRIx64 "\t", checksum_of(text, strlen(text)));
    return hex;
}

/* A document of formc's (its mode), to be recorded. */
static const char *document(const char *name) {
    const char *out = path_in(name);
    put(out, "%PDF");
    chmod(out, 0600);
    return out;
}

TEST(a_file_saved_after_it_was_read_is_recorded_as_read) {
    Arena a = { 0 };
    const char *member = path_in("ada.form");
    const char *compiled = "formulation { preferred \"Ada\" }\n";
    const char *saved = "formulation { preferred \"Adb\" }\n";   /* same size */
    put(member, compiled);
    char err[128];
    CHECK(source_load(&a, member, err, sizeof err) != NULL);    /* what the document is made from */
    put(member, saved);                                         /* saved before the record */
    FileList in = { 0 };
    filelist_add(&a, &in, member);
    records_note_inputs(&in);
    const char *rec = record_of(document("ada-report.pdf"), &in);
    CHECK(strstr(rec, sum_text(compiled)) != NULL);
    CHECK(strstr(rec, sum_text(saved)) == NULL);
    arena_free(&a);
}

TEST(a_file_read_twice_holding_different_bytes_is_not_recorded) {
    Arena a = { 0 };
    const char *tmpl = path_in("report.en.tmpl");
    put(tmpl, "# Report\n");
    char err[128];
    CHECK(source_load(&a, tmpl, err, sizeof err) != NULL);
    put(tmpl, "# Rapport\n");
    CHECK(source_load(&a, tmpl, err, sizeof err) != NULL);
    FileList in = { 0 };
    filelist_add(&a, &in, tmpl);
    CHECK_STR(record_of(document("twice.pdf"), &in), "");     /* never taken for up to date */
    arena_free(&a);
}

TEST(a_file_another_job_read_is_recorded_as_it_read_it) {
    Arena a = { 0 };
    const char *member = path_in("zoe.form");
    const char *compiled = "formulation { preferred \"Zoe\" }\n";
    put(member, "formulation { preferred \"Zoa\" }\n");         /* as it is now */
    records_note_read(member, true, strlen(compiled), checksum_of(compiled, strlen(compiled)));
    FileList in = { 0 };
    filelist_add(&a, &in, member);
    records_note_inputs(&in);
    CHECK(strstr(record_of(document("summary.pdf"), &in), sum_text(compiled)) != NULL);
    /* two jobs that read different bytes: the summary is not recorded */
    records_note_read(member, true, 3, 42);
    CHECK_STR(record_of(document("summary2.pdf"), &in), "");
    arena_free(&a);
}

TEST(a_file_nobody_read_is_read_for_the_record) {
    Arena a = { 0 };
    const char *logo = path_in("logo.bin");
    put(logo, "PNG");
    FileList in = { 0 };
    filelist_add(&a, &in, logo);
    records_note_inputs(&in);
    CHECK(strstr(record_of(document("letter.pdf"), &in), sum_text("PNG")) != NULL);
    arena_free(&a);
}
