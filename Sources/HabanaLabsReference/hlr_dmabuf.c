/*
 * hlr_dmabuf.c - a small dma-buf core and the simulated importers
 *
 * A dma-buf is a file: descriptors and attachments hold references on it
 * (an attachment stands for the importer's dma_buf_get()), and the exporter's
 * release op runs when the last one goes. Importers attach, map (each call
 * builds a new table, D4), unmap and detach. A dynamic importer is
 * revocable: the exporter may invalidate its mappings (move_notify), after
 * which its DMA reaches nothing and it can only unmap. A pinned importer
 * (RDMA-like) is never invalidated.
 */
#include "hlr_internal.h"

/**
 * hlr_dmabuf_slot() - a free dma-buf slot
 * @w: the world.
 *
 * Return: the slot, or -ENOMEM.
 */
int hlr_dmabuf_slot(const struct hlr_world *w)
{
	int i;

	for (i = 0; i < HLR_MAX_DMABUFS; i++)
		if (!w->dmabufs[i].used)
			return i;
	return -ENOMEM;
}

void hlr_dmabuf_get(struct hlr_world *w, unsigned int buf)
{
	w->dmabufs[buf].refs++;
}

/**
 * hlr_dmabuf_put() - drop a file reference
 * @w: the world.
 * @buf: the dma-buf slot.
 *
 * The last reference runs the exporter's release op and frees the slot.
 */
void hlr_dmabuf_put(struct hlr_world *w, unsigned int buf)
{
	if (--w->dmabufs[buf].refs)
		return;
	hlr_exporter_ops.release(w, buf);
	memset(&w->dmabufs[buf], 0, sizeof(w->dmabufs[buf]));
}

/**
 * hlr_dmabuf_invalidate() - move_notify every importer of a buffer
 * @w: the world.
 * @buf: the dma-buf slot.
 *
 * Models dma_buf_invalidate_mappings() followed by the wait for fences:
 * once it returns, no mapping of @buf reaches memory any more. The
 * importers still have to unmap their tables.
 */
void hlr_dmabuf_invalidate(struct hlr_world *w, unsigned int buf)
{
	unsigned int a, m;

	for (a = 0; a < HLR_MAX_ATTACHMENTS; a++) {
		struct hlr_attachment *att = &w->attachments[a];

		if (!att->used || att->dmabuf != buf)
			continue;
		att->invalidated = 1;
		for (m = 0; m < HLR_MAX_MAPPINGS; m++)
			if (w->mappings[m].used &&
			    w->mappings[m].attachment == a)
				w->mappings[m].invalidated = 1;
	}
}

/**
 * hlr_dmabuf_from_fd() - the dma-buf behind a descriptor
 * @w: the world.
 * @tenant: owner of the table.
 * @fd: the descriptor.
 *
 * Return: the slot; -EBADF when @fd is not open; -EINVAL when it is not a
 * dma-buf (what dma_buf_get() says about other files).
 */
static int hlr_dmabuf_from_fd(const struct hlr_world *w, int tenant, int fd)
{
	const struct hlr_fd *f = hlr_fd_peek(w, tenant, fd);

	if (!f)
		return -EBADF;
	if (f->kind != HLR_FD_DMABUF)
		return -EINVAL;
	return f->obj;
}

int hlr_dmabuf_mmap(struct hlr_world *w, int tenant, int fd)
{
	int buf = hlr_dmabuf_from_fd(w, tenant, fd);

	if (buf < 0)
		return -EBADF;
	if (!hlr_exporter_ops.mmap)
		return -EINVAL;
	return hlr_exporter_ops.mmap(w, (unsigned int)buf);
}

int hlr_dmabuf_vmap(struct hlr_world *w, int tenant, int fd)
{
	int buf = hlr_dmabuf_from_fd(w, tenant, fd);

	if (buf < 0)
		return -EBADF;
	if (!hlr_exporter_ops.vmap)
		return -EINVAL;
	return hlr_exporter_ops.vmap(w, (unsigned int)buf);
}

/**
 * hlr_attachment_get() - a live attachment by index
 * @w: the world.
 * @attachment: the index.
 *
 * Return: the attachment, or NULL.
 */
static const struct hlr_attachment *
hlr_attachment_get(const struct hlr_world *w, int attachment)
{
	if (attachment < 0 || attachment >= HLR_MAX_ATTACHMENTS)
		return NULL;
	if (!w->attachments[attachment].used)
		return NULL;
	return &w->attachments[attachment];
}

