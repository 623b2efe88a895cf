/* model.h — the checked model: what a formulation, a group, a clinic and
 * the instruments mean, after parsing, resolving and checking.
 *
 * Every value keeps the location it came from, so later stages (scoring,
 * layout, rendering) can still point at the source. A Text whose s is NULL
 * was not given, unless placeholder says that a placeholder (<words>)
 * stands in its place: a document of a draft shows it "to be completed".
 * Any other value a placeholder stands in for is left as not given, and
 * the model lists every placeholder (Placeholder). Strings are folded (a
 * "\n" is a paragraph break). All memory belongs to the compilation's
 * arena. */
#ifndef FORMC_MODEL_H
#define FORMC_MODEL_H
#include <stdbool.h>
#include "base/arena.h"
#include "base/date.h"
#include "base/source.h"

/* A text as written: its words, where, and the language they are written
 * in (text_lang): the `en` or `fr` key that gave it, else its file's
 * language (model_settle_languages); not known only for an instrument's
 * texts, which a document takes in its own language (text_in). */
typedef struct Text {
    const char *s;
    Loc loc;
    bool placeholder;
    unsigned char lang;     /* 1 + its Lang; 0: not known */
} Text;

/* Whether a text was written: given, or held by a placeholder. */
static inline bool text_given(const Text *t) { return t->s || t->placeholder; }

/* The languages a document is written in (`language en|fr`), in the order
 * of the `en` and `fr` keys that give a name or a text in each of them. */
typedef enum { LANG_EN, LANG_FR, LANG_COUNT } Lang;
extern const char *const lang_codes[LANG_COUNT];    /* "en", "fr" */
extern const char *const lang_names[LANG_COUNT];    /* "English", "French" */
/* The language of the code ("en", "fr"), or -1 for NULL or an unknown one. */
int lang_index(const char *code);

/* The language t is written in ("en", "fr"), or NULL when it is not known. */
static inline const char *text_lang(const Text *t) { return t->lang ? lang_codes[t->lang - 1] : NULL; }

/* main in the language lang ("en", "fr"): its translation in[] into that
 * language when one was given, else main itself (whose s may be NULL). */
const Text *text_in(const Text *main, const Text in[LANG_COUNT], const char *lang);

typedef enum { DIR_HIGHER_WORSE, DIR_HIGHER_BETTER } Direction;

typedef struct Norm {
    Text name;             /* community, student, clinical, ... */
    Text name_in[LANG_COUNT];  /* what a document in each language calls it */
    bool clinical;         /* the name is "clinical": the dysfunctional population */
    double mean, sd;
    int n;                 /* sample size, 0 when not given */
    Text sample, source;
    Loc loc;
    Loc mean_loc, sd_loc;  /* the figures themselves, for a message about them */
} Norm;

/* A norm's SD is at least the width of its scale's range divided by this,
 * and at most half the width (no scores within the range spread wider):
 * a smaller one (1e-14) turns a point of difference into an absurd T-score. */
#define NORM_SD_MIN_SHARE 100

typedef struct Instrument Instrument;

/* How a scale is scored from the answers to its instrument's items: the
 * sum or the mean of the listed items, reverse-keyed ones counted as
 * (lowest + highest answer) - answer. With at most `prorate` of them
 * unanswered, a sum is prorated: the mean of the answered items times the
 * number of items; with more, the scale is not scored. */
typedef struct ScaleKey {
    int *items;            /* item numbers, from 1 */
    int nitems;
    bool *reverse;         /* reverse[k]: items[k] is reverse-keyed */
    bool mean;             /* scored as the mean of its items, else their sum */
    int prorate;           /* at most this many items may be unanswered */
    Text source;           /* where the scoring rule is published */
    Loc loc;               /* the key statement; src NULL: the scale has no key */
} ScaleKey;

typedef struct Scale {
    Text id;               /* self_oriented */
    const char *qualified; /* hfmps.self_oriented */
    Text title;            /* "Self-oriented perfectionism" */
    Text title_in[LANG_COUNT]; /* the title in each language, when given */
    bool has_range;
    double min, max;
    Direction direction;
    bool has_direction;
    int items;             /* 0 when not given */
    bool has_reliability;
    double reliability;
    int reliability_n;     /* the sample it was found in, 0 when not given */
    Text reliability_sample;   /* what kind of coefficient, found in whom */
    Text reliability_sample_in[LANG_COUNT];   /* the sample in each language, when given */
    Loc reliability_loc;
    Text reliability_source;
    Norm *norms;
    int nnorms, cap_norms;
    ScaleKey key;
    const Instrument *instrument;
    Loc loc;
} Scale;

