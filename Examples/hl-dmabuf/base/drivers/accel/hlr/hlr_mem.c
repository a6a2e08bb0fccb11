/*
 * hlr_mem.c - the compute context and device memory
 *
 * The context is created by hlr_open() and reference counted: the device
 * file holds one reference. When the last reference goes, the context tears
 * down: every mapping and allocation of the context is released and its
 * frames go back to the pool.
 *
 * Memory operations work on DRAM frames. An allocation is a list of frames
 * grouped in allocation pages (one page may span several adjacent frames);
 * allocating writes the caller's contents tag into every frame. Device
 * virtual addresses come from fixed windows, first fit, honouring a usable
 * hint.
 */
#include "uapi/misc/hl_memory.h"
#include "hlr_internal.h"

void hlr_ctx_get(struct hlr_world *w)
{
	w->ctx.refs++;
}

/**
 * hlr_frame_release() - give a frame back to the pool
 * @w: the world.
 * @frame: the frame.
 *
 * The contents tag stays: nothing scrubs device memory, so the next owner
 * (or a stale importer) finds the old contents until it is written again.
 */
static void hlr_frame_release(struct hlr_world *w, unsigned int frame)
{
	struct hlr_page *p = &w->pages[frame];

	p->alloc = HLR_NONE;
	if (w->cfg.mmu) {
		p->owner_gen = 0;
		p->owner_tenant = HLR_NONE;
	}
}

/**
 * hlr_alloc_release() - free an allocation slot and its frames
 * @w: the world.
 * @idx: the allocation slot.
 */
static void hlr_alloc_release(struct hlr_world *w, unsigned int idx)
{
	struct hlr_alloc *a = &w->allocs[idx];
	unsigned int i;

	for (i = 0; i < a->nframes; i++)
		hlr_frame_release(w, a->frames[i]);
	memset(a, 0, sizeof(*a));
}

/**
 * hlr_ctx_teardown() - release everything the compute context owns
 * @w: the world.
 */
static void hlr_ctx_teardown(struct hlr_world *w)
{
	unsigned int i;

	for (i = 0; i < HLR_MAX_VA_MAPS; i++)
		memset(&w->va_maps[i], 0, sizeof(w->va_maps[i]));
	for (i = 0; i < HLR_MAX_ALLOCS; i++) {
		if (!w->allocs[i].used)
			continue;
		w->allocs[i].map_cnt = 0;
		hlr_alloc_release(w, i);
	}
	for (i = 0; i < w->cfg.dram_pages; i++) {
		w->pages[i].owner_gen = 0;
		w->pages[i].owner_tenant = HLR_NONE;
	}
	memset(&w->ctx, 0, sizeof(w->ctx));
	w->ctx.tenant = HLR_NONE;
}

void hlr_ctx_put(struct hlr_world *w)
{
	if (--w->ctx.refs == 0)
		hlr_ctx_teardown(w);
}

/**
 * hlr_alloc_lookup() - find the caller's allocation by handle
 * @w: the world.
 * @handle: the handle from userspace, all 64 bits of it.
 *
 * A handle with any of its upper 32 bits set is refused before it is
 * narrowed (D14).
 *
 * Return: the allocation slot, or -EINVAL.
 */
int hlr_alloc_lookup(const struct hlr_world *w, uint64_t handle)
{
	const struct hlr_alloc *a;

	if (handle >> 32)
		return -EINVAL;
	if (handle == 0 || handle > HLR_MAX_ALLOCS)
		return -EINVAL;
	a = &w->allocs[handle - 1];
	if (!a->used)
		return -EINVAL;
	if (a->ctx_gen != w->ctx.gen && !a->shared)
		return -EINVAL;
	return (int)(handle - 1);
}

/**
 * hlr_frame_free() - can an allocation take this frame?
 * @w: the world.
 * @frame: the frame.
 */
static bool hlr_frame_free(const struct hlr_world *w, unsigned int frame)
{
	if (w->cfg.mmu)
		return w->pages[frame].owner_gen == 0;
	return w->pages[frame].alloc == HLR_NONE;
}

/**
 * hlr_pick_frames() - choose frames for a new allocation
 * @frames: receives @nframes frame indices, page by page.
 * @w: the world.
 * @nframes: frames needed, a multiple of @fpp.
 * @fpp: frames per allocation page; each page is an aligned run.
 * @contiguous: all frames must form one run.
 *
 * Return: 0, or -ENOMEM when the frames are not there.
 */
