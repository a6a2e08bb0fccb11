/*
 * hlr_world.c - the world value: configuration, initialisation, hashing
 *
 * struct hlr_world is the whole state of the model: the configuration, the
 * one compute context, DRAM frames, allocations, device virtual mappings,
 * dma-bufs, per-tenant descriptor tables, attachments and mappings. Slots
 * are released by zeroing them, so the bytes of a world are its canonical
 * form; hashing and comparison still zero unused slots first, so that a
 * world edited by hand compares as the model would have built it.
 */
#include "hlr_internal.h"

/* The world has no implicit padding: every byte is a named field. */
_Static_assert(sizeof(struct hlr_importer_config) == 24, "importer padding");
_Static_assert(sizeof(struct hlr_config) == 24 + 24 * HLR_MAX_IMPORTERS,
	       "config padding");
_Static_assert(sizeof(struct hlr_page) == 8, "page padding");
_Static_assert(sizeof(struct hlr_alloc) == 16 + HLR_MAX_PAGES, "alloc padding");
_Static_assert(sizeof(struct hlr_va_map) == 32, "va map padding");
_Static_assert(sizeof(struct hlr_ctx) == 8, "ctx padding");
_Static_assert(sizeof(struct hlr_dmabuf) == 24 + HLR_MAX_PAGES,
	       "dmabuf padding");
_Static_assert(sizeof(struct hlr_fd) == 4, "fd padding");
_Static_assert(sizeof(struct hlr_attachment) == 8, "attachment padding");
_Static_assert(sizeof(struct hlr_mapping) == 4, "mapping padding");
_Static_assert(sizeof(struct hlr_world) ==
	       sizeof(struct hlr_config) + 8 + sizeof(struct hlr_ctx) +
	       HLR_MAX_PAGES * sizeof(struct hlr_page) +
	       HLR_MAX_ALLOCS * sizeof(struct hlr_alloc) +
	       HLR_MAX_VA_MAPS * sizeof(struct hlr_va_map) +
	       HLR_MAX_DMABUFS * sizeof(struct hlr_dmabuf) +
	       HLR_MAX_TENANTS * HLR_MAX_FDS * sizeof(struct hlr_fd) +
	       HLR_MAX_ATTACHMENTS * sizeof(struct hlr_attachment) +
	       HLR_MAX_MAPPINGS * sizeof(struct hlr_mapping),
	       "world padding");
_Static_assert(sizeof(struct hlr_world) <= 2048, "world must stay small");

/* Slot indices are stored in uint8_t next to HLR_NONE. */
_Static_assert(HLR_MAX_PAGES < HLR_NONE && HLR_MAX_ALLOCS < HLR_NONE &&
	       HLR_MAX_DMABUFS < HLR_NONE && HLR_MAX_IMPORTERS < HLR_NONE &&
	       HLR_MAX_ATTACHMENTS < HLR_NONE && HLR_MAX_TENANTS < HLR_NONE,
	       "slot indices must fit next to HLR_NONE");

void hlr_config_default(struct hlr_config *cfg)
{
	unsigned int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->version = HLR_CONFIG_VERSION;
	cfg->policy = HLR_POLICY_OWNER_REF;
	cfg->mmu = 1;
	cfg->dram_pages = 8;
	cfg->page_size = 0x10000;
	cfg->nr_importers = 2;
	for (i = 0; i < cfg->nr_importers; i++) {
		cfg->importers[i].max_seg_size = 0x10000;
		cfg->importers[i].p2p = 1;
	}
	cfg->importers[1].dynamic = 1;
}

/**
 * hlr_config_valid() - check a configuration
 * @cfg: the configuration.
 *
 * Return: true when every field is in range and every pad byte is zero.
 */
static bool hlr_config_valid(const struct hlr_config *cfg)
{
	unsigned int i, j;

	if (cfg->version != HLR_CONFIG_VERSION)
		return false;
	if (cfg->policy > HLR_POLICY_REVOKE || cfg->mmu > 1)
		return false;
	if (cfg->dram_pages == 0 || cfg->dram_pages > HLR_MAX_PAGES)
		return false;
	if (!HLR_IS_POW2(cfg->page_size) ||
	    cfg->page_size < HLR_HOST_PAGE_SIZE ||
	    cfg->page_size > (1ULL << 30))
		return false;
	if (cfg->nr_importers > HLR_MAX_IMPORTERS)
		return false;
	for (i = 0; i < sizeof(cfg->pad); i++)
		if (cfg->pad[i])
			return false;
	for (i = 0; i < HLR_MAX_IMPORTERS; i++) {
		const struct hlr_importer_config *imp = &cfg->importers[i];

		if (imp->p2p > 1 || imp->dynamic > 1)
			return false;
		for (j = 0; j < sizeof(imp->pad); j++)
			if (imp->pad[j])
				return false;
	}
	return true;
}