struct Instrument {
    Text id;               /* hfmps */
    Text title;
    Text title_in[LANG_COUNT];  /* the title in each language, when given */
    Text source;
    Scale *scales;
    int nscales, cap_scales;
    int items;             /* items on the questionnaire, numbered from 1; 0 when not given */
    bool has_responses;
    double response_min, response_max;   /* the lowest and highest answer to an item */
    Loc loc;
};

typedef enum { WHEN_PRE, WHEN_POST, WHEN_FOLLOWUP, WHEN_COUNT } When;

typedef struct Score {
    const Scale *scale;
    double value;
    int decimals;          /* as written (a typed score) */
    int items_answered;    /* from item answers: how many of the key's items */
    int items_of;          /* were answered, of how many; 0: a typed total */
    Loc loc;
} Score;

/* The answers to one instrument's items at one assessment. */
typedef struct ItemAnswers {
    const Instrument *instrument;
    double *value;         /* value[i]: the answer to item i + 1 */
    bool *answered;        /* false: left unanswered (written _) */
    int n;
    Loc loc;               /* the items statement */
} ItemAnswers;

typedef struct Assessment {
    When when;
    Date date;
    Text rater;            /* NULL s: self-report */
    Score *scores;         /* typed, then those computed from item answers */
    int nscores, cap_scores;
    ItemAnswers *answers;
    int nanswers, cap_answers;
    Loc loc;
} Assessment;

typedef struct Goal {
    Text text;
    const Scale *target_scale;
    bool has_target;
    double target;
    Loc target_loc;
    int by_week;           /* 0 when not given */
    Loc by_loc;
    Loc loc;
} Goal;

/* The four phases of a time-limited group, in order. */
typedef enum { PHASE_ENGAGEMENT, PHASE_INTERRUPTION, PHASE_REDEFINITION,
               PHASE_TERMINATION, PHASE_COUNT } Phase;
extern const char *const phase_names[PHASE_COUNT];

/* Weeks first to last of a group, both counted (a week alone: first == last). */
typedef struct WeekSpan { int first, last; Loc loc; } WeekSpan;

typedef struct Formulation {
    bool present;          /* the file has a patient */
    struct {
        Text name, id, preferred, pronouns;
        Text pronouns_in[LANG_COUNT];   /* their form in each language, when given */
        Date born;
        bool has_age;      /* born withheld (redact.h): the age on model_age_date() */
        int age;
        Loc loc;
    } patient;
    Text clinician;
    Text group_file;       /* as written; resolved relative to the file */
    bool draft;
    Text status;
    Text language;
    Assessment *assessments;
    int nassessments, cap_assessments;
    struct { Text acts_of_self, expectations_of_others, acts_of_others, introject; Loc loc; } crp;
    struct { Text need, affect, defense; Loc loc; } adaptation;
    struct { Text past, current, expected; Loc loc; } object_relations;
    struct { Text therapists, self, members, group; Loc loc; } in_group;
    Goal *goals;
    int ngoals, cap_goals;
    Text enactments[PHASE_COUNT];
    Loc enactments_loc;
    struct { Text pattern, in_group; Text phases[PHASE_COUNT]; Date dated; Loc loc; } letter;
    /* the sessions attended (attended 1-5, 7, 9-12), in the order written,
     * none overlapping; loc.src is NULL when attendance is not recorded */
    struct { WeekSpan *spans; int nspans, cap_spans; Loc loc; } attended;
    /* an early ending (left week 6 "reason"); week is 0 when there is none */
    struct { int week; Text reason; Loc loc, week_loc; } left;
} Formulation;

/* The texts of f's letter that the patient reads, in the letter's order:
 * its pattern, how it may show in the group, then each phase's. */
enum { LETTER_TEXTS = 2 + PHASE_COUNT };
void letter_texts(const Formulation *f, const Text *texts[LETTER_TEXTS]);

