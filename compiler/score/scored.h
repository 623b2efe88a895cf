/* scored.h — the scored model: for every scale a patient was assessed on,
 * the scores at each time point against the scale's norms, reliable change
 * and clinical significance (compiler/score/score.h does the arithmetic). The
 * report, the group summary and `formc scores` all print from this one
 * table, so the figures agree everywhere. */
#ifndef FORMC_SCORED_H
#define FORMC_SCORED_H
#include <stdio.h>
#include "front/model.h"
#include "score/score.h"

typedef struct ScoredPoint {
    bool has;
    double value;
    bool has_t;              /* against the reference norm */
    double t, percentile;
    int items_answered;      /* scored from item answers: how many of its */
    int items_of;            /* items were answered, of how many (0: typed) */
    Loc loc;                 /* the score in the source */
    const Assessment *from;  /* the assessment it was given in */
} ScoredPoint;

typedef struct ScoredChange {
    bool has;                /* both scores exist */
    Rci rci;                 /* rci.computable says whether it could be computed */
    Outcome outcome;
} ScoredChange;

typedef struct ScoredScale {
    const Scale *scale;
    const char *rater;       /* NULL: self-report */
    ScoredPoint at[WHEN_COUNT];
    const Norm *reference;   /* the functional norm for T-scores, or NULL */
    const Norm *clinical;    /* the clinical norm, or NULL */
    Cutoff cutoff;
    ScoredChange post, followup;   /* from pre */
} ScoredScale;

typedef struct ScoredGoal {
    const Goal *goal;
    bool has_post, has_followup;
    bool met_post, met_followup;
} ScoredGoal;

typedef struct Scored {
    ScoredScale *scales;     /* self-report first, in prelude order, then each rater's
                                rows together, raters in order of first appearance */
    int nscales;
    ScoredGoal *goals;
    int ngoals;
    int reliable_improvements_post;   /* scales with reliable improvement at post */
} Scored;

/* Scores a model. Memory is taken from the arena. */
Scored *score_model(Arena *a, const Model *m);
/* Warns, at the later score, where a change cannot be judged because the
 * scale has no reliability or no norm in the library. */
void scored_warn_gaps(const Scored *sc);
/* Why a change cannot be judged: the library lacks the scale's reliability
 * or its norm. */
typedef enum { GAP_NONE, GAP_RELIABILITY, GAP_NORM } ScoredGap;
/* The same gaps as lines "KIND SCALE" (KIND a ScoredGap number), for
 * `formc build`, which reports each gap once for the whole group. */
void scored_list_gaps(const Scored *sc, FILE *out);
/* Whether a point's score was prorated: scored from its items with some
 * of them unanswered. */
bool scored_prorated(const ScoredPoint *p);
/* Words for the table: "recovered", "improved", ... or "not computable". */
const char *scored_outcome(const ScoredChange *c);

#endif
