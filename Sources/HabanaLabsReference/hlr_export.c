/*
 * hlr_export.c - HL_MEM_OP_EXPORT_DMABUF_FD and the exporter's dma-buf ops
 *
 * Device DRAM is exported either by allocation handle (MMU devices) or by
 * physical address and size (no-MMU devices). The buffer records the DRAM
 * frames it describes at export time; importers reach those frames through
 * the PCI BAR, so nothing but the lifetime policy stops them from reaching
 * whatever the frames hold later:
 *
 * - none: the buffer holds no reference on its owner. When the owner's
 *   context goes, its frames go back to the pool while importers still map
 *   them.
 * - owner-ref: the buffer holds a context reference (the merged design), so
 *   the frames, and the exclusive use of the device, stay with the owner
 *   until the last buffer is released.
 * - revoke: when the owner's context goes, every buffer it exported is
 *   revoked: importers are invalidated and the buffer describes no memory
 *   any more. Only revocable (dynamic) importers may attach.
 */
#include "uapi/misc/hl_memory.h"
#include "hlr_internal.h"

/**
 * hlr_bar_addr() - PCI bus address of a DRAM frame
 * @w: the world.
 * @frame: the frame.
 *
 * The BAR maps all of DRAM, so every frame lies inside the window.
 */
static uint64_t hlr_bar_addr(const struct hlr_world *w, unsigned int frame)
{
	return HLR_BAR_BASE + (uint64_t)frame * w->cfg.page_size;
}

/**
 * hlr_export_by_handle() - frames of an allocation (MMU devices)
 * @b: the buffer being built.
 * @w: the world.
 * @handle: in.export_dmabuf_fd.handle.
 * @size: in.export_dmabuf_fd.mem_size; must be zero with a handle.
 *
 * Return: the allocation slot, or -EINVAL.
 */
static int hlr_export_by_handle(struct hlr_dmabuf *b,
				const struct hlr_world *w, uint64_t handle,
				uint64_t size)
{
	const struct hlr_alloc *a;
	int idx;

	if (size)
		return -EINVAL;
	idx = hlr_alloc_lookup(w, handle);
	if (idx < 0)
		return idx;
	a = &w->allocs[idx];
	b->alloc = (uint8_t)idx;
	b->nframes = a->nframes;
	b->frames_per_page = a->frames_per_page;
	b->size = a->nframes * w->cfg.page_size;
	memcpy(b->frames, a->frames, a->nframes);
	return idx;
}

/**
 * hlr_export_by_addr() - frames of a physical range (no-MMU devices)
 * @b: the buffer being built.
 * @w: the world.
 * @addr: in.export_dmabuf_fd.handle, a physical DRAM address.
 * @size: in.export_dmabuf_fd.mem_size.
 *
 * The address and size must be multiples of the DRAM frame size (which is
 * a multiple of PAGE_SIZE, D5), the size non-zero, and the range inside
 * DRAM. The range check cannot wrap: it compares the size with the room
 * left after the start. A range that wraps around 2^64 is out of DRAM and
 * gets -EINVAL like any other bad range.
 *
 * Return: 0, or -EINVAL.
 */
static int hlr_export_by_addr(struct hlr_dmabuf *b, const struct hlr_world *w,
			      uint64_t addr, uint64_t size)
{
	uint64_t fsz = w->cfg.page_size, dram = w->cfg.dram_pages * fsz;
	unsigned int first, i;

	if (!HLR_IS_ALIGNED(addr, fsz) || !HLR_IS_ALIGNED(size, fsz))
		return -EINVAL;
	if (size == 0 || addr < HLR_DRAM_BASE)
		return -EINVAL;
	if (addr - HLR_DRAM_BASE > dram || size > dram - (addr - HLR_DRAM_BASE))
		return -EINVAL;

	first = (unsigned int)((addr - HLR_DRAM_BASE) / fsz);
	b->alloc = HLR_NONE;
	b->nframes = (uint8_t)(size / fsz);
	b->frames_per_page = 1;
	b->size = size;
	for (i = 0; i < b->nframes; i++)
		b->frames[i] = (uint8_t)(first + i);
	return 0;
}