typedef struct Member {
    const char *path;      /* resolved path of the member's file */
    Loc loc;               /* the member statement that named it */
} Member;

typedef struct PhaseSpan { int first, last; bool set; Loc loc; } PhaseSpan;

/* A file or pattern a member statement names, joined to the group's folder. */
typedef struct MemberLine {
    const char *pattern;
    bool is_glob;                    /* holds * ? or [ as written */
    Loc loc;
} MemberLine;

typedef struct Group {
    bool present;
    Text title, code;
    Date starts;
    int weeks;
    Loc weeks_loc;
    Text meets, place;
    Text title_in[LANG_COUNT], meets_in[LANG_COUNT], place_in[LANG_COUNT];
                           /* the three in each language, when given */
    Text *leaders;
    int nleaders, cap_leaders;
    Text language;
    Member *members;
    int nmembers, cap_members;
    MemberLine *member_lines;        /* kept whether or not members are resolved */
    int nmember_lines, cap_member_lines;
    PhaseSpan phases[PHASE_COUNT];   /* as resolved: overrides or defaults */
    Loc loc;
} Group;

typedef struct Clinic {
    bool present;
    Text name, address, phone, logo, templates;
    Loc loc;
} Clinic;

/* A column of an export named in an import map: a scale's total, one item
 * of an instrument, or (item 0) every column PREFIX1, PREFIX2, ... holding
 * the items of an instrument. */
typedef struct MapColumn {
    Text column;           /* the header, or the prefix of the item columns */
    const Scale *scale;    /* a total, or NULL */
    const Instrument *instrument;   /* items: their instrument */
    int item;              /* one item (from 1); 0: every item, by prefix */
    Loc loc;               /* the statement */
} MapColumn;

/* How an export's columns map to what formc knows (`formc import --map`);
 * docs/import.md. Texts whose s is NULL were not given. */
typedef struct ImportMap {
    Loc loc;               /* the import block; src NULL: the file has none */
    Text id_column, time_column, date_column, rater_column, date_format, timepoint;
    Text *when_values[WHEN_COUNT];   /* what the time column says for each time point */
    int nwhen_values[WHEN_COUNT], cap_when_values[WHEN_COUNT];
    Text *missing;         /* cell values that mean "not answered" */
    int nmissing, cap_missing;
    MapColumn *columns;
    int ncolumns, cap_columns;
    Text *ignore;          /* columns left alone */
    int nignore, cap_ignore;
} ImportMap;

/* A value still to be written: a placeholder (<words>) where a statement
 * takes a value. The checker reports each where it stands (an error in a
 * final formulation, a warning in a draft; a group's by its members). */
typedef struct Placeholder {
    Loc loc;               /* the placeholder, <words> as written */
    const char *field;     /* what it stands in for: "'place' in the group block" */
    const char *expects;   /* what to write instead: "a date (YYYY-MM-DD)" */
    size_t slot;           /* where the model would hold the value (offsetof(Model, ...)), or 0 */
    bool shown;            /* a draft's documents show it "to be completed" (else leave it out) */
} Placeholder;

/* One compiled file: whatever it declared, plus everything it included and
 * the instrument prelude. */
typedef struct Model {
    const Source *main;
    Formulation f;
    Group g;
    Clinic clinic;
    ImportMap map;
    Instrument **instruments;        /* each allocated once: a Scale's, an
                                        ItemAnswers' pointer to one stays good */
    int ninstruments, cap_instruments;
    Placeholder *placeholders;       /* in the file and what it includes, in order */
    int nplaceholders, cap_placeholders;
    const Source **sources;          /* every file read, main first */
    int nsources, cap_sources;
    bool redacted;                   /* a de-identified copy (redact.h) */
    /* the checker's verdict */
    int errors;                      /* errors reported in compiling it */
    bool unreadable;                 /* it, or its group, names a file or folder formc
                                        may not read (a command exits with status 2) */
    unsigned unmet;                  /* purposes (schema NEED_*) whose required
                                        items are missing, as errors */
    int unmet_errors;                /* how many of the errors say so */
} Model;

