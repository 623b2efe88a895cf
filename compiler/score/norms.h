/* norms.h — a clinic's own norms (formc norms): from the pre-group scores
 * of the final members of its groups, each person once, per scale the
 * number of members, mean, SD and skewness, and, where item answers were
 * entered, Cronbach's alpha with its 95% confidence interval (stats.h);
 * written as an instrument file in formc's language that adds a `clinical`
 * norm and a `reliability` line to each scale of the library, for a clinic
 * to pass with --instruments.
 *
 * A figure from fewer than NORMS_MIN_N members is written commented out,
 * with the reason, and so is a figure the library (or another instrument
 * file) already gives: formc then keeps that one until the clinic chooses
 * otherwise; and a norm whose SD is more than formc check lets one have
 * (half the range's width), with a note on stderr. docs/instruments.md says why 50, and when local norms are
 * appropriate. */
#ifndef FORMC_NORMS_H
#define FORMC_NORMS_H
#include <stdio.h>
#include "base/arena.h"
#include "front/model.h"

/* The fewest members a local norm or reliability is written from: below
 * 50, a normative sample's mean and SD cannot be treated as the
 * population's (Crawford & Howell, 1998; Piovesana & Senior, 2018). */
#define NORMS_MIN_N 50

typedef struct LocalNorms LocalNorms;

/* What happened to a member offered to norms_add. */
typedef enum {
    NORMS_TAKEN,          /* a final member with pre scores: in the sample */
    NORMS_DRAFT,          /* a draft: left out */
    NORMS_NO_PRE,         /* no self-report pre assessment */
    NORMS_SEEN_BEFORE     /* the same person in another group: counted once,
                             with the earliest pre assessment */
} NormsTaken;

/* A sample gathered in a (which must outlive it). */
LocalNorms *norms_begin(Arena *a);

/* Offers member m. A person is known by the patient's id, else by full
 * name and birth date, else by the file: when one is offered again (a
 * member of two groups), the earlier pre assessment is kept. */
NormsTaken norms_add(LocalNorms *ln, const Model *m);

/* Where the sample came from, for the file's header and each figure's
 * sample and source. */
typedef struct NormsOrigin {
    const char *clinic;           /* the clinic's name, or NULL */
    const char **groups;          /* each group's code (or file name) */
    const char **group_files;     /* and its file */
    int ngroups;
    int drafts, no_pre, repeated, with_errors;   /* members left out or merged, and why */
    const char *today;            /* YYYY-MM-DD: the day the norms were computed */
    const char *version;          /* formc's */
} NormsOrigin;

/* How the file's first line starts and ends (the clinic's name between),
 * by which formc norms -o knows a file it may replace. */
#define NORMS_FIRST_LINE_STARTS "# Local norms of "
#define NORMS_FIRST_LINE_ENDS ", written by formc norms."

/* Writes the instrument file. Deterministic: the same members give the
 * same bytes. */
void norms_write(LocalNorms *ln, FILE *out, const NormsOrigin *o);

/* How many people the sample holds. */
int norms_people(const LocalNorms *ln);

#endif