int hlr_world_init(struct hlr_world *w, const struct hlr_config *cfg)
{
	unsigned int i;

	memset(w, 0, sizeof(*w));
	if (!hlr_config_valid(cfg))
		return -EINVAL;

	w->cfg = *cfg;
	/* Importers past nr_importers do not exist; keep them canonical. */
	for (i = cfg->nr_importers; i < HLR_MAX_IMPORTERS; i++)
		memset(&w->cfg.importers[i], 0, sizeof(w->cfg.importers[i]));
	w->ctx.tenant = HLR_NONE;
	for (i = 0; i < HLR_MAX_PAGES; i++) {
		w->pages[i].owner_tenant = HLR_NONE;
		w->pages[i].alloc = HLR_NONE;
		w->pages[i].tag_tenant = HLR_NONE;
	}
	return 0;
}

size_t hlr_world_size(void)
{
	return sizeof(struct hlr_world);
}

/**
 * hlr_next_gen() - generation for a new compute context
 * @w: the world.
 *
 * Generations start at 1 and never take the value 0, which means "free".
 */
uint16_t hlr_next_gen(struct hlr_world *w)
{
	w->last_gen++;
	if (w->last_gen == 0)
		w->last_gen = 1;
	return w->last_gen;
}

bool hlr_tenant_valid(int tenant)
{
	return tenant >= 0 && tenant < HLR_MAX_TENANTS;
}

/**
 * hlr_frame_addr() - physical DRAM address of a frame
 * @w: the world.
 * @frame: frame index.
 */
uint64_t hlr_frame_addr(const struct hlr_world *w, unsigned int frame)
{
	return HLR_DRAM_BASE + (uint64_t)frame * w->cfg.page_size;
}

/**
 * hlr_canonicalize() - zero every slot that is not in use
 * @w: a copy of a world, changed in place.
 */
static void hlr_canonicalize(struct hlr_world *w)
{
	unsigned int i, t;

	for (i = w->cfg.nr_importers; i < HLR_MAX_IMPORTERS; i++)
		memset(&w->cfg.importers[i], 0, sizeof(w->cfg.importers[i]));
	memset(w->pad, 0, sizeof(w->pad));
	if (!w->ctx.live) {
		memset(&w->ctx, 0, sizeof(w->ctx));
		w->ctx.tenant = HLR_NONE;
	}
	for (i = 0; i < HLR_MAX_PAGES; i++) {
		if (i >= w->cfg.dram_pages) {
			memset(&w->pages[i], 0, sizeof(w->pages[i]));
			w->pages[i].owner_tenant = HLR_NONE;
			w->pages[i].alloc = HLR_NONE;
			w->pages[i].tag_tenant = HLR_NONE;
		}
		w->pages[i].pad = 0;
	}
	for (i = 0; i < HLR_MAX_ALLOCS; i++)
		if (!w->allocs[i].used)
			memset(&w->allocs[i], 0, sizeof(w->allocs[i]));
	for (i = 0; i < HLR_MAX_VA_MAPS; i++)
		if (!w->va_maps[i].used)
			memset(&w->va_maps[i], 0, sizeof(w->va_maps[i]));
	for (i = 0; i < HLR_MAX_DMABUFS; i++)
		if (!w->dmabufs[i].used)
			memset(&w->dmabufs[i], 0, sizeof(w->dmabufs[i]));
	for (t = 0; t < HLR_MAX_TENANTS; t++)
		for (i = 0; i < HLR_MAX_FDS; i++)
			if (w->fds[t][i].kind == HLR_FD_NONE)
				memset(&w->fds[t][i], 0, sizeof(w->fds[t][i]));
	for (i = 0; i < HLR_MAX_ATTACHMENTS; i++)
		if (!w->attachments[i].used)
			memset(&w->attachments[i], 0,
			       sizeof(w->attachments[i]));
	for (i = 0; i < HLR_MAX_MAPPINGS; i++)
		if (!w->mappings[i].used)
			memset(&w->mappings[i], 0, sizeof(w->mappings[i]));
}

uint64_t hlr_world_hash(const struct hlr_world *w)
{
	struct hlr_world c = *w;
	const unsigned char *p = (const unsigned char *)&c;
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a offset basis */
	size_t i;

	hlr_canonicalize(&c);
	for (i = 0; i < sizeof(c); i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;		/* FNV-1a prime */
	}
	/* Final avalanche so nearby worlds spread over hash buckets. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

bool hlr_world_equal(const struct hlr_world *a, const struct hlr_world *b)
{
	struct hlr_world ca = *a, cb = *b;

	hlr_canonicalize(&ca);
	hlr_canonicalize(&cb);
	return memcmp(&ca, &cb, sizeof(ca)) == 0;
}
