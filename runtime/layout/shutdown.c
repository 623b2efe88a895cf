/* shutdown.c: doc_forget_kept and doc_shutdown, see layout.h. What every
 * document shares (laid-out texts, the figures' texts and images, fonts,
 * hyphenation dictionaries) is released here, above the files that keep
 * it, so that none of them calls back into doc.c. */
#include "layout/layout.h"

#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/text.h"
#include "figures/figtext.h"
#include "figures/image.h"

void doc_forget_kept(void) {
    layouts_release();
    figtext_release();
}

void doc_forget_kept_all(void) {
    doc_forget_kept();
    hyphenate_shutdown();       /* read back from its cache if asked again */
}

void doc_shutdown(void) {
    doc_forget_kept();
    image_release();
    fonts_shutdown();
    hyphenate_shutdown();
}