static int hlr_pick_frames(uint8_t *frames, const struct hlr_world *w,
			   unsigned int nframes, unsigned int fpp,
			   bool contiguous)
{
	unsigned int n = w->cfg.dram_pages, got = 0, s, i;

	/* Candidate pages only move forward, so no frame is taken twice. */
	for (s = 0; s + fpp <= n && got < nframes; s += fpp) {
		bool ok = true;

		for (i = s; i < s + fpp; i++)
			if (!hlr_frame_free(w, i))
				ok = false;
		if (!ok) {
			/* A contiguous allocation starts over after a hole. */
			if (contiguous)
				got = 0;
			continue;
		}
		for (i = s; i < s + fpp; i++)
			frames[got++] = (uint8_t)i;
	}
	return got == nframes ? 0 : -ENOMEM;
}

/**
 * hlr_mem_alloc() - HL_MEM_OP_ALLOC
 * @w: the world (a context is live).
 * @handle: receives the new handle.
 * @size: in.alloc.mem_size.
 * @page_size: in.alloc.page_size, 0 for the DRAM frame size.
 * @flags: HL_MEM_CONTIGUOUS and/or HL_MEM_SHARED.
 *
 * Return: 0; -EINVAL for a zero size or an unsupported page size; -ENOMEM
 * when DRAM or allocation slots run out.
 */
long hlr_mem_alloc(struct hlr_world *w, uint64_t *handle, uint64_t size,
		   uint64_t page_size, uint32_t flags)
{
	uint64_t fsz = w->cfg.page_size, dram = w->cfg.dram_pages * fsz;
	uint8_t frames[HLR_MAX_PAGES];
	unsigned int nframes, fpp, slot, i;
	bool contiguous;
	struct hlr_alloc *a;
	int rc;

	if (page_size == 0)
		page_size = fsz;
	if (!HLR_IS_POW2(page_size) || page_size < fsz ||
	    page_size > fsz * HLR_MAX_FRAMES_PER_PAGE)
		return -EINVAL;
	if (size == 0)
		return -EINVAL;
	/* Checked before rounding up, so the rounding cannot wrap. */
	if (size > dram)
		return -ENOMEM;
	size = (size + page_size - 1) & ~(page_size - 1);
	if (size > dram)
		return -ENOMEM;
	nframes = (unsigned int)(size / fsz);
	fpp = (unsigned int)(page_size / fsz);
	/* Without an MMU there is no translation to hide physical gaps. */
	contiguous = (flags & HL_MEM_CONTIGUOUS) || !w->cfg.mmu;

	for (slot = 0; slot < HLR_MAX_ALLOCS; slot++)
		if (!w->allocs[slot].used)
			break;
	if (slot == HLR_MAX_ALLOCS)
		return -ENOMEM;
	rc = hlr_pick_frames(frames, w, nframes, fpp, contiguous);
	if (rc)
		return rc;

	a = &w->allocs[slot];
	a->used = 1;
	a->shared = (flags & HL_MEM_SHARED) ? 1 : 0;
	a->contiguous = contiguous ? 1 : 0;
	a->nframes = (uint8_t)nframes;
	a->frames_per_page = (uint8_t)fpp;
	a->ctx_gen = w->ctx.gen;
	memcpy(a->frames, frames, nframes);
	for (i = 0; i < nframes; i++) {
		struct hlr_page *p = &w->pages[frames[i]];

		p->alloc = (uint8_t)slot;
		p->owner_gen = w->ctx.gen;
		p->owner_tenant = w->ctx.tenant;
		/* The new owner writes its data: the contents change hands. */
		p->tag_gen = w->ctx.gen;
		p->tag_tenant = w->ctx.tenant;
	}
	*handle = slot + 1;
	return 0;
}

/**
 * hlr_mem_free() - HL_MEM_OP_FREE
 * @w: the world.
 * @handle: in.free.handle.
 *
 * Return: 0; -EINVAL for an unknown handle or a mapped allocation.
 */
long hlr_mem_free(struct hlr_world *w, uint64_t handle)
{
	int idx = hlr_alloc_lookup(w, handle);

	if (idx < 0)
		return idx;
	if (w->allocs[idx].map_cnt)
		return -EINVAL;
	hlr_alloc_release(w, (unsigned int)idx);
	return 0;
}

/**
 * hlr_va_overlaps() - does [start, start + size) meet a live mapping?
 * @w: the world.
 * @start: first address.
 * @size: length in bytes (no wrap).
 * @end_of_hit: receives the end of the first mapping met.
 */
static bool hlr_va_overlaps(const struct hlr_world *w, uint64_t start,
			    uint64_t size, uint64_t *end_of_hit)
{
	unsigned int i;

	for (i = 0; i < HLR_MAX_VA_MAPS; i++) {
		const struct hlr_va_map *m = &w->va_maps[i];

		if (!m->used || m->kind == HLR_VA_PHYS)
			continue;
		if (start < m->start + m->size && m->start < start + size) {
			*end_of_hit = m->start + m->size;
			return true;
		}
	}
	return false;
}

