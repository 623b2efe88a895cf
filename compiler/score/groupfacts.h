/* groupfacts.h — what the group summary knows of each member, and the
 * reasoning on it that needs no layout: who stands high on a perfectionism
 * dimension, the group's calendar, and the outcome counts trials report.
 *
 * Facts are copied out of a member's compiled and scored model into the
 * summary's own arena, so that each member's model can be freed as soon as
 * it has been read: memory stays flat however many members a group has. */
#ifndef FORMC_GROUPFACTS_H
#define FORMC_GROUPFACTS_H
#include <stdio.h>
#include "base/arena.h"
#include "front/model.h"
#include "score/scored.h"

/* The six dimensions of a perfectionism profile: the three traits
 * (HF-MPS) and the three facets of perfectionistic self-presentation
 * (PSPS), in the order the composition chart shows them. */
typedef enum {
    DIM_SELF_ORIENTED, DIM_OTHER_ORIENTED, DIM_SOCIALLY_PRESCRIBED,
    DIM_SELF_PROMOTION, DIM_NONDISPLAY, DIM_NONDISCLOSURE, DIM_COUNT
} Dimension;
extern const char *const dim_scale[DIM_COUNT];   /* "hfmps.self_oriented", ... */

/* A pre score is high at T >= HIGH_T against the scale's reference norm
 * (one SD above the norm's mean). */
#define HIGH_T 60.0
/* A scale without any norm is judged within the group, and only when at
 * least this many members have a pre score on it. */
#define GROUP_HIGH_MIN_MEMBERS 3

typedef enum {
    HIGH_NO,          /* not high, or cannot be judged */
    HIGH_BY_NORM,     /* T >= 60, or on the clinical side of the cutoff */
    HIGH_IN_GROUP     /* no norm: at or above the group's mean + 1 SD */
} HighBasis;

typedef struct DimScore {
    bool has;                 /* a self-report pre score */
    double raw;
    bool has_t;               /* against the reference norm */
    double t;
    HighBasis high;
} DimScore;

/* Later time points, from pre. */
enum { LATER_POST, LATER_FOLLOWUP, LATER_COUNT };

/* One self-report scale's classification at post and follow-up. */
typedef struct ScaleOutcome {
    const char *title;        /* "Self-oriented perfectionism", in the document's language */
    const char *title_lang;   /* the language title is written in when it is
                                 another (an instrument file's English name
                                 in a French summary), else NULL */
    const char *qualified;    /* "hfmps.self_oriented" */
    double pre;               /* the scores */
    double later[LATER_COUNT];
    bool perfectionism;       /* a perfectionism measure (facts_is_perfectionism) */
    bool has[LATER_COUNT];    /* pre and the later score both exist */
    Outcome outcome[LATER_COUNT];
    bool pre_past[LATER_COUNT];   /* the pre score already lay past the cutoff */
    Change change[LATER_COUNT];
} ScaleOutcome;

/* The four relationships of a member in the group (in_group block). */
enum { RELATE_THERAPISTS, RELATE_MEMBERS, RELATE_GROUP, RELATE_SELF, RELATE_COUNT };

typedef struct MemberFacts {
    const char *path;         /* the member's file */
    bool included;            /* read without errors: part of the summary */
    const char *name, *preferred, *id, *pronouns;   /* NULL when not given */
    bool has_age;
    int age;                  /* in whole years on the group's first day */
    bool draft;
    bool assessed[WHEN_COUNT];              /* self-report assessments */
    DimScore dims[DIM_COUNT];
    const char *relating[RELATE_COUNT];     /* NULL when not given */
    const char *enactments[PHASE_COUNT];
    const char *lang;         /* the language the member's texts are written
                                 in: their file's, else the group's */
    ScaleOutcome *outcomes;                 /* every self-report scale scored */
    int noutcomes;
    bool attendance;          /* the sessions attended are recorded */
    int sessions;             /* how many */
    const char *weeks;        /* which: "1–5, 7, 9–12" */
    int left_week;            /* the week the member left early; 0: did not */
    Phase left_phase;         /* the phase that week falls in (PHASE_COUNT: unknown) */
    const char *left_reason;  /* NULL when not given */
} MemberFacts;

