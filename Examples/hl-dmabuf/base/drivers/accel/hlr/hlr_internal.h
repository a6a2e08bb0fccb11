/*
 * hlr_internal.h - shared helpers of the reference driver (not public)
 *
 * A small kernel-ish shim: errno values, alignment and overflow helpers,
 * and the functions one file of the driver offers another.
 */
#ifndef HLR_INTERNAL_H
#define HLR_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hlr.h"

#define HLR_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define HLR_IS_POW2(x)		((x) != 0 && ((x) & ((x) - 1)) == 0)
#define HLR_IS_ALIGNED(x, a)	(((x) & ((uint64_t)(a) - 1)) == 0)

/* Kinds of device virtual mappings (struct hlr_va_map.kind). */
enum hlr_va_kind {
	HLR_VA_NONE = 0,
	HLR_VA_DRAM = 1,	/* device DRAM through the device MMU */
	HLR_VA_PHYS = 2,	/* device DRAM by physical address (no MMU) */
	HLR_VA_HOST = 3,	/* host memory (HL_MEM_USERPTR) */
};

/*
 * Debug builds (HLR_DEBUG, set by Package.swift for debug and by the C
 * tests) check the bookkeeping after every entry point that changes the
 * world, the way swift-collections checks its invariants.
 */
#ifdef HLR_DEBUG
void hlr_debug_check(const struct hlr_world *w, const char *where);
#define HLR_DEBUG_CHECK(w)	hlr_debug_check((w), __func__)
#else
#define HLR_DEBUG_CHECK(w)	do { } while (0)
#endif

/* hlr_world.c */
uint16_t hlr_next_gen(struct hlr_world *w);
bool hlr_tenant_valid(int tenant);
uint64_t hlr_frame_addr(const struct hlr_world *w, unsigned int frame);

/* hlr_file.c: descriptor tables */
struct hlr_fd *hlr_fd_get(struct hlr_world *w, int tenant, int fd);
const struct hlr_fd *hlr_fd_peek(const struct hlr_world *w, int tenant,
				 int fd);
int hlr_fd_reserve(const struct hlr_world *w, int tenant);
void hlr_fd_install(struct hlr_world *w, int tenant, int fd, int kind,
		    unsigned int obj, bool cloexec);

/* hlr_mem.c: contexts and device memory */
void hlr_ctx_get(struct hlr_world *w);
void hlr_ctx_put(struct hlr_world *w);
int hlr_alloc_lookup(const struct hlr_world *w, uint64_t handle);
long hlr_mem_alloc(struct hlr_world *w, uint64_t *handle, uint64_t size,
		   uint64_t page_size, uint32_t flags);
long hlr_mem_free(struct hlr_world *w, uint64_t handle);
long hlr_mem_map(struct hlr_world *w, uint64_t *addr, const uint64_t *ops,
		 uint32_t flags);
long hlr_mem_unmap(struct hlr_world *w, uint64_t addr);
long hlr_mem_map_block(uint64_t *handle, uint32_t *size, uint64_t addr);
long hlr_mem_ts_alloc(struct hlr_world *w, uint64_t *handle, uint32_t n);

/* hlr_ioctl.c: the opcodes dispatched, indexed by value */
#define HLR_NR_MEM_OPS	7
extern const struct hlr_named_value hlr_mem_opcodes[HLR_NR_MEM_OPS];

#endif /* HLR_INTERNAL_H */