/**
 * hlr_export_dmabuf() - HL_MEM_OP_EXPORT_DMABUF_FD
 * @w: the world (a context is live).
 * @tenant: the calling process.
 * @fd: receives out.fd.
 * @handle_or_addr: in.export_dmabuf_fd.handle.
 * @size: in.export_dmabuf_fd.mem_size.
 * @flags: in.flags: O_CLOEXEC and an access mode (already masked).
 *
 * Everything that can fail happens first; then the buffer takes its
 * references (export count, context under owner-ref); the descriptor is
 * installed as the very last step (D13), after which the buffer is not
 * touched.
 *
 * Return: 0; -EINVAL for a bad handle, address, size or access mode;
 * -EMFILE when the caller's descriptor table is full; -ENOMEM when no
 * dma-buf slot is free.
 */
long hlr_export_dmabuf(struct hlr_world *w, int tenant, int32_t *fd,
		       uint64_t handle_or_addr, uint64_t size, uint32_t flags)
{
	struct hlr_dmabuf nb;
	int slot, nfd, rc;

	if ((flags & HLR_O_ACCMODE) == HLR_O_ACCMODE)
		return -EINVAL;

	memset(&nb, 0, sizeof(nb));
	if (w->cfg.mmu)
		rc = hlr_export_by_handle(&nb, w, handle_or_addr, size);
	else
		rc = hlr_export_by_addr(&nb, w, handle_or_addr, size);
	if (rc < 0)
		return rc;

	nfd = hlr_fd_reserve(w, tenant);
	if (nfd < 0)
		return nfd;
	slot = hlr_dmabuf_slot(w);
	if (slot < 0)
		return slot;

	/* Nothing fails from here on. */
	nb.used = 1;
	nb.exp_tenant = w->ctx.tenant;
	nb.exp_gen = w->ctx.gen;
	nb.accmode = (uint8_t)(flags & HLR_O_ACCMODE);
	nb.refs = 1;		/* the descriptor's reference */
	if (nb.alloc != HLR_NONE)
		w->allocs[nb.alloc].export_cnt++;
	if (w->cfg.policy == HLR_POLICY_OWNER_REF) {
		hlr_ctx_get(w);
		nb.holds_ctx = 1;
	}
	w->dmabufs[slot] = nb;

	hlr_fd_install(w, tenant, nfd, HLR_FD_DMABUF, (unsigned int)slot,
		       flags & HLR_O_CLOEXEC);
	*fd = nfd;
	return 0;
}

/**
 * hlr_exp_attach() - exporter attach: policy and P2P checks
 * @w: the world.
 * @buf: the dma-buf slot.
 * @importer: the importing device.
 *
 * Return: 0; -ENODEV for a revoked buffer; -EOPNOTSUPP under revoke for a
 * pinned importer (D18); -EPERM when the importer cannot reach the BAR by
 * P2P (D9), the errno the merged driver's map gives.
 */
static int hlr_exp_attach(const struct hlr_world *w, unsigned int buf,
			  unsigned int importer)
{
	const struct hlr_importer_config *imp = &w->cfg.importers[importer];

	if (w->dmabufs[buf].revoked)
		return -ENODEV;
	if (w->cfg.policy == HLR_POLICY_REVOKE && !imp->dynamic)
		return -EOPNOTSUPP;
	if (!imp->p2p)
		return -EPERM;
	return 0;
}

/**
 * hlr_sg_add() - append one DMA segment
 * @table: the table being built.
 * @dma: the importer's address of the segment.
 * @len: its length.
 *
 * Return: 0, or -ENOMEM when the table is full.
 */
static int hlr_sg_add(struct hlr_sg_table *table, uint64_t dma, uint64_t len)
{
	struct hlr_sg_seg *s;

	if (table->nents == HLR_MAX_SEGS)
		return -ENOMEM;
	s = &table->segs[table->nents++];
	s->dma_addr = dma;
	s->length = len;
	s->page = -1;		/* no struct page behind BAR memory */
	return 0;
}

