/* schema.c — the statements of the formulation language, in one table.
 * See schema.h for the signature syntax and docs/language.md for prose. */
#include "front/schema.h"
#include "base/messages.h"
#include <stdbool.h>
#include <string.h>
#include "front/model.h"

#define M(field) offsetof(Model, field)
#define S(field) offsetof(Scale, field)
#define NONE 0

const Field schema[] = {
    /* The top of a file */
    { CTX_FILE, "include", "str", CTX_NONE, REPEATS, H_INCLUDE, NONE, NONE,
      "reads another file here; the path is relative to this file" },
    { CTX_FILE, "patient", "str", CTX_PATIENT, NEED_REPORT | NEED_LETTER, VALUE_TEXT,
      M(f.patient.name), M(f.patient.loc), "the patient's full name, and a block about them" },
    { CTX_FILE, "clinician", "str", CTX_NONE, NEED_REPORT | NEED_LETTER, VALUE_TEXT,
      M(f.clinician), NONE, "the clinician who wrote the formulation and signs the documents" },
    { CTX_FILE, "group", "str", CTX_NONE, 0, VALUE_TEXT, M(f.group_file), NONE,
      "the group file this patient belongs to (relative path)" },
    { CTX_FILE, "group", "str ?en:str ?fr:str", CTX_GROUP, 0, VALUE_TEXT, M(g.title), M(g.loc),
      "in a group file: the group's title, and a block describing it" },
    { CTX_FILE, "status", "draft|final", CTX_NONE, 0, H_STATUS, M(f.status), NONE,
      "draft turns missing items into warnings and marks every page DRAFT (default final)" },
    { CTX_FILE, "language", "en|fr", CTX_NONE, 0, VALUE_TEXT, M(f.language), NONE,
      "the language of this patient's letter, overriding the group's (en or fr)" },
    { CTX_FILE, "assessment", "pre|post|followup date ?rater:str", CTX_ASSESSMENT, REPEATS,
      H_ASSESSMENT, NONE, NONE,
      "scale scores at one time point; with rater, an informant's ratings" },
    { CTX_FILE, "crp", "", CTX_CRP, NEED_REPORT, BLOCK_ONLY, NONE, M(f.crp.loc),
      "the Cyclical Relational Pattern" },
    { CTX_FILE, "adaptation", "", CTX_ADAPTATION, NEED_REPORT, BLOCK_ONLY, NONE,
      M(f.adaptation.loc), "the Triangle of Adaptation" },
    { CTX_FILE, "object_relations", "", CTX_OBJECT_RELATIONS, NEED_REPORT, BLOCK_ONLY, NONE,
      M(f.object_relations.loc), "the Triangle of Object Relations" },
    { CTX_FILE, "in_group", "", CTX_IN_GROUP, 0, BLOCK_ONLY, NONE, M(f.in_group.loc),
      "how the patient is expected to relate in the group" },
    { CTX_FILE, "goal", "str", CTX_GOAL, REPEATS, H_GOAL, NONE, NONE,
      "a treatment goal; its optional block gives a measurable target" },
    { CTX_FILE, "enactments", "", CTX_ENACTMENTS, 0, BLOCK_ONLY, NONE, M(f.enactments_loc),
      "what may happen in each phase of the group" },
    { CTX_FILE, "letter", "", CTX_LETTER, NEED_LETTER, BLOCK_ONLY, NONE, M(f.letter.loc),
      "the patient-facing words of the letter, in plain language" },
    { CTX_FILE, "attended", "weeks+", CTX_NONE, REPEATS, H_ATTENDED, NONE, NONE,
      "the sessions attended: weeks and spans of weeks, such as 1-5, 7, 9-12" },
    { CTX_FILE, "left", "=week int ?str", CTX_NONE, 0, H_LEFT, NONE, NONE,
      "the week the patient left the group early, and why" },
    { CTX_FILE, "clinic", "str", CTX_CLINIC, 0, VALUE_TEXT, M(clinic.name), M(clinic.loc),
      "the clinic's name, and its letterhead details" },
    { CTX_FILE, "instrument", "name ?str ?en:str ?fr:str", CTX_INSTRUMENT, REPEATS, H_INSTRUMENT, NONE, NONE,
      "declares a measure: its id, full name, and scales" },
    { CTX_FILE, "import", "", CTX_IMPORT, 0, BLOCK_ONLY, NONE, M(map.loc),
      "how the columns of an export map to scales and items (a map for formc import)" },

    /* patient { } */
    { CTX_PATIENT, "id", "str", CTX_NONE, 0, VALUE_TEXT, M(f.patient.id), NONE,
      "the clinic's identifier for the patient" },
    { CTX_PATIENT, "preferred", "str", CTX_NONE, 0, VALUE_TEXT, M(f.patient.preferred), NONE,
      "the name used to greet the patient in the letter (default: the full name)" },
    { CTX_PATIENT, "born", "date", CTX_NONE, 0, VALUE_DATE, M(f.patient.born), NONE,
      "date of birth, for age at assessment and at the group's start" },
    { CTX_PATIENT, "pronouns", "str ?en:str ?fr:str", CTX_NONE, 0, VALUE_TEXT, M(f.patient.pronouns), NONE,
      "the patient's pronouns, and their form in each language (\"she/her\" fr \"elle\")" },

    /* assessment pre DATE { instrument.scale NUMBER } */
    { CTX_ASSESSMENT, "*", "num", CTX_NONE, 0, H_SCORE, NONE, NONE,
      "a score: the scale's name (instrument.scale) and the value" },
    { CTX_ASSESSMENT, "items", "name item+", CTX_NONE, REPEATS, H_ITEMS, NONE, NONE,
      "the answers to an instrument's items, in order; _ for an item left unanswered" },

    /* crp { } */
    { CTX_CRP, "acts_of_self", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT, M(f.crp.acts_of_self), NONE,
      "what the patient does, thinks and feels" },
    { CTX_CRP, "expectations_of_others", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT,
      M(f.crp.expectations_of_others), NONE, "how the patient expects others to respond" },
    { CTX_CRP, "acts_of_others", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT,
      M(f.crp.acts_of_others), NONE, "how others actually respond" },
    { CTX_CRP, "introject", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT, M(f.crp.introject), NONE,
      "how the patient treats themself" },

    /* adaptation { } */
    { CTX_ADAPTATION, "need", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT, M(f.adaptation.need), NONE,
      "the unmet need" },
    { CTX_ADAPTATION, "affect", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT, M(f.adaptation.affect), NONE,
      "the feeling when the need is frustrated" },
    { CTX_ADAPTATION, "defense", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT, M(f.adaptation.defense), NONE,
      "the defense or coping that follows" },

    /* object_relations { } */
    { CTX_OBJECT_RELATIONS, "past", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT,
      M(f.object_relations.past), NONE, "formative relationships" },
    { CTX_OBJECT_RELATIONS, "current", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT,
      M(f.object_relations.current), NONE, "current relationships" },
    { CTX_OBJECT_RELATIONS, "expected", "str", CTX_NONE, NEED_REPORT, VALUE_TEXT,
      M(f.object_relations.expected), NONE, "the relationship expected in the group" },

    /* in_group { } */
    { CTX_IN_GROUP, "therapists", "str", CTX_NONE, 0, VALUE_TEXT, M(f.in_group.therapists), NONE,
      "relating to the group's leaders" },
    { CTX_IN_GROUP, "self", "str", CTX_NONE, 0, VALUE_TEXT, M(f.in_group.self), NONE,
      "relating to oneself in the group" },
    { CTX_IN_GROUP, "members", "str", CTX_NONE, 0, VALUE_TEXT, M(f.in_group.members), NONE,
      "relating to the other members" },
    { CTX_IN_GROUP, "group", "str", CTX_NONE, 0, VALUE_TEXT, M(f.in_group.group), NONE,
      "relating to the group as a whole" },

    /* goal "..." { } */
    { CTX_GOAL, "target", "scale num", CTX_NONE, 0, H_TARGET, NONE, NONE,
      "the score on a scale that would meet the goal" },
    { CTX_GOAL, "by", "=week int", CTX_NONE, 0, H_BY, NONE, NONE,
      "the week of the group by which the goal is hoped for" },

    /* enactments { } */
    { CTX_ENACTMENTS, "engagement", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.enactments[PHASE_ENGAGEMENT]), NONE, "phase 1: engagement and pseudo-attachment" },
    { CTX_ENACTMENTS, "pattern_interruption", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.enactments[PHASE_INTERRUPTION]), NONE, "phase 2: pattern interruption" },
    { CTX_ENACTMENTS, "self_redefinition", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.enactments[PHASE_REDEFINITION]), NONE, "phase 3: self-redefinition / painful authenticity" },
    { CTX_ENACTMENTS, "termination", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.enactments[PHASE_TERMINATION]), NONE, "phase 4: termination" },

    /* letter { } */
    { CTX_LETTER, "dated", "date", CTX_NONE, 0, VALUE_DATE, M(f.letter.dated), NONE,
      "the day the letter is sent, printed at its head (default: the day it is made)" },
    { CTX_LETTER, "pattern", "str", CTX_NONE, NEED_LETTER, VALUE_TEXT, M(f.letter.pattern), NONE,
      "what we understood together, in the patient's own terms" },
    { CTX_LETTER, "in_group", "str", CTX_NONE, 0, VALUE_TEXT, M(f.letter.in_group), NONE,
      "how the pattern may show up in the group" },
    { CTX_LETTER, "engagement", "str", CTX_NONE, 0, VALUE_TEXT, M(f.letter.phases[PHASE_ENGAGEMENT]),
      NONE, "to the patient: what the first weeks may bring for them" },
    { CTX_LETTER, "pattern_interruption", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.letter.phases[PHASE_INTERRUPTION]), NONE, "to the patient: the weeks when old ways are challenged" },
    { CTX_LETTER, "self_redefinition", "str", CTX_NONE, 0, VALUE_TEXT,
      M(f.letter.phases[PHASE_REDEFINITION]), NONE, "to the patient: the weeks of trying new ways" },
    { CTX_LETTER, "termination", "str", CTX_NONE, 0, VALUE_TEXT, M(f.letter.phases[PHASE_TERMINATION]),
      NONE, "to the patient: the ending of the group" },

    /* group "..." { } */
    { CTX_GROUP, "code", "str", CTX_NONE, NEED_GROUP, VALUE_TEXT, M(g.code), NONE,
      "a short code naming the output folder (letters, digits, - and _)" },
    { CTX_GROUP, "starts", "date", CTX_NONE, NEED_GROUP, VALUE_DATE, M(g.starts), NONE,
      "the date of the first session" },
    { CTX_GROUP, "weeks", "int", CTX_NONE, NEED_GROUP, H_WEEKS, M(g.weeks), NONE,
      "the number of weekly sessions" },
    { CTX_GROUP, "meets", "str ?en:str ?fr:str", CTX_NONE, NEED_GROUP, VALUE_TEXT, M(g.meets), NONE,
      "when it meets, in words (\"Thursdays, 6:00-7:30 pm\")" },
    { CTX_GROUP, "place", "str ?en:str ?fr:str", CTX_NONE, NEED_GROUP, VALUE_TEXT, M(g.place), NONE,
      "where it meets" },
    { CTX_GROUP, "leader", "str+", CTX_NONE, REPEATS | NEED_GROUP, H_LEADER, NONE, NONE,
      "a leader of the group (one statement each, or a list)" },
    { CTX_GROUP, "language", "en|fr", CTX_NONE, 0, VALUE_TEXT, M(g.language), NONE,
      "the language of the members' letters (default en)" },
    { CTX_GROUP, "member", "str+", CTX_NONE, REPEATS | NEED_GROUP, H_MEMBER, NONE, NONE,
      "a member's file, or a glob such as \"members/*.form\" (relative to this file)" },
    { CTX_GROUP, "phase", "engagement|pattern_interruption|self_redefinition|termination "
      "=weeks int =to int", CTX_NONE, REPEATS, H_PHASE, NONE, NONE,
      "overrides the weeks of one phase" },

    /* clinic "..." { } */
    { CTX_CLINIC, "address", "str", CTX_NONE, 0, VALUE_TEXT, M(clinic.address), NONE,
      "the clinic's postal address" },
    { CTX_CLINIC, "phone", "str", CTX_NONE, 0, VALUE_TEXT, M(clinic.phone), NONE,
      "the clinic's telephone number" },
    { CTX_CLINIC, "logo", "str", CTX_NONE, 0, VALUE_TEXT, M(clinic.logo), NONE,
      "a PNG logo for the letterhead (relative to this file)" },
    { CTX_CLINIC, "templates", "str", CTX_NONE, 0, VALUE_TEXT, M(clinic.templates), NONE,
      "a folder of the clinic's own templates (relative to this file)" },

    /* instrument id "..." { } */
    { CTX_INSTRUMENT, "source", "str", CTX_NONE, 0, VALUE_TEXT, offsetof(Instrument, source), NONE,
      "the instrument's main published reference" },
    { CTX_INSTRUMENT, "scale", "name ?str ?en:str ?fr:str", CTX_SCALE, REPEATS, H_SCALE, NONE, NONE,
      "declares a scale: its id, full name, and figures" },
    { CTX_INSTRUMENT, "items", "int", CTX_NONE, 0, H_INSTRUMENT_ITEMS, NONE, NONE,
      "the number of items on the questionnaire, numbered from 1" },
    { CTX_INSTRUMENT, "responses", "int int", CTX_NONE, 0, H_RESPONSES, NONE, NONE,
      "the lowest and highest answer to an item" },
    { CTX_INSTRUMENT, "key", "name", CTX_KEY, REPEATS, H_KEY, NONE, NONE,
      "how a scale is scored from the items: which, reverse-keyed ones, sum or mean, unanswered items" },

    /* import { } : a map for formc import */
    { CTX_IMPORT, "id_column", "str", CTX_NONE, 0, VALUE_TEXT, M(map.id_column), NONE,
      "the column of the patient's id" },
    { CTX_IMPORT, "time_column", "str", CTX_NONE, 0, VALUE_TEXT, M(map.time_column), NONE,
      "the column of the time point" },
    { CTX_IMPORT, "pre", "str+", CTX_NONE, REPEATS, H_MAP_WHEN, NONE, NONE,
      "what the time column says for the pre assessment" },
    { CTX_IMPORT, "post", "str+", CTX_NONE, REPEATS, H_MAP_WHEN, NONE, NONE,
      "what the time column says for the post assessment" },
    { CTX_IMPORT, "followup", "str+", CTX_NONE, REPEATS, H_MAP_WHEN, NONE, NONE,
      "what the time column says for the follow-up" },
    { CTX_IMPORT, "timepoint", "pre|post|followup", CTX_NONE, 0, VALUE_TEXT, M(map.timepoint), NONE,
      "the time point of every row, for an export without a time column" },
    { CTX_IMPORT, "date_column", "str", CTX_NONE, 0, VALUE_TEXT, M(map.date_column), NONE,
      "the column of the day the questionnaires were answered" },
    { CTX_IMPORT, "rater_column", "str", CTX_NONE, 0, VALUE_TEXT, M(map.rater_column), NONE,
      "the column of who answered, for an informant's ratings (empty, self or patient: the patient)" },
    { CTX_IMPORT, "date_format", "str", CTX_NONE, 0, H_MAP_DATE_FORMAT, NONE, NONE,
      "how the date column writes a date, such as \"DD/MM/YYYY\"" },
    { CTX_IMPORT, "missing", "str+", CTX_NONE, REPEATS, H_MAP_MISSING, NONE, NONE,
      "what a cell says for an item left unanswered, such as \"NA\" (an empty cell always means that)" },
    { CTX_IMPORT, "scale", "str scale", CTX_NONE, REPEATS, H_MAP_COLUMN, NONE, NONE,
      "a column holding a scale's total" },
    { CTX_IMPORT, "items", "str name", CTX_NONE, REPEATS, H_MAP_COLUMN, NONE, NONE,
      "the columns PREFIX1, PREFIX2, ... holding an instrument's items" },
    { CTX_IMPORT, "item", "str name int", CTX_NONE, REPEATS, H_MAP_COLUMN, NONE, NONE,
      "a column holding one item of an instrument" },
    { CTX_IMPORT, "ignore", "str+", CTX_NONE, REPEATS, H_MAP_IGNORE, NONE, NONE,
      "columns to leave alone" },

    /* key scale { } */
    { CTX_KEY, "items", "int+", CTX_NONE, 0, H_KEY_ITEMS, NONE, NONE,
      "the numbers of the items that make up the scale" },
    { CTX_KEY, "reverse", "int+", CTX_NONE, 0, H_KEY_REVERSE, NONE, NONE,
      "the reverse-keyed items among them" },
    { CTX_KEY, "scored", "sum|mean", CTX_NONE, 0, H_KEY_SCORED, NONE, NONE,
      "the scale is the sum of its items (the default) or their mean" },
    { CTX_KEY, "prorate", "int", CTX_NONE, 0, H_KEY_PRORATE, NONE, NONE,
      "at most this many items may be unanswered; the score is then prorated (default 0)" },
    { CTX_KEY, "source", "str", CTX_NONE, 0, VALUE_TEXT, offsetof(ScaleKey, source), NONE,
      "where the scoring rule is published" },

    /* scale id "..." { } */
    { CTX_SCALE, "range", "num num", CTX_NONE, 0, H_RANGE, NONE, NONE,
      "the lowest and highest possible score" },
    { CTX_SCALE, "higher", "worse|better", CTX_NONE, 0, H_HIGHER, NONE, NONE,
      "whether a higher score is worse or better" },
    { CTX_SCALE, "items", "int", CTX_NONE, 0, VALUE_INT, S(items), NONE,
      "the number of items" },
    { CTX_SCALE, "reliability", "num ?n:int ?sample:str ?source:str ?en:str ?fr:str", CTX_NONE, 0, H_RELIABILITY,
      NONE, NONE, "the reliability used for reliable change, between 0 and 1, and its source" },
    { CTX_SCALE, "norm", "name mean:num sd:num ?n:int ?sample:str source:str ?en:str ?fr:str", CTX_NONE,
      REPEATS, H_NORM, NONE, NONE,
      "a published norm: its population, mean, SD, size, sample, source and its name in each language" },
};

