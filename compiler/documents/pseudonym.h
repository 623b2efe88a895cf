/* pseudonym.h — the pseudonyms --redact gives patients: a letter and two
 * digits, such as "R47", from a hash of the formulation file's bytes (not
 * of the names, so a list of names cannot be matched against them): the
 * same file gives the same pseudonym.
 *
 * Within a group, every member's pseudonym is distinct. There are
 * PSEUDONYM_COUNT of them (24 letters, without I and O, by 90 numbers),
 * more than the most members a group may have (GROUP_MAX_MEMBERS); members
 * whose files give the same one are taken in the order of their files'
 * hashes, then of the group's list, and each after the first takes the
 * next pseudonym no other member has. Reading the members' files for
 * their pseudonyms, the roll also notes who each member is (the names its
 * patient block gives), for the other members' texts. */
#ifndef FORMC_PSEUDONYM_H
#define FORMC_PSEUDONYM_H
#include "base/source.h"
#include "front/model.h"

#define PSEUDONYM_COUNT 2160

/* FNV-1a over the bytes of src: stable across runs and machines. */
uint64_t pseudonym_hash(const Source *src);

/* The pseudonym of the patient whose file is src, in group g (NULL, or a
 * group whose members were not resolved: the file's own pseudonym). For a
 * member of g, the pseudonyms of all its members are worked out at once,
 * by reading their files, the first time g is asked about in a process. */
void pseudonym_in_group(const Model *g, const Source *src, char out[8]);

/* The pseudonym of member k of group g (its members resolved), or "" when
 * the member's file cannot be read. */
const char *pseudonym_of_member(const Model *g, int k);

/* Who member k of group g (its members resolved) is, as the patient block
 * of its file says: the full name, the preferred name and the id, each
 * NULL when not written as text there or when the file cannot be read.
 * --redact finds them in the other members' texts (redact.h). */
typedef struct MemberNames {
    const char *name, *preferred, *id;
} MemberNames;
MemberNames pseudonym_names_of_member(const Model *g, int k);

#endif
