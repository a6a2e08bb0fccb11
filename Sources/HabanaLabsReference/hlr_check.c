/*
 * hlr_check.c - safety invariants of the world
 *
 * (a) An importer with a live mapping reaches only frames owned by, and
 *     last written by, the context that exported the buffer.
 * (b) No freed frame is still reachable: not through an importer's live
 *     mapping, not through a device virtual mapping.
 * (c) Once every descriptor is closed and every importer detached, nothing
 *     is left: no context, allocation, owned frame, mapping or dma-buf.
 * Before those, the bookkeeping itself (reference and mapping counts) is
 * checked against what the world holds; that one must never fail.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "hlr_internal.h"

/**
 * hlr_fail() - record a violation
 * @why: message buffer, may be NULL.
 * @len: its size.
 * @code: the &enum hlr_violation value.
 * @fmt: printf format of the message.
 *
 * Return: @code.
 */
static int hlr_fail(char *why, size_t len, int code, const char *fmt, ...)
{
	va_list ap;

	if (why && len) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return code;
}

/**
 * hlr_check_counts() - reference and mapping counts agree with the world
 * @w: the world.
 * @why: message buffer.
 * @len: its size.
 *
 * Return: %HLR_OK or %HLR_VIOLATION_REFCOUNT.
 */
static int hlr_check_counts(const struct hlr_world *w, char *why, size_t len)
{
	unsigned int dev_fds = 0, holders = 0, i, j, t, n;

	for (t = 0; t < HLR_MAX_TENANTS; t++)
		for (i = 0; i < HLR_MAX_FDS; i++)
			if (w->fds[t][i].kind == HLR_FD_DEVICE)
				dev_fds++;
	for (i = 0; i < HLR_MAX_DMABUFS; i++)
		if (w->dmabufs[i].used && w->dmabufs[i].holds_ctx)
			holders++;
	if (w->ctx.live ? w->ctx.refs != dev_fds + holders :
			  dev_fds + holders != 0)
		return hlr_fail(why, len, HLR_VIOLATION_REFCOUNT,
				"context refs %u, device fds %u, dma-bufs %u",
				w->ctx.refs, dev_fds, holders);

	for (i = 0; i < HLR_MAX_DMABUFS; i++) {
		const struct hlr_dmabuf *b = &w->dmabufs[i];

		if (!b->used)
			continue;
		n = 0;
		for (t = 0; t < HLR_MAX_TENANTS; t++)
			for (j = 0; j < HLR_MAX_FDS; j++)
				if (w->fds[t][j].kind == HLR_FD_DMABUF &&
				    w->fds[t][j].obj == i)
					n++;
		for (j = 0; j < HLR_MAX_ATTACHMENTS; j++)
			if (w->attachments[j].used &&
			    w->attachments[j].dmabuf == i)
				n++;
		if (b->refs != n)
			return hlr_fail(why, len, HLR_VIOLATION_REFCOUNT,
					"dma-buf %u refs %u, holders %u",
					i, b->refs, n);
	}
	for (t = 0; t < HLR_MAX_TENANTS; t++)
		for (j = 0; j < HLR_MAX_FDS; j++)
			if (w->fds[t][j].kind == HLR_FD_DMABUF &&
			    !w->dmabufs[w->fds[t][j].obj].used)
				return hlr_fail(why, len,
						HLR_VIOLATION_REFCOUNT,
						"tenant %u fd %u names a freed dma-buf",
						t, j);

	for (i = 0; i < HLR_MAX_ALLOCS; i++) {
		const struct hlr_alloc *a = &w->allocs[i];
		unsigned int exports = 0, maps = 0;

		if (!a->used)
			continue;
		for (j = 0; j < HLR_MAX_DMABUFS; j++)
			if (w->dmabufs[j].used && w->dmabufs[j].alloc == i)
				exports++;
		for (j = 0; j < HLR_MAX_VA_MAPS; j++)
			if (w->va_maps[j].used && w->va_maps[j].alloc == i)
				maps++;
		if (a->export_cnt != exports || a->map_cnt != maps)
			return hlr_fail(why, len, HLR_VIOLATION_REFCOUNT,
					"allocation %u exports %u/%u maps %u/%u",
					i, a->export_cnt, exports,
					a->map_cnt, maps);
		for (j = 0; j < a->nframes; j++)
			if (w->pages[a->frames[j]].alloc != i)
				return hlr_fail(why, len,
						HLR_VIOLATION_REFCOUNT,
						"frame %u of allocation %u is not marked",
						a->frames[j], i);
	}
	for (i = 0; i < HLR_MAX_ATTACHMENTS; i++) {
		const struct hlr_attachment *att = &w->attachments[i];

		if (!att->used)
			continue;
		n = 0;
		for (j = 0; j < HLR_MAX_MAPPINGS; j++)
			if (w->mappings[j].used &&
			    w->mappings[j].attachment == i)
				n++;
		if (att->nmaps != n || !w->dmabufs[att->dmabuf].used)
			return hlr_fail(why, len, HLR_VIOLATION_REFCOUNT,
					"attachment %u maps %u/%u",
					i, att->nmaps, n);
	}
	return HLR_OK;
}

/**
 * hlr_check_importers() - invariants (a) and (b) for importer mappings
 * @w: the world.
 * @why: message buffer.
 * @len: its size.
 */
