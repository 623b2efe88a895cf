/* program.h — a program's outcomes across its groups (formc outcomes):
 * what is kept of each group and each member (their attendance, early
 * ending and, per scale, the scores and classification the scored model
 * gives: groupfacts.h), the scales as the library declares them with the
 * figures reliable change used, and the counts the outcomes document, its
 * JSON and the published trials speak in.
 *
 * Members are added one at a time from their compiled, scored model, which
 * the caller then frees: memory grows with the facts kept (a few hundred
 * bytes a member), never with the models. */
#ifndef FORMC_PROGRAM_H
#define FORMC_PROGRAM_H
#include <stdio.h>
#include "score/groupfacts.h"

typedef struct ProgramGroup {
    const char *label;           /* its code, or "G1" de-identified */
    const char *title;
    Date first, last;            /* the dates of its first and last sessions (unset: not known) */
    int weeks;
    int first_member, nmembers;  /* its members: Program.members[first_member ..] */
} ProgramGroup;

/* A scale as the library declares it, with what its reliable change and
 * cutoff are made of. */
typedef struct ProgramScale {
    const char *qualified, *title;   /* the title as the library declares it */
    const char *title_in[LANG_COUNT];             /* what a document in each language calls it */
    bool perfectionism;
    bool higher_is_worse;
    bool has_range;
    double min, max;
    Cutoff cutoff;
    bool has_band;               /* reliable change can be computed */
    double band;                 /* 1.96 S_diff: the smallest reliable change */
    const char *reference, *reference_source;   /* the functional norm, or NULL */
    const char *reference_in[LANG_COUNT];       /* its name in each language */
    const char *clinical_source;                /* the clinical norm's source, or NULL */
    bool has_reliability;
    double reliability;
    int reliability_n;                          /* its sample's size; 0: not given */
    const char *reliability_sample_in[LANG_COUNT];  /* its sample in each language, or NULL: the
                                                   library's words for English, only a translation
                                                   given for another language */
    const char *reliability_source;             /* or NULL */
    /* the language each text is written in ("en", "fr"; NULL: not known):
     * an instrument file's English, those after en or fr in theirs */
    const char *title_lang_in[LANG_COUNT], *reference_lang_in[LANG_COUNT];
    const char *reference_source_lang, *clinical_source_lang, *reliability_source_lang;
} ProgramScale;

typedef struct Program {
    Arena *a;
    ProgramGroup *groups;
    int ngroups, cap_groups;
    MemberFacts *members;        /* name: the member's label (id or pseudonym) */
    int nmembers, cap_members;
    ProgramScale *scales;        /* in the order first met */
    int nscales, cap_scales;
    const char *clinic;          /* the first group's clinic, or NULL */
    const char *clinic_lang;     /* the language its name is written in */
} Program;

/* Adds group gm (as written, or de-identified) under label. Its members
 * follow with program_add_member. */
void program_add_group(Program *p, const Model *gm, const char *label);

/* Adds a member of the last group added (gm, whose phases place an early
 * ending): m scored as sc, or m NULL when its file has errors (listed as
 * not included). */
void program_add_member(Program *p, const Model *gm, const char *path, const char *label, const Model *m,
                        const Scored *sc);

/* What a document in lang ("en", "fr") calls scale s, and its functional
 * norm (NULL when it has none). */
const char *program_scale_title(const ProgramScale *s, const char *lang);
const char *program_scale_reference(const ProgramScale *s, const char *lang);
/* The language the title and the reference norm's name a document in lang
 * prints are written in ("en", "fr"), NULL when not known. */
const char *program_scale_title_lang(const ProgramScale *s, const char *lang);
const char *program_scale_reference_lang(const ProgramScale *s, const char *lang);

/* The members of group g (g < 0: of every group). */
const MemberFacts *program_members(const Program *p, int g, int *n);

/* The published figures the program is set beside (Mikail, Hewitt, Flett
 * & Ge, 2022, reporting the trials of group DRT). */
typedef struct Published {
    const char *study;           /* "UBC-TPS II (Hewitt et al., in press)" */
    int completers, started;     /* completers of how many who started (0: not reported) */
    int improved_one, improved_two;   /* of the completers (-1: not reported) */
    double improved_one_pct, improved_two_pct;
} Published;
extern const Published program_published[];
extern const int program_npublished;

/* The program as JSON (docs/outcomes.md, schema 1): groups, overall
 * counts, per-scale classifications and the published figures. */
void program_write_json(const Program *p, FILE *out, const char *version, bool redacted);

#endif