/**
 * hlr_va_find() - choose a device virtual range
 * @out: receives the start address.
 * @w: the world.
 * @base: start of the window.
 * @wsize: size of the window.
 * @size: bytes needed, a multiple of @align.
 * @align: alignment, a power of two.
 * @hint: userspace's hint, 0 for none.
 * @force: HL_MEM_FORCE_HINT.
 *
 * Return: 0; -EINVAL when @force is set and @hint cannot be used; -ENOMEM
 * when the window is full.
 */
static int hlr_va_find(uint64_t *out, const struct hlr_world *w,
		       uint64_t base, uint64_t wsize, uint64_t size,
		       uint64_t align, uint64_t hint, bool force)
{
	uint64_t cand, hit;

	if (size > wsize)
		return force ? -EINVAL : -ENOMEM;
	if (hint && HLR_IS_ALIGNED(hint, align) && hint >= base &&
	    hint - base <= wsize - size &&
	    !hlr_va_overlaps(w, hint, size, &hit)) {
		*out = hint;
		return 0;
	}
	if (force)
		return -EINVAL;

	cand = base;
	while (cand - base <= wsize - size) {
		if (!hlr_va_overlaps(w, cand, size, &hit)) {
			*out = cand;
			return 0;
		}
		cand = (hit + align - 1) & ~(align - 1);
	}
	return -ENOMEM;
}

/**
 * hlr_va_slot() - a free device mapping slot
 * @w: the world.
 *
 * Return: the slot, or -ENOMEM.
 */
static int hlr_va_slot(const struct hlr_world *w)
{
	int i;

	for (i = 0; i < HLR_MAX_VA_MAPS; i++)
		if (!w->va_maps[i].used)
			return i;
	return -ENOMEM;
}

/**
 * hlr_map_host() - HL_MEM_OP_MAP with HL_MEM_USERPTR
 * @w: the world.
 * @addr: receives the device address of the first byte.
 * @host: in.map_host.host_virt_addr.
 * @hint: in.map_host.hint_addr.
 * @size: in.map_host.mem_size.
 * @force: HL_MEM_FORCE_HINT.
 *
 * Return: 0; -EINVAL for an empty or wrapping range or an unusable forced
 * hint; -ENOMEM when the host window or the mapping slots are full.
 */
static long hlr_map_host(struct hlr_world *w, uint64_t *addr, uint64_t host,
			 uint64_t hint, uint64_t size, bool force)
{
	uint64_t first, last, len, start;
	struct hlr_va_map *m;
	int slot, rc;

	if (size == 0 || host + size < host)
		return -EINVAL;
	/* The pages the buffer touches, computed without wrapping. */
	first = host & ~(HLR_HOST_PAGE_SIZE - 1);
	last = (host + size - 1) & ~(HLR_HOST_PAGE_SIZE - 1);
	if (last - first >= HLR_HOST_VA_SIZE)
		return -ENOMEM;
	len = last - first + HLR_HOST_PAGE_SIZE;

	slot = hlr_va_slot(w);
	if (slot < 0)
		return slot;
	rc = hlr_va_find(&start, w, HLR_HOST_VA_BASE, HLR_HOST_VA_SIZE, len,
			 HLR_HOST_PAGE_SIZE, hint, force);
	if (rc)
		return rc;

	m = &w->va_maps[slot];
	m->used = 1;
	m->kind = HLR_VA_HOST;
	m->alloc = HLR_NONE;
	m->ctx_gen = w->ctx.gen;
	m->start = start;
	m->size = len;
	m->addr = start + (host - first);
	*addr = m->addr;
	return 0;
}

/**
 * hlr_map_device() - HL_MEM_OP_MAP of a DRAM allocation
 * @w: the world.
 * @addr: receives the device address.
 * @hint: in.map_device.hint_addr.
 * @handle: in.map_device.handle.
 * @force: HL_MEM_FORCE_HINT.
 *
 * With an MMU the allocation gets a virtual range aligned to its page size.
 * Without one the "mapping" is the allocation's physical address, which a
 * forced hint must then equal.
 *
 * Return: 0; -EINVAL for a bad handle or an unusable forced hint; -ENOMEM
 * when address space or mapping slots run out.
 */
