/* value.c — the data a template is expanded with: a tree of text, yes/no
 * values, lists and maps (template.h, "Data").
 *
 * Promises: every value owns what it holds, and tv_free frees a whole tree;
 * a map keeps its keys in the order they were first set; a value given to
 * a list or a map that cannot take it is freed, never leaked.
 * May touch: memory only (base/arena's x-allocators). */
#include "template/engine.h"

#include <stdlib.h>
#include <string.h>

static TValue *tv_new(TValueKind k) {
    TValue *v = xcalloc(1, sizeof *v);
    v->kind = k;
    return v;
}

TValue *tv_text(const char *s, Loc origin) {
    TValue *v = tv_new(TV_TEXT);
    v->text = xstrdup(s ? s : "");
    v->origin = origin;
    return v;
}

TValue *tv_text_in(const char *s, Loc origin, const char *lang) {
    TValue *v = tv_text(s, origin);
    if (lang) v->lang = xstrdup(lang);
    return v;
}

void tv_text_part(TValue *v, size_t start, size_t end, const char *lang) {
    if (!v || v->kind != TV_TEXT || start >= end || end > strlen(v->text)) return;
    if (v->nparts && start < v->parts[v->nparts - 1].end) return;
    xgrow(&v->parts, &v->partcap, v->nparts + 1, sizeof *v->parts);
    v->parts[v->nparts++] = (TValuePart){ start, end, lang ? xstrdup(lang) : NULL };
}

TValue *tv_bool(int yes) {
    TValue *v = tv_new(TV_BOOL);
    v->yes = yes != 0;
    return v;
}

TValue *tv_list(void) { return tv_new(TV_LIST); }
TValue *tv_map(void) { return tv_new(TV_MAP); }
TValueKind tv_kind(const TValue *v) { return v->kind; }

void tv_list_add(TValue *list, TValue *item) {
    if (!list || list->kind != TV_LIST) {
        tv_free(item);
        return;
    }
    xgrow(&list->items, &list->cap, list->n + 1, sizeof *list->items);
    list->items[list->n++] = item;
}

int tv_map_find(const TValue *map, const char *key, size_t klen) {
    for (int i = 0; i < map->n; i++)
        if (strlen(map->keys[i]) == klen && !memcmp(map->keys[i], key, klen))
            return i;
    return -1;
}

void tv_map_set(TValue *map, const char *key, TValue *v) {
    if (!map || map->kind != TV_MAP || !key) {
        tv_free(v);
        return;
    }
    int i = tv_map_find(map, key, strlen(key));
    if (i >= 0) {
        tv_free(map->items[i]);
        map->items[i] = v;
        return;
    }
    int cap = map->cap;
    xgrow(&map->items, &map->cap, map->n + 1, sizeof *map->items);
    xgrow(&map->keys, &cap, map->n + 1, sizeof *map->keys);
    map->keys[map->n] = xstrdup(key);
    map->items[map->n++] = v;
}

int tv_set(TValue *root, const char *path, TValue *v) {
    TValue *cur = root;
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        if (!cur || cur->kind != TV_MAP) break;
        if (!dot) {
            tv_map_set(cur, p, v);
            return 0;
        }
        int i = tv_map_find(cur, p, (size_t)(dot - p));
        if (i < 0) {
            char *key = xstrndup(p, (size_t)(dot - p));
            tv_map_set(cur, key, tv_map());
            free(key);
            i = cur->n - 1;
        } else if (!cur->items[i]) {
            cur->items[i] = tv_map();
        }
        cur = cur->items[i];
        p = dot + 1;
    }
    tv_free(v);
    return -1;
}

void tv_free(TValue *v) {
    if (!v) return;
    for (int i = 0; i < v->n; i++) {
        tv_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
    free(v->lang);
    for (int i = 0; i < v->nparts; i++) free(v->parts[i].lang);
    free(v->parts);
    free(v);
}