const int schema_count = sizeof schema / sizeof schema[0];

const char *context_name(Context c) {
    static const char *names[CTX_COUNT] = {
        "the top of the file", "the patient block", "an assessment block", "the crp block",
        "the adaptation block", "the object_relations block", "the in_group block",
        "a goal block", "the enactments block", "the letter block", "the group block",
        "the clinic block", "an instrument block", "a scale block", "a key block", "the import block",
    };
    return diag_tr(c >= 0 && c < CTX_COUNT ? names[c] : "here");
}

/* The fields by context and name, hashed on first use: for each, the
 * first field of that name and the last with and without a block. */
enum { FIND_SLOTS = 512 };            /* a power of two, over twice the fields */
typedef struct {
    const char *name;
    Context ctx;
    short first, with_block, without_block;   /* schema indexes, -1: none */
} FieldSlot;
static FieldSlot find_slots[FIND_SLOTS];
static bool find_ready;

static unsigned find_hash(Context ctx, const char *name) {
    unsigned h = 2166136261u ^ (unsigned)ctx;
    for (; *name; name++) h = (h ^ (unsigned char)*name) * 16777619u;
    return h;
}

/* The slot of ctx and name: where it is, or the empty one it would take. */
static FieldSlot *find_slot(Context ctx, const char *name) {
    unsigned i = find_hash(ctx, name) & (FIND_SLOTS - 1);
    while (find_slots[i].name && (find_slots[i].ctx != ctx || strcmp(find_slots[i].name, name)))
        i = (i + 1) & (FIND_SLOTS - 1);
    return &find_slots[i];
}

