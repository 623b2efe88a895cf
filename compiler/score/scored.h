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
    bool pre_past_cutoff;    /* the pre score already lay past the cutoff, so a
                                reliable improvement is improved, not recovered */
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
    bool has_pre, has_post, has_followup;
    bool met_pre, met_post, met_followup;   /* met_pre: met before the group began */
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
/* Why a change cannot be judged: the library lacks the scale's reliability
 * or its norm. */
typedef enum { GAP_NONE, GAP_RELIABILITY, GAP_NORM } ScoredGap;
/* The scales of sc whose change cannot be judged, as lines "KIND SCALE"
 * (KIND a ScoredGap number), for a command to say once (gaps.h). */
void scored_list_gaps(const Scored *sc, FILE *out);
/* Whether a point's score was prorated: scored from its items with some
 * of them unanswered. */
bool scored_prorated(const ScoredPoint *p);
/* The mark the documents put after "improved" when the pre score already
 * lay past the cutoff, with a note that says so under the table. */
#define SCORED_PRE_PAST_MARK "\u2020"

/* A percentile as documents print it: a whole number from 1 to 99, and
 * "> 99" or "< 1" beyond, never 100 or 0 (a normal distribution has no
 * score above or below everyone). Written into buf (8 bytes). */
const char *scored_percentile_text(double pct, char buf[static 8]);
/* The decimals an RCI is printed with: 2, or as many more (up to 6) as a
 * reliable RCI needs not to read as 1.96, the criterion it exceeds
 * (1.9604 is printed 1.9604, never 1.96 beside "reliable"). */
int scored_rci_decimals(double rci);

/* Words for the table: "recovered", "improved", ... or "not computable". */
const char *scored_outcome(const ScoredChange *c);

#endif