static long hlr_map_device(struct hlr_world *w, uint64_t *addr, uint64_t hint,
			   uint64_t handle, bool force)
{
	uint64_t fsz = w->cfg.page_size, start, size, align;
	const struct hlr_alloc *a;
	struct hlr_va_map *m;
	int idx, slot, rc;

	idx = hlr_alloc_lookup(w, handle);
	if (idx < 0)
		return idx;
	a = &w->allocs[idx];
	size = a->nframes * fsz;
	align = a->frames_per_page * fsz;

	slot = hlr_va_slot(w);
	if (slot < 0)
		return slot;
	if (w->cfg.mmu) {
		rc = hlr_va_find(&start, w, HLR_DRAM_VA_BASE,
				 w->cfg.dram_pages * fsz * HLR_DRAM_VA_FACTOR,
				 size, align, hint, force);
		if (rc)
			return rc;
	} else {
		start = hlr_frame_addr(w, a->frames[0]);
		if (force && hint != start)
			return -EINVAL;
	}

	m = &w->va_maps[slot];
	m->used = 1;
	m->kind = w->cfg.mmu ? HLR_VA_DRAM : HLR_VA_PHYS;
	m->alloc = (uint8_t)idx;
	m->ctx_gen = w->ctx.gen;
	m->start = start;
	m->size = size;
	m->addr = start;
	w->allocs[idx].map_cnt++;
	*addr = start;
	return 0;
}

/**
 * hlr_mem_map() - HL_MEM_OP_MAP
 * @w: the world.
 * @addr: receives out.device_virt_addr.
 * @ops: the three 64-bit words of the in union.
 * @flags: in.flags (already checked against the accepted set).
 *
 * Return: as hlr_map_host() or hlr_map_device().
 */
long hlr_mem_map(struct hlr_world *w, uint64_t *addr, const uint64_t *ops,
		 uint32_t flags)
{
	bool force = flags & HL_MEM_FORCE_HINT;

	/* HL_MEM_PREFETCH only warms the MMU cache; nothing to model. */
	if (flags & HL_MEM_USERPTR)
		return hlr_map_host(w, addr, ops[0], ops[1], ops[2], force);
	return hlr_map_device(w, addr, ops[0], ops[1], force);
}

/**
 * hlr_mem_unmap() - HL_MEM_OP_UNMAP
 * @w: the world.
 * @addr: in.unmap.device_virt_addr, exactly as HL_MEM_OP_MAP returned it.
 *
 * Return: 0, or -EINVAL when no mapping of the context starts there.
 */
long hlr_mem_unmap(struct hlr_world *w, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < HLR_MAX_VA_MAPS; i++) {
		struct hlr_va_map *m = &w->va_maps[i];

		if (!m->used || m->addr != addr || m->ctx_gen != w->ctx.gen)
			continue;
		if (m->alloc != HLR_NONE)
			w->allocs[m->alloc].map_cnt--;
		memset(m, 0, sizeof(*m));
		return 0;
	}
	return -EINVAL;
}

/**
 * hlr_mem_map_block() - HL_MEM_OP_MAP_BLOCK
 * @handle: receives out.block_handle, the mmap() offset.
 * @size: receives out.block_size.
 * @addr: in.map_block.block_addr.
 *
 * Only the %HLR_NR_CFG_BLOCKS user blocks, named by their base address, may
 * be mapped. Nothing in the world changes.
 *
 * Return: 0, or -EINVAL for any other address.
 */
long hlr_mem_map_block(uint64_t *handle, uint32_t *size, uint64_t addr)
{
	uint64_t idx;

	if (addr < HLR_CFG_BLOCK_BASE ||
	    !HLR_IS_ALIGNED(addr - HLR_CFG_BLOCK_BASE, HLR_CFG_BLOCK_SIZE))
		return -EINVAL;
	idx = (addr - HLR_CFG_BLOCK_BASE) / HLR_CFG_BLOCK_SIZE;
	if (idx >= HLR_NR_CFG_BLOCKS)
		return -EINVAL;
	*handle = (HLR_MMAP_TYPE_BLOCK << HLR_MMAP_TYPE_SHIFT) | (idx << 12);
	*size = HLR_CFG_BLOCK_SIZE;
	return 0;
}

/**
 * hlr_mem_ts_alloc() - HL_MEM_OP_TS_ALLOC
 * @w: the world.
 * @handle: receives out.handle, the mmap() offset of the buffer.
 * @n: in.num_of_elements.
 *
 * Return: 0; -EINVAL for 0 or more than %HLR_TS_MAX_ELEMENTS records;
 * -ENOMEM when the context has %HLR_MAX_TS_BUFS buffers already.
 */
long hlr_mem_ts_alloc(struct hlr_world *w, uint64_t *handle, uint32_t n)
{
	unsigned int i;

	if (n == 0 || n > HLR_TS_MAX_ELEMENTS)
		return -EINVAL;
	for (i = 0; i < HLR_MAX_TS_BUFS; i++) {
		if (w->ctx.ts_used & (1U << i))
			continue;
		w->ctx.ts_used |= (uint8_t)(1U << i);
		*handle = (HLR_MMAP_TYPE_TS << HLR_MMAP_TYPE_SHIFT) |
			  ((uint64_t)i << 12);
		return 0;
	}
	return -ENOMEM;
}
