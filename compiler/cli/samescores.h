/* samescores.h — another member's scores pasted into a member's file: a
 * clinician copies Ben's file to start Chloe's, rewrites the formulation
 * and forgets the assessments, and Chloe's report shows Ben's scores and
 * change, the summary counting him twice. What formc compares of a
 * member's assessments, and the comparison of two members; copies.c
 * walks the group's members with it, beside the copy check of the
 * letter, and says what it finds.
 *
 * The unit compared is one instrument at one occasion (pre, post or
 * followup, by the same rater): its every scale score and item answer.
 * An assessment holds another member's scores when the instruments that
 * are the same in both, figure for figure, weigh SAME_SCORES_LEAST or
 * more. A scale score weighs SAME_SCORE_WEIGHT: two people share a
 * scale's score by chance at most about once in 16 (the library's scales
 * spread over 30 values or more), so six at once, 1 in 16^6 (some 17
 * million), is no chance even across the 1.5 million pairs of
 * assessments of a group of 1000 members, where one instrument's three
 * equal scores (1 in 4,096) happen many times. A score at either end of
 * its scale's range, where many people are (a BDI-II of 0), weighs 1; an
 * item answer (4 to 9 choices, shared far more often) weighs 1, and
 * nothing when every answer of the instrument is the same (all 7s).
 * docs/language.md 4.3 says it for the user. */
#ifndef FORMC_SAMESCORES_H
#define FORMC_SAMESCORES_H
#include <stdint.h>
#include "base/arena.h"
#include "front/model.h"

enum { SAME_SCORE_WEIGHT = 4, SAME_SCORES_LEAST = 6 * SAME_SCORE_WEIGHT };

/* One instrument's scores at one assessment. */
typedef struct ScoreSet {
    uint64_t key;             /* a checksum of the occasion, the instrument and its every value */
    const char *instrument;   /* its id: "hfmps" */
    int block;                /* the assessment: its index among the member's */
    int scores, answers;      /* how many scale scores and item answers it holds */
    int weight;               /* what they weigh as evidence (above) */
} ScoreSet;

typedef struct SetKey {      /* a set's key and weight, to compare by key */
    uint64_t key;
    int weight;
} SetKey;

typedef struct SameScores {
    const char **places;      /* per assessment: "FILE:LINE:COLUMN" of its block */
    int nblocks;
    ScoreSet *sets;           /* by assessment, then instrument, as written */
    int nsets;
    SetKey *keys;             /* the sets' keys, sorted */
} SameScores;

/* What samescores_pasted found: the values of now's assessment that are
 * the other's, and where the other's assessment is. */
typedef struct Pasted {
    int scores, answers;
    int block;                /* the other's assessment */
} Pasted;

/* What the comparison reads of f's assessments, its strings in a. */
SameScores samescores_of(Arena *a, const Formulation *f);

/* The keys of s sorted into s->keys (in a), as samescores_of leaves them:
 * for a SameScores read back from bytes. */
void samescores_sort(Arena *a, SameScores *s);

/* Whether now and e share sets that weigh SAME_SCORES_LEAST or more,
 * over all their assessments: false, and no assessment of now holds e's
 * scores (one pass over both, where samescores_pasted looks up each set
 * of an assessment). */
bool samescores_share(const SameScores *now, const SameScores *e);

/* Whether now's assessment b holds e's scores (the instruments the same
 * in both weigh SAME_SCORES_LEAST or more), into *p. */
bool samescores_pasted(const SameScores *now, int b, const SameScores *e, Pasted *p);

/* Warns at f's assessment b (now: samescores_of(f)) that it holds e's
 * scores, as samescores_pasted found them (*p), naming e's assessment. */
void samescores_say(const Formulation *f, const SameScores *now, int b, const SameScores *e, const Pasted *p);

#endif
