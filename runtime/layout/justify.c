/* justify: word gaps of justified lines; see justify.h. */
#include "layout/justify.h"

/* Stretchable spaces in [s, e) of text, trailing ones left out: Pango
 * widens U+0020 and U+00A0 when it justifies. */
static int stretchable(const char *s, const char *e) {
    while (e > s && (e[-1] == ' ' || e[-1] == '\n')) e--;
    int n = 0;
    for (const char *p = s; p < e; p++)
        n += *p == ' ' || ((unsigned char)p[0] == 0xC2 && p + 1 < e && (unsigned char)p[1] == 0xA0);
    return n;
}

int justify_loose_lines(PangoLayout *ragged, double space_w, double max_gap, unsigned char *loose) {
    const char *text = pango_layout_get_text(ragged);
    int nlines = pango_layout_get_line_count(ragged);
    double width = (double)pango_layout_get_width(ragged) / PANGO_SCALE;
    double indent = (double)pango_layout_get_indent(ragged) / PANGO_SCALE;
    int count = 0;
    GSList *at = pango_layout_get_lines_readonly(ragged);   /* line i, walked once */
    for (int i = 0; i < nlines && at; i++, at = at->next) {
        loose[i] = 0;
        PangoLayoutLine *line = at->data;
        PangoLayoutLine *next = i + 1 < nlines && at->next ? at->next->data : NULL;
        if (!next || next->is_paragraph_start) continue;   /* never stretched */
        int n = stretchable(text + line->start_index, text + line->start_index + line->length);
        if (n == 0) continue;
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        /* a positive indent shortens the first line, a negative one the others */
        double avail = width - (line->is_paragraph_start ? (indent > 0 ? indent : 0) : (indent < 0 ? -indent : 0));
        double gap = space_w + (avail - (double)log.width / PANGO_SCALE) / n;
        if (gap > max_gap) {
            loose[i] = 1;
            count++;
        }
    }
    return count;
}