/* A dimension as the instrument library describes it. */
typedef struct DimInfo {
    const char *title;        /* NULL when the library lacks the scale */
    bool has_norm;            /* a reference or clinical norm */
    bool has_reference;       /* a reference (non-clinical) norm: T-scores */
    bool has_range;
    double min, max;
} DimInfo;

/* 1 for the measures of perfectionism that trials count reliable change
 * on: the scales of the HF-MPS, PSPS, PCI and CPQ. */
bool facts_is_perfectionism(const Scale *s);

/* Copies what the summary shows of member m, scored as sc, into a;
 * starts is the group's first day (for the age), lang the summary's
 * language (scale names; the member's texts are in it unless their file
 * names its own). Sets included. */
void facts_of_member(Arena *a, MemberFacts *mf, const Model *m, const Scored *sc, Date starts,
                     const char *lang);

/* The self-report scales of a member scored as sc that have a post or a
 * follow-up score beside the pre score, with their classification (the
 * scored model's, Jacobson & Truax): mf->outcomes and mf->noutcomes, the
 * scales named in lang (or, without a name in lang, in their own). */
void facts_scale_outcomes(Arena *a, MemberFacts *mf, const Scored *sc, const char *lang);

/* Counts, over the included members who completed the group (or those who
 * left early, when left is set), of those with scale `qualified` at the
 * later time point: how many in each Outcome (indexed by Outcome). */
void facts_count_scale(const MemberFacts *ms, int n, const char *qualified, int later, bool left,
                       int counts[OUTCOME_DETERIORATED + 1]);

/* Copies member m's attendance and early ending; g is the group (its
 * phases place the week the member left), or NULL. */
void facts_attendance(Arena *a, MemberFacts *mf, const Model *m, const Group *g);

/* Writes mf to out as bytes that facts_read() turns back into the same
 * facts, in another process of the same formc (formc build's workers). */
void facts_write(FILE *out, const MemberFacts *mf);
/* Reads facts written by facts_write() from *p (advanced past them, never
 * beyond end), their strings copied into a. false when the bytes are cut
 * short. */
bool facts_read(Arena *a, const char **p, const char *end, MemberFacts *mf);

/* The six dimensions as the model's instrument library declares them. */
void facts_dims(Arena *a, const Model *m, DimInfo out[DIM_COUNT]);

/* How many included members have a pre score on dimension d. */
int facts_pre_scored(const MemberFacts *ms, int n, Dimension d);

/* The group's threshold on a dimension with no norm: the mean plus one
 * (sample) SD of the included members' pre scores. false when fewer than
 * GROUP_HIGH_MIN_MEMBERS members have one, or all are equal. */
bool facts_group_threshold(const MemberFacts *ms, int n, Dimension d, double *threshold);

/* Marks HIGH_IN_GROUP the pre scores at or above the group's threshold on
 * every dimension the library has no norm for. */
void facts_mark_group_high(MemberFacts *ms, int n, const DimInfo dims[DIM_COUNT]);

/* The date of the group's session in week `week` (1 = the first day). */
Date facts_week_date(Date starts, int week);

/* Counts at a later time point, over the included members who completed
 * the group (members who left early are counted apart, as trials do). */
typedef struct OutcomeCounts {
    int assessed;             /* completers with a change on a perfectionism
                                 measure that can be computed */
    int improved_one;         /* reliable improvement on at least one */
    int improved_two;         /* ... on two or more */
    int deteriorated_one;     /* reliable worsening on at least one */
} OutcomeCounts;
OutcomeCounts facts_count_outcomes(const MemberFacts *ms, int n, int later);

/* Included members who completed the group and who left early, and of
 * those who left, how many in each phase (PHASE_COUNT: phase unknown). */
typedef struct Completion {
    int completed, left;
    int left_in[PHASE_COUNT + 1];
} Completion;
Completion facts_completion(const MemberFacts *ms, int n);

#endif