/* Gives every text of m's formulation, group and clinic that no `en` or
 * `fr` key gave a language its file's: the file's own `language`, else
 * (a formulation) that of group, its group file (NULL: none), else
 * English. A file's includes count as the file (a clinic's file included
 * by a French group is French there); so do the instruments it declares
 * or adds to (model_settle_instruments). */
void model_settle_languages(Model *m, const Model *group);
/* Gives every text of m's instruments (titles, a norm's name, sample and
 * source, a reliability's sample and source, the sources of an instrument
 * and of a key) that no `en` or `fr` key or earlier file gave a language
 * lang: English for an instrument file's (the library's, --instruments),
 * called once they are read. */
void model_settle_instruments(Model *m, Lang lang);
/* The language of m's own texts, as model_settle_languages gives them. */
const char *model_language(const Model *m, const Model *group);

/* The language s's name is written in, in a document in lang, when it is
 * another: an instrument file's English title in a French document that
 * has no French one (its `fr` key's is French); NULL when it is lang's. */
const char *model_scale_title_lang(const Scale *s, const char *lang);

/* The norms a scale's scores are compared with: the reference norm, the
 * first non-clinical one declared, and the first clinical one; NULL when
 * it has none. */
const Norm *model_reference_norm(const Scale *s);
const Norm *model_clinical_norm(const Scale *s);
/* The least SD a norm of s may have (NORM_SD_MIN_SHARE), and the most. */
double model_norm_sd_least(const Scale *s);
double model_norm_sd_most(const Scale *s);

/* The clinic a member's documents speak for: the member's own clinic
 * block, else its group's (g may be NULL). */
const Clinic *model_clinic(const Model *m, const Model *g);
/* Looks up "instrument.scale"; NULL when unknown. */
const Scale *model_find_scale(const Model *m, const char *qualified);
const Instrument *model_find_instrument(const Model *m, const char *id);
/* Whether m holds a formulation (a patient, a clinician, an assessment or
 * any block of the formulation). */
bool model_is_formulation(const Model *m);
/* Whether m is a group file (it has a group { } block). */
bool model_is_group(const Model *m);
/* Whether a placeholder stands where m holds the value at slot
 * (offsetof(Model, ...)): a date or a number still to be written. */
bool model_placeholder_at(const Model *m, size_t slot);
/* The path of the group file a formulation names (relative to the file
 * that named it), or NULL when it names none. */
const char *model_group_path(Arena *a, const Model *m);
/* The self-report assessment at a time point, or NULL. */
const Assessment *model_assessment(const Model *m, When when, const char *rater);
/* A scale's score from item answers by its key (ScaleKey), unrounded, in
 * *value, and how many of its items were answered. False when the scale
 * has no key, or more items are unanswered than the key allows. */
bool model_score_items(const Scale *s, const ItemAnswers *a, double *value, int *answered);
/* Why v cannot be a total of s, as words to follow the value ("is outside
 * the range of swls.total (5 to 35)"), written into buf; NULL when it can
 * be one. A total outside the scale's range cannot, nor a fractional total
 * of a scale whose key sums whole answers and prorates none: every item
 * answered with a whole number, their sum is whole. A scale scored as a
 * mean, or whose key prorates a sum, may have a fractional total. */
const char *model_total_fault(const Scale *s, double v, char *buf, size_t n);
/* Whether every total of s is a whole number: its key sums whole answers
 * and prorates none. */
bool model_totals_whole(const Scale *s);
/* The number of sessions a formulation records as attended (0 when
 * attendance is not recorded), and whether week w is among them. */
int model_sessions_attended(const Formulation *f);
bool model_attended(const Formulation *f, int week);
/* The weeks attended in order, spans joined by an en dash: "1–5, 7, 9–12";
 * "" when attendance is not recorded. Allocated in a. */
const char *model_weeks_text(Arena *a, const Formulation *f);
/* The phase of group g that week falls in; PHASE_COUNT when none does. */
Phase phase_of_week(const Group *g, int week);
/* Default phase spans over a group of `weeks` weeks (see docs/language.md). */
void phase_defaults(int weeks, PhaseSpan out[PHASE_COUNT]);
/* The day a patient's age is given on: the group's first day, else the
 * pre assessment's date, else today. group may be NULL. */
Date model_age_date(const Model *m, const Model *group, Date today);

#endif