static int hlr_check_importers(const struct hlr_world *w, char *why,
			       size_t len)
{
	unsigned int i, j;

	for (i = 0; i < HLR_MAX_MAPPINGS; i++) {
		const struct hlr_mapping *m = &w->mappings[i];
		const struct hlr_attachment *att;
		const struct hlr_dmabuf *b;

		if (!m->used || m->invalidated)
			continue;
		att = &w->attachments[m->attachment];
		b = &w->dmabufs[att->dmabuf];
		for (j = 0; j < b->nframes; j++) {
			const struct hlr_page *p = &w->pages[b->frames[j]];

			if (p->owner_gen == 0)
				return hlr_fail(why, len,
						HLR_VIOLATION_FREED_MAPPED,
						"importer %u (attachment %u) still maps freed frame %u of a dma-buf exported by tenant %u",
						att->importer, m->attachment,
						b->frames[j], b->exp_tenant);
			if (p->owner_gen != b->exp_gen ||
			    p->tag_gen != b->exp_gen)
				return hlr_fail(why, len,
						HLR_VIOLATION_FOREIGN_PAGE,
						"importer %u (attachment %u) reaches frame %u owned by tenant %d (generation %u, contents of tenant %d generation %u) through a dma-buf exported by tenant %u (generation %u)",
						att->importer, m->attachment,
						b->frames[j],
						p->owner_tenant == HLR_NONE ?
						-1 : p->owner_tenant,
						p->owner_gen,
						p->tag_tenant == HLR_NONE ?
						-1 : p->tag_tenant,
						p->tag_gen, b->exp_tenant,
						b->exp_gen);
		}
	}
	return HLR_OK;
}

/**
 * hlr_check_device_maps() - invariant (b) for device virtual mappings
 * @w: the world.
 * @why: message buffer.
 * @len: its size.
 */
static int hlr_check_device_maps(const struct hlr_world *w, char *why,
				 size_t len)
{
	unsigned int i, j;

	for (i = 0; i < HLR_MAX_VA_MAPS; i++) {
		const struct hlr_va_map *m = &w->va_maps[i];
		const struct hlr_alloc *a;

		if (!m->used || m->kind == HLR_VA_HOST)
			continue;
		a = &w->allocs[m->alloc];
		if (!a->used || !w->ctx.live || m->ctx_gen != w->ctx.gen)
			return hlr_fail(why, len, HLR_VIOLATION_FREED_MAPPED,
					"device mapping at 0x%llx outlives its allocation",
					(unsigned long long)m->addr);
		for (j = 0; j < a->nframes; j++)
			if (w->pages[a->frames[j]].owner_gen != m->ctx_gen)
				return hlr_fail(why, len,
						HLR_VIOLATION_FREED_MAPPED,
						"device mapping at 0x%llx reaches frame %u it does not own",
						(unsigned long long)m->addr,
						a->frames[j]);
	}
	return HLR_OK;
}

/**
 * hlr_check_leaks() - invariant (c)
 * @w: the world.
 * @why: message buffer.
 * @len: its size.
 */
static int hlr_check_leaks(const struct hlr_world *w, char *why, size_t len)
{
	unsigned int i, t;

	for (t = 0; t < HLR_MAX_TENANTS; t++)
		for (i = 0; i < HLR_MAX_FDS; i++)
			if (w->fds[t][i].kind != HLR_FD_NONE)
				return HLR_OK;
	for (i = 0; i < HLR_MAX_ATTACHMENTS; i++)
		if (w->attachments[i].used)
			return HLR_OK;

	if (w->ctx.live)
		return hlr_fail(why, len, HLR_VIOLATION_LEAK,
				"context of tenant %u outlives every file",
				w->ctx.tenant);
	for (i = 0; i < HLR_MAX_DMABUFS; i++)
		if (w->dmabufs[i].used)
			return hlr_fail(why, len, HLR_VIOLATION_LEAK,
					"dma-buf %u outlives every file", i);
	for (i = 0; i < HLR_MAX_ALLOCS; i++)
		if (w->allocs[i].used)
			return hlr_fail(why, len, HLR_VIOLATION_LEAK,
					"allocation %u outlives every file", i);
	for (i = 0; i < w->cfg.dram_pages; i++)
		if (w->pages[i].owner_gen || w->pages[i].alloc != HLR_NONE)
			return hlr_fail(why, len, HLR_VIOLATION_LEAK,
					"frame %u is still owned", i);
	for (i = 0; i < HLR_MAX_VA_MAPS; i++)
		if (w->va_maps[i].used)
			return hlr_fail(why, len, HLR_VIOLATION_LEAK,
					"device mapping %u outlives every file",
					i);
	for (i = 0; i < HLR_MAX_MAPPINGS; i++)
		if (w->mappings[i].used)
			return hlr_fail(why, len, HLR_VIOLATION_LEAK,
					"importer mapping %u outlives every file",
					i);
	return HLR_OK;
}

int hlr_check_invariants(const struct hlr_world *w, char *why, size_t len)
{
	int rc;

	if (why && len)
		why[0] = '\0';
	rc = hlr_check_counts(w, why, len);
	if (!rc)
		rc = hlr_check_device_maps(w, why, len);
	if (!rc)
		rc = hlr_check_importers(w, why, len);
	if (!rc)
		rc = hlr_check_leaks(w, why, len);
	return rc;
}

#ifdef HLR_DEBUG
/**
 * hlr_debug_check() - abort when the bookkeeping is inconsistent
 * @w: the world.
 * @where: the entry point that just ran.
 *
 * Only the counts are checked: (a) to (c) may fail by design under the
 * "none" policy, which is what a model checker looks for.
 */
void hlr_debug_check(const struct hlr_world *w, const char *where)
{
	char why[256];

	if (hlr_check_counts(w, why, sizeof(why)) == HLR_OK)
		return;
	fprintf(stderr, "hlr: %s: %s\n", where, why);
	abort();
}
#endif
