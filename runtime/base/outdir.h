/* outdir.h — the folders formc writes documents into, and those it reads
 * a clinic's templates from. A document holds a
 * patient's health information, so formc never writes into a folder that
 * another user controls. A folder is refused when
 *
 *   - it is a symbolic link (one planted in a shared folder would send the
 *     documents into a folder of the planter's choosing);
 *   - it belongs to a user other than you and root;
 *   - it, or a folder above it, is writable by every user and has no
 *     sticky bit (anyone could then rename it or its files, and swap a
 *     document for another; /tmp, sticky, is fine).
 *
 * The folders formc creates are private to their owner (mode 0700). */
#ifndef FORMC_OUTDIR_H
#define FORMC_OUTDIR_H
#include <stddef.h>

/* 0 when formc may write into the folder dir, else -1 with a message
 * naming it and why in err. */
int outdir_check(const char *dir, char *err, size_t errlen);

/* 0 when formc may read a clinic's templates from the folder dir: the
 * folder passes the rule above (whoever could change a template could
 * change what every document says), and so does every folder in it, at
 * any depth, which is no symbolic link either (the images a template
 * names there); no file in any of them (or that a link in one names)
 * belongs to another user than you and root or is writable by every
 * user. A folder that belongs to another account (a clinic's
 * administrator who installed its templates) is allowed that account
 * beside you and root, as long as no one else can change anything in it
 * or above it: nothing in it, and no folder above it, belongs to a fourth
 * account or is writable by its group (or, not sticky, by every user).
 * Else -1 with a message naming it and why in err. */
int outdir_check_templates(const char *dir, char *err, size_t errlen);

/* Creates dir and the folders missing above it, each private (0700), then
 * checks it as outdir_check does. 0, or -1 with a message in err. */
int outdir_make(const char *dir, char *err, size_t errlen);

#endif
