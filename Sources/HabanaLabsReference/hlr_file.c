/*
 * hlr_file.c - descriptor tables, open and close
 *
 * Each tenant (process) has a small descriptor table. An entry names either
 * the compute device file or a dma-buf. Opening the device creates the one
 * compute context; closing a descriptor drops the reference it held.
 *
 * Installing a descriptor is split like get_unused_fd_flags() and
 * fd_install(): hlr_fd_reserve() only finds a free number, and
 * hlr_fd_install() publishes it. Callers reserve first, finish everything
 * that can fail, and install last (D13), so a descriptor never names a
 * half-built object.
 */
#include "hlr_internal.h"

/**
 * hlr_fd_peek() - look up an open descriptor
 * @w: the world.
 * @tenant: owner of the table.
 * @fd: the descriptor.
 *
 * Return: the entry, or NULL when @tenant or @fd is invalid or not open.
 */
const struct hlr_fd *hlr_fd_peek(const struct hlr_world *w, int tenant,
				 int fd)
{
	if (!hlr_tenant_valid(tenant) || fd < 0 || fd >= HLR_MAX_FDS)
		return NULL;
	if (w->fds[tenant][fd].kind == HLR_FD_NONE)
		return NULL;
	return &w->fds[tenant][fd];
}

/* hlr_fd_get() - as hlr_fd_peek(), for a caller that changes the entry. */
struct hlr_fd *hlr_fd_get(struct hlr_world *w, int tenant, int fd)
{
	if (!hlr_fd_peek(w, tenant, fd))
		return NULL;
	return &w->fds[tenant][fd];
}

/**
 * hlr_fd_reserve() - find the lowest free descriptor number
 * @w: the world.
 * @tenant: owner of the table (valid).
 *
 * Return: the number, or -EMFILE when the table is full. Nothing changes.
 */
int hlr_fd_reserve(const struct hlr_world *w, int tenant)
{
	int fd;

	for (fd = 0; fd < HLR_MAX_FDS; fd++)
		if (w->fds[tenant][fd].kind == HLR_FD_NONE)
			return fd;
	return -EMFILE;
}

/**
 * hlr_fd_install() - publish a reserved descriptor
 * @w: the world.
 * @tenant: owner of the table.
 * @fd: a number returned by hlr_fd_reserve().
 * @kind: an &enum hlr_fd_kind value.
 * @obj: the dma-buf slot for %HLR_FD_DMABUF, else 0.
 * @cloexec: close-on-exec.
 *
 * The reference the descriptor holds must already be taken. After this
 * call the caller must not touch the object again: another thread could
 * close the descriptor at once.
 */
void hlr_fd_install(struct hlr_world *w, int tenant, int fd, int kind,
		    unsigned int obj, bool cloexec)
{
	struct hlr_fd *f = &w->fds[tenant][fd];

	f->kind = (uint8_t)kind;
	f->obj = (uint8_t)obj;
	f->cloexec = cloexec ? 1 : 0;
	f->pad = 0;
}

int hlr_open(struct hlr_world *w, int tenant)
{
	unsigned int i;
	int fd;

	if (!hlr_tenant_valid(tenant))
		return -EINVAL;
	/* One compute context at a time, whoever holds it (D17). */
	if (w->ctx.live)
		return -EBUSY;
	fd = hlr_fd_reserve(w, tenant);
	if (fd < 0)
		return fd;

	w->ctx.live = 1;
	w->ctx.tenant = (uint8_t)tenant;
	w->ctx.gen = hlr_next_gen(w);
	w->ctx.refs = 1;	/* the device file's reference */
	w->ctx.ts_used = 0;

	/*
	 * Without an MMU the context uses DRAM by physical address, so it owns
	 * all of it for as long as it lives.
	 */
	if (!w->cfg.mmu) {
		for (i = 0; i < w->cfg.dram_pages; i++) {
			struct hlr_page *p = &w->pages[i];

			p->owner_gen = w->ctx.gen;
			p->owner_tenant = (uint8_t)tenant;
			/* The device hands the context cleared memory. */
			p->tag_gen = w->ctx.gen;
			p->tag_tenant = (uint8_t)tenant;
		}
	}

	hlr_fd_install(w, tenant, fd, HLR_FD_DEVICE, 0, false);
	HLR_DEBUG_CHECK(w);
	return fd;
}

int hlr_close(struct hlr_world *w, int tenant, int fd)
{
	struct hlr_fd *f = hlr_fd_get(w, tenant, fd);
	struct hlr_fd old;

	if (!f)
		return -EBADF;
	old = *f;
	memset(f, 0, sizeof(*f));

	if (old.kind == HLR_FD_DEVICE)
		hlr_ctx_put(w);
	else
		hlr_dmabuf_put(w, old.obj);
	HLR_DEBUG_CHECK(w);
	return 0;
}

int hlr_dup(struct hlr_world *w, int tenant, int fd, int to_tenant)
{
	const struct hlr_fd *f = hlr_fd_peek(w, tenant, fd);
	int nfd;

	if (!f)
		return -EBADF;
	if (!hlr_tenant_valid(to_tenant))
		return -EINVAL;
	nfd = hlr_fd_reserve(w, to_tenant);
	if (nfd < 0)
		return nfd;
	if (f->kind == HLR_FD_DEVICE)
		hlr_ctx_get(w);
	else
		hlr_dmabuf_get(w, f->obj);
	hlr_fd_install(w, to_tenant, nfd, f->kind, f->obj, false);
	HLR_DEBUG_CHECK(w);
	return nfd;
}

int hlr_fd_query(struct hlr_fd_info *info, const struct hlr_world *w,
		 int tenant, int fd)
{
	const struct hlr_fd *f;

	memset(info, 0, sizeof(*info));
	info->dmabuf = HLR_NONE;
	f = hlr_fd_peek(w, tenant, fd);
	if (!f)
		return -EBADF;
	info->kind = f->kind;
	info->cloexec = f->cloexec;
	if (f->kind == HLR_FD_DMABUF) {
		const struct hlr_dmabuf *b = &w->dmabufs[f->obj];

		info->dmabuf = f->obj;
		info->accmode = b->accmode;
		info->size = b->size;
	}
	return 0;
}