/**
 * hlr_exp_map() - exporter map: build a new table for one importer
 * @table: zeroed by the caller; filled in here.
 * @w: the world.
 * @buf: the dma-buf slot.
 * @importer: the importing device.
 * @peer2peer: the attachment may use P2P.
 *
 * The segment limit is the importer's own (D6), rounded down to PAGE_SIZE.
 * An allocation page larger than the limit is split into limit-sized
 * pieces; smaller pages that are adjacent on the bus are merged while the
 * merged segment stays within the limit. orig_nents is set to 0 at the
 * end: there is no CPU list (D10).
 *
 * Return: 0; -EPERM without P2P; -EINVAL for a limit under one page;
 * -ENOMEM when the table is full.
 */
static int hlr_exp_map(struct hlr_sg_table *table, const struct hlr_world *w,
		       unsigned int buf, unsigned int importer, bool peer2peer)
{
	const struct hlr_importer_config *imp = &w->cfg.importers[importer];
	const struct hlr_dmabuf *b = &w->dmabufs[buf];
	uint64_t max_seg, psz, cur = 0, len = 0;
	unsigned int fpp = b->frames_per_page, i;
	int rc;

	if (!peer2peer)
		return -EPERM;
	max_seg = imp->max_seg_size & ~(HLR_HOST_PAGE_SIZE - 1);
	if (max_seg < HLR_HOST_PAGE_SIZE)
		return -EINVAL;
	psz = fpp * w->cfg.page_size;

	for (i = 0; i < b->nframes; i += fpp) {
		uint64_t bus = hlr_bar_addr(w, b->frames[i]) + imp->dma_offset;
		uint64_t off;

		if (psz > max_seg) {
			for (off = 0; off < psz; off += max_seg) {
				uint64_t n = psz - off < max_seg ?
					     psz - off : max_seg;

				rc = hlr_sg_add(table, bus + off, n);
				if (rc)
					return rc;
			}
			continue;
		}
		if (len && cur + len == bus && len + psz <= max_seg) {
			len += psz;
			continue;
		}
		if (len) {
			rc = hlr_sg_add(table, cur, len);
			if (rc)
				return rc;
		}
		cur = bus;
		len = psz;
	}
	if (len) {
		rc = hlr_sg_add(table, cur, len);
		if (rc)
			return rc;
	}
	table->orig_nents = 0;
	return 0;
}

/**
 * hlr_exp_release() - exporter release: drop what the buffer holds
 * @w: the world.
 * @buf: the dma-buf slot, about to be freed by the core.
 */
static void hlr_exp_release(struct hlr_world *w, unsigned int buf)
{
	struct hlr_dmabuf *b = &w->dmabufs[buf];

	if (b->alloc != HLR_NONE) {
		w->allocs[b->alloc].export_cnt--;
		b->alloc = HLR_NONE;
	}
	if (b->holds_ctx) {
		b->holds_ctx = 0;
		hlr_ctx_put(w);
	}
}

const struct hlr_dmabuf_ops hlr_exporter_ops = {
	.attach = hlr_exp_attach,
	.map = hlr_exp_map,
	.release = hlr_exp_release,
	.mmap = NULL,	/* device DRAM is not CPU-accessible (D10) */
	.vmap = NULL,
};

/**
 * hlr_export_owner_gone() - the exporting context is being torn down
 * @w: the world; w->ctx is still the dying context.
 *
 * Under owner-ref no buffer of the context can be alive here (each holds a
 * reference). Under none the buffers only forget their allocation, keeping
 * the frames: importers keep reaching them after they are freed. Under
 * revoke every buffer is revoked: its importers are invalidated and it
 * describes no memory any more.
 */
void hlr_export_owner_gone(struct hlr_world *w)
{
	unsigned int i;

	for (i = 0; i < HLR_MAX_DMABUFS; i++) {
		struct hlr_dmabuf *b = &w->dmabufs[i];

		if (!b->used || b->exp_gen != w->ctx.gen)
			continue;
		if (b->alloc != HLR_NONE) {
			w->allocs[b->alloc].export_cnt--;
			b->alloc = HLR_NONE;
		}
		if (w->cfg.policy != HLR_POLICY_REVOKE)
			continue;
		hlr_dmabuf_invalidate(w, i);
		b->revoked = 1;
		b->nframes = 0;
		b->frames_per_page = 0;
		memset(b->frames, 0, sizeof(b->frames));
	}
}
