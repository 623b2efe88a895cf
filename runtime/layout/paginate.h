/* paginate.h: where every block of a Doc goes, page by page. */
#ifndef FORMC_LAYOUT_PAGINATE_H
#define FORMC_LAYOUT_PAGINATE_H
#include "layout/doc.h"

/* Gives every block its places (d->places, d->npages), unless nothing was
 * added since the last time; stops after DOC_MAX_PAGES pages (d->too_long). */
void paginate(Doc *d);
/* Paginates d; -1 with a message when it needs more than DOC_MAX_PAGES. */
int paginate_within_limit(Doc *d, char *err, size_t errlen);
#endif