static void find_prepare(void) {
    _Static_assert(sizeof schema / sizeof schema[0] * 2 < FIND_SLOTS, "FIND_SLOTS too small");
    for (int i = 0; i < schema_count; i++) {
        FieldSlot *s = find_slot(schema[i].ctx, schema[i].name);
        if (!s->name) *s = (FieldSlot){ schema[i].name, schema[i].ctx, (short)i, -1, -1 };
        if (schema[i].block != CTX_NONE) s->with_block = (short)i;
        else s->without_block = (short)i;
    }
    find_ready = true;
}

const Field *schema_find(Context ctx, const char *name, int has_block) {
    if (!find_ready) find_prepare();
    const FieldSlot *s = find_slot(ctx, name);
    if (!s->name) return NULL;
    int i = has_block ? s->with_block : s->without_block;
    return &schema[i >= 0 ? i : s->first];
}

size_t schema_translations(const Field *f) {
    static const struct { size_t text, in; } translated[] = {
        { M(g.title), M(g.title_in) }, { M(g.meets), M(g.meets_in) }, { M(g.place), M(g.place_in) },
        { M(f.patient.pronouns), M(f.patient.pronouns_in) },
    };
    if (f->action != VALUE_TEXT || !strstr(f->sig, "fr:")) return 0;
    for (size_t i = 0; i < sizeof translated / sizeof *translated; i++)
        if (translated[i].text == f->offset) return translated[i].in;
    return 0;
}

const Field *schema_opener(Context ctx) {
    for (int i = 0; i < schema_count; i++)
        if (schema[i].block == ctx) return &schema[i];
    return NULL;
}