int hlr_attach(struct hlr_world *w, int importer, int tenant, int fd)
{
	struct hlr_attachment *att;
	int buf, slot, rc;

	if (importer < 0 || importer >= w->cfg.nr_importers)
		return -EINVAL;
	buf = hlr_dmabuf_from_fd(w, tenant, fd);
	if (buf < 0)
		return buf;
	for (slot = 0; slot < HLR_MAX_ATTACHMENTS; slot++)
		if (!w->attachments[slot].used)
			break;
	if (slot == HLR_MAX_ATTACHMENTS)
		return -ENOMEM;
	rc = hlr_exporter_ops.attach(w, (unsigned int)buf,
				     (unsigned int)importer);
	if (rc)
		return rc;

	att = &w->attachments[slot];
	att->used = 1;
	att->importer = (uint8_t)importer;
	att->dmabuf = (uint8_t)buf;
	att->peer2peer = w->cfg.importers[importer].p2p;
	att->dynamic = w->cfg.importers[importer].dynamic;
	att->invalidated = 0;
	att->nmaps = 0;
	hlr_dmabuf_get(w, (unsigned int)buf);
	HLR_DEBUG_CHECK(w);
	return slot;
}

int hlr_detach(struct hlr_world *w, int attachment)
{
	const struct hlr_attachment *att = hlr_attachment_get(w, attachment);
	unsigned int buf;

	if (!att)
		return -EINVAL;
	if (att->nmaps)
		return -EBUSY;
	buf = att->dmabuf;
	memset(&w->attachments[attachment], 0,
	       sizeof(w->attachments[attachment]));
	hlr_dmabuf_put(w, buf);
	HLR_DEBUG_CHECK(w);
	return 0;
}

int hlr_map_attachment(struct hlr_sg_table *table, struct hlr_world *w,
		       int attachment)
{
	const struct hlr_attachment *att = hlr_attachment_get(w, attachment);
	struct hlr_mapping *m;
	int slot, rc;

	memset(table, 0, sizeof(*table));
	if (!att)
		return -EINVAL;
	if (w->dmabufs[att->dmabuf].revoked)
		return -ENODEV;
	for (slot = 0; slot < HLR_MAX_MAPPINGS; slot++)
		if (!w->mappings[slot].used)
			break;
	if (slot == HLR_MAX_MAPPINGS)
		return -ENOMEM;
	rc = hlr_exporter_ops.map(table, w, att->dmabuf, att->importer,
				  att->peer2peer);
	if (rc) {
		memset(table, 0, sizeof(*table));
		return rc;
	}

	/* The table is the caller's; the world only records that it exists. */
	m = &w->mappings[slot];
	m->used = 1;
	m->attachment = (uint8_t)attachment;
	m->invalidated = 0;
	m->nents = (uint8_t)table->nents;
	table->id = (uint32_t)slot + 1;
	w->attachments[attachment].nmaps++;
	HLR_DEBUG_CHECK(w);
	return 0;
}

int hlr_unmap_attachment(struct hlr_world *w, int attachment,
			 const struct hlr_sg_table *table)
{
	const struct hlr_attachment *att = hlr_attachment_get(w, attachment);
	const struct hlr_mapping *m;

	if (!att || !table || table->id == 0 || table->id > HLR_MAX_MAPPINGS)
		return -EINVAL;
	m = &w->mappings[table->id - 1];
	if (!m->used || m->attachment != attachment ||
	    m->nents != table->nents)
		return -EINVAL;
	memset(&w->mappings[table->id - 1], 0, sizeof(*m));
	w->attachments[attachment].nmaps--;
	HLR_DEBUG_CHECK(w);
	return 0;
}

int hlr_importer_access(struct hlr_access *out, const struct hlr_world *w,
			int attachment, uint64_t offset)
{
	const struct hlr_attachment *att = hlr_attachment_get(w, attachment);
	const struct hlr_dmabuf *b;
	const struct hlr_page *p;
	bool mapped = false, live = false;
	unsigned int i, frame;

	memset(out, 0, sizeof(*out));
	if (!att)
		return -EINVAL;
	b = &w->dmabufs[att->dmabuf];
	if (offset >= b->size)
		return -EINVAL;
	for (i = 0; i < HLR_MAX_MAPPINGS; i++) {
		const struct hlr_mapping *m = &w->mappings[i];

		if (!m->used || m->attachment != attachment)
			continue;
		mapped = true;
		if (!m->invalidated)
			live = true;
	}
	if (!mapped)
		return -ENXIO;
	if (!live)
		return -ENODEV;

	/* The frames recorded at export time, whatever they hold now. */
	frame = b->frames[offset / w->cfg.page_size];
	p = &w->pages[frame];
	out->frame = (int)frame;
	out->dram_addr = hlr_frame_addr(w, frame) + offset % w->cfg.page_size;
	out->owner_tenant = p->owner_tenant;
	out->owner_gen = p->owner_gen;
	out->tag_tenant = p->tag_tenant;
	out->tag_gen = p->tag_gen;
	out->exp_tenant = b->exp_tenant;
	out->exp_gen = b->exp_gen;
	out->foreign = p->owner_gen != b->exp_gen;
	return 0;
}
