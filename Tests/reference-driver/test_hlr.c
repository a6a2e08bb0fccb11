/*
 * test_hlr.c - tests of the reference driver (HabanaLabsReference)
 *
 * Built with gcc under AddressSanitizer and UBSan by run.sh, straight from
 * the target's sources. Arguments are built with the uAPI structs here;
 * the Swift side builds the same bytes from the parsed model.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uapi/misc/hl_memory.h"
#include "hlr.h"

static int failures;
static int checks;
static const char *current;

#define CHECK(cond) do {						\
	checks++;							\
	if (!(cond)) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: %s: check failed: %s\n",	\
			__FILE__, __LINE__, current, #cond);		\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	checks++;							\
	if (_a != _b) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: %s: %s == %lld, expected %s == %lld\n", \
			__FILE__, __LINE__, current, #a, _a, #b, _b);	\
	}								\
} while (0)

/* The world under test; static so that it is not on the small stack. */
static struct hlr_world W;

/* hlr_world_init() with the default config changed by the caller. */
static void setup(struct hlr_config *cfg)
{
	CHECK_EQ(hlr_world_init(&W, cfg), 0);
}

static void setup_policy(int policy, int mmu)
{
	struct hlr_config cfg;

	hlr_config_default(&cfg);
	cfg.policy = (uint32_t)policy;
	cfg.mmu = (uint8_t)mmu;
	setup(&cfg);
}

static long mem(int tenant, int fd, union hl_mem_args *a)
{
	return hlr_ioctl(&W, tenant, fd, HL_IOCTL_MEMORY, a, sizeof(*a));
}

static long do_alloc(int tenant, int fd, uint64_t size, uint64_t psz,
		     uint32_t flags, uint64_t *handle)
{
	union hl_mem_args a;
	long rc;

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_ALLOC;
	a.in.alloc.mem_size = size;
	a.in.alloc.page_size = psz;
	a.in.flags = flags;
	rc = mem(tenant, fd, &a);
	if (rc == 0 && handle)
		*handle = a.out.handle;
	return rc;
}

static long do_free(int tenant, int fd, uint64_t handle)
{
	union hl_mem_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_FREE;
	a.in.free.handle = handle;
	return mem(tenant, fd, &a);
}

static long do_map(int tenant, int fd, uint64_t handle, uint64_t hint,
		   uint32_t flags, uint64_t *va)
{
	union hl_mem_args a;
	long rc;

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_MAP;
	a.in.map_device.handle = handle;
	a.in.map_device.hint_addr = hint;
	a.in.flags = flags;
	rc = mem(tenant, fd, &a);
	if (rc == 0 && va)
		*va = a.out.device_virt_addr;
	return rc;
}

static long do_unmap(int tenant, int fd, uint64_t va)
{
	union hl_mem_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_UNMAP;
	a.in.unmap.device_virt_addr = va;
	return mem(tenant, fd, &a);
}

static long do_export(int tenant, int fd, uint64_t handle, uint64_t size,
		      uint32_t flags, int *out_fd)
{
	union hl_mem_args a;
	long rc;

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_EXPORT_DMABUF_FD;
	a.in.export_dmabuf_fd.handle = handle;
	a.in.export_dmabuf_fd.mem_size = size;
	a.in.flags = flags;
	rc = mem(tenant, fd, &a);
	if (rc == 0 && out_fd)
		*out_fd = a.out.fd;
	return rc;
}

/* Bytes [from, to) of an argument are all zero. */
static int zero_from(const union hl_mem_args *a, size_t from)
{
	const unsigned char *p = (const unsigned char *)a;
	size_t i;

	for (i = from; i < sizeof(*a); i++)
		if (p[i])
			return 0;
	return 1;
}

static int invariants(void)
{
	char why[256];
	int rc = hlr_check_invariants(&W, why, sizeof(why));

	if (rc)
		printf("    invariant %d: %s\n", rc, why);
	return rc;
}

/* ---- world ---- */

static void test_world_size_and_hash(void)
{
	struct hlr_world *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct hlr_config cfg;

	printf("    sizeof(struct hlr_world) = %zu\n", sizeof(struct hlr_world));
	CHECK(sizeof(struct hlr_world) <= 2048);
	CHECK_EQ(hlr_world_size(), sizeof(struct hlr_world));

	hlr_config_default(&cfg);
	CHECK_EQ(hlr_world_init(a, &cfg), 0);
	CHECK_EQ(hlr_world_init(b, &cfg), 0);
	CHECK(hlr_world_equal(a, b));
	CHECK_EQ(hlr_world_hash(a), hlr_world_hash(b));

	CHECK(hlr_open(a, 0) >= 0);
	CHECK(!hlr_world_equal(a, b));
	CHECK(hlr_world_hash(a) != hlr_world_hash(b));

	/* A memcpy is the same state; garbage in an unused slot is ignored. */
	memcpy(b, a, sizeof(*a));
	CHECK(hlr_world_equal(a, b));
	b->allocs[5].frames[3] = 7;
	b->mappings[2].nents = 9;
	b->dmabufs[3].size = 1;
	CHECK(hlr_world_equal(a, b));
	CHECK_EQ(hlr_world_hash(a), hlr_world_hash(b));
	free(a);
	free(b);
}

static void test_config_invalid(void)
{
	struct hlr_config cfg;

	hlr_config_default(&cfg);
	cfg.version = 2;
	CHECK_EQ(hlr_world_init(&W, &cfg), -EINVAL);
	hlr_config_default(&cfg);
	cfg.dram_pages = HLR_MAX_PAGES + 1;
	CHECK_EQ(hlr_world_init(&W, &cfg), -EINVAL);
	hlr_config_default(&cfg);
	cfg.page_size = 0x3000;
	CHECK_EQ(hlr_world_init(&W, &cfg), -EINVAL);
	hlr_config_default(&cfg);
	cfg.policy = 3;
	CHECK_EQ(hlr_world_init(&W, &cfg), -EINVAL);
	hlr_config_default(&cfg);
	cfg.pad[0] = 1;
	CHECK_EQ(hlr_world_init(&W, &cfg), -EINVAL);
}

static void test_tables(void)
{
	const struct hlr_named_value *v;
	size_t i, found = 0;

	CHECK_EQ(hlr_command_count(), 1);
	v = hlr_command_at(0);
	CHECK(v && strcmp(v->name, "HL_IOCTL_MEMORY") == 0);
	CHECK_EQ(v->value, 0xc0284805u);
	CHECK(hlr_command_at(1) == NULL);

	CHECK_EQ(hlr_opcode_count(), 7);
	for (i = 0; i < hlr_opcode_count(); i++)
		CHECK_EQ(hlr_opcode_at(i)->value, i);
	CHECK(strcmp(hlr_opcode_at(5)->name, "HL_MEM_OP_EXPORT_DMABUF_FD") == 0);
	CHECK_EQ(hlr_opcode_at(5)->accepted_flags, HLR_O_CLOEXEC | HLR_O_ACCMODE);
	CHECK_EQ(hlr_opcode_at(0)->accepted_flags,
		 HL_MEM_CONTIGUOUS | HL_MEM_SHARED);
	CHECK(hlr_opcode_at(7) == NULL);

	CHECK_EQ(hlr_flag_count(), 5);
	for (i = 0; i < hlr_layout_count(); i++) {
		const struct hlr_layout *l = hlr_layout_at(i);

		if (strcmp(l->type, "struct hl_mem_in") == 0 &&
		    strcmp(l->member, "") == 0) {
			CHECK_EQ(l->size, 40);
			CHECK_EQ(l->align, 8);
			found++;
		}
		if (strcmp(l->type, "struct hl_mem_in") == 0 &&
		    strcmp(l->member, "export_dmabuf_fd.mem_size") == 0) {
			CHECK_EQ(l->offset, 8);
			CHECK_EQ(l->size, 8);
			found++;
		}
		if (strcmp(l->type, "struct hl_mem_out") == 0 &&
		    strcmp(l->member, "pad") == 0) {
			CHECK_EQ(l->offset, 12);
			found++;
		}
		if (strcmp(l->type, "union hl_mem_args") == 0 &&
		    strcmp(l->member, "") == 0) {
			CHECK_EQ(l->size, 40);
			found++;
		}
	}
	CHECK_EQ(found, 4);
	CHECK_EQ(hlr_layout_count(), 34);
	CHECK(hlr_layout_at(hlr_layout_count()) == NULL);
}

/* ---- open / context ---- */

static void test_open_busy(void)
{
	int fd0, fd1;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd0 = hlr_open(&W, 0);
	CHECK_EQ(fd0, 0);
	CHECK_EQ(hlr_open(&W, 1), -EBUSY);
	CHECK_EQ(hlr_open(&W, 0), -EBUSY);
	CHECK_EQ(hlr_open(&W, HLR_MAX_TENANTS), -EINVAL);
	CHECK_EQ(hlr_close(&W, 0, fd0), 0);
	CHECK_EQ(hlr_close(&W, 0, fd0), -EBADF);
	fd1 = hlr_open(&W, 1);
	CHECK_EQ(fd1, 0);
	CHECK_EQ(invariants(), HLR_OK);
	CHECK_EQ(hlr_close(&W, 1, fd1), 0);
	CHECK_EQ(invariants(), HLR_OK);
}

/* ---- memory ops: success paths ---- */

static void test_alloc_free(void)
{
	union hl_mem_args a;
	uint64_t h, h2;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);

	memset(&a, 0xff, sizeof(a));
	memset(&a, 0, sizeof(a.in));
	a.in.op = HL_MEM_OP_ALLOC;
	a.in.alloc.mem_size = 0x18000;		/* rounds up to 2 frames */
	CHECK_EQ(mem(0, fd, &a), 0);
	h = a.out.handle;
	CHECK(h != 0);
	CHECK_EQ(h >> 32, 0);
	CHECK(zero_from(&a, 8));		/* D3 */
	CHECK_EQ(W.allocs[h - 1].nframes, 2);
	CHECK_EQ(W.pages[0].owner_tenant, 0);
	CHECK_EQ(W.pages[0].tag_gen, W.ctx.gen);

	CHECK_EQ(do_alloc(0, fd, 0x10000, 0x20000, HL_MEM_CONTIGUOUS, &h2), 0);
	CHECK_EQ(W.allocs[h2 - 1].frames_per_page, 2);
	CHECK_EQ(W.allocs[h2 - 1].frames[0] % 2, 0);	/* aligned page */

	CHECK_EQ(do_free(0, fd, h), 0);
	CHECK_EQ(W.pages[0].owner_gen, 0);
	CHECK_EQ(do_free(0, fd, h), -EINVAL);		/* already freed */
	CHECK_EQ(do_free(0, fd, h2), 0);
	CHECK_EQ(invariants(), HLR_OK);
	CHECK_EQ(hlr_close(&W, 0, fd), 0);
	CHECK_EQ(invariants(), HLR_OK);
}

static void test_alloc_errors(void)
{
	uint64_t h;
	int fd, i;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0, 0, 0, &h), -EINVAL);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0x30000, 0, &h), -EINVAL);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0x8000, 0, &h), -EINVAL);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0x80000, 0, &h), -EINVAL);
	CHECK_EQ(do_alloc(0, fd, ~0ULL, 0, 0, &h), -ENOMEM);
	CHECK_EQ(do_alloc(0, fd, 9 * 0x10000ULL, 0, 0, &h), -ENOMEM);
	for (i = 0; i < 8; i++)
		CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), -ENOMEM);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
}

static void test_map_unmap_device(void)
{
	uint64_t h, va, va2;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0, 0, &h), 0);
	CHECK_EQ(do_map(0, fd, h, 0, HL_MEM_PREFETCH, &va), 0);
	CHECK_EQ(va, HLR_DRAM_VA_BASE);
	CHECK_EQ(do_map(0, fd, h, HLR_DRAM_VA_BASE + 0x100000,
			HL_MEM_FORCE_HINT, &va2), 0);
	CHECK_EQ(va2, HLR_DRAM_VA_BASE + 0x100000);
	/* An unaligned hint: ignored, or refused when forced (D5). */
	CHECK_EQ(do_map(0, fd, h, HLR_DRAM_VA_BASE + 0x1000, HL_MEM_FORCE_HINT,
			&va2), -EINVAL);
	CHECK_EQ(do_free(0, fd, h), -EINVAL);		/* still mapped */
	CHECK_EQ(do_unmap(0, fd, va), 0);
	CHECK_EQ(do_unmap(0, fd, va), -EINVAL);
	CHECK_EQ(do_unmap(0, fd, HLR_DRAM_VA_BASE + 0x100000), 0);
	CHECK_EQ(do_map(0, fd, h | (1ULL << 32), 0, 0, &va), -EINVAL);
	CHECK_EQ(do_free(0, fd, h), 0);
	CHECK_EQ(do_map(0, fd, h, 0, 0, &va), -EINVAL);	/* freed handle */
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
}

static void test_map_host(void)
{
	union hl_mem_args a;
	uint64_t va;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_MAP;
	a.in.flags = HL_MEM_USERPTR;
	a.in.map_host.host_virt_addr = 0x7f0000001234ULL;
	a.in.map_host.mem_size = 0x2000;
	CHECK_EQ(mem(0, fd, &a), 0);
	va = a.out.device_virt_addr;
	CHECK_EQ(va, HLR_HOST_VA_BASE + 0x234);
	CHECK(zero_from(&a, 8));

	/* Size wraps around 2^64: -EINVAL. */
	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_MAP;
	a.in.flags = HL_MEM_USERPTR;
	a.in.map_host.host_virt_addr = 0xfffffffffffff000ULL;
	a.in.map_host.mem_size = 0x2000;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	a.in.map_host.host_virt_addr = 0x1000;
	a.in.map_host.mem_size = 0;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);

	CHECK_EQ(do_unmap(0, fd, va - 0x234), -EINVAL);	/* not the exact addr */
	CHECK_EQ(do_unmap(0, fd, va), 0);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
}

static void test_map_block(void)
{
	union hl_mem_args a;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_MAP_BLOCK;
	a.in.map_block.block_addr = HLR_CFG_BLOCK_BASE + 2 * HLR_CFG_BLOCK_SIZE;
	CHECK_EQ(mem(0, fd, &a), 0);
	CHECK_EQ(a.out.block_handle,
		 (HLR_MMAP_TYPE_BLOCK << HLR_MMAP_TYPE_SHIFT) | (2ULL << 12));
	CHECK_EQ(a.out.block_size, HLR_CFG_BLOCK_SIZE);
	CHECK_EQ(a.out.pad, 0);
	CHECK(zero_from(&a, 16));

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_MAP_BLOCK;
	a.in.map_block.block_addr = HLR_CFG_BLOCK_BASE + 0x10;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	a.in.map_block.block_addr = HLR_CFG_BLOCK_BASE +
				    HLR_NR_CFG_BLOCKS * HLR_CFG_BLOCK_SIZE;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	hlr_close(&W, 0, fd);
}

static void test_ts_alloc(void)
{
	union hl_mem_args a;
	int fd, i;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	for (i = 0; i < HLR_MAX_TS_BUFS; i++) {
		memset(&a, 0, sizeof(a));
		a.in.op = HL_MEM_OP_TS_ALLOC;
		a.in.num_of_elements = 16;
		CHECK_EQ(mem(0, fd, &a), 0);
		CHECK_EQ(a.out.handle >> HLR_MMAP_TYPE_SHIFT, HLR_MMAP_TYPE_TS);
		CHECK(zero_from(&a, 8));
	}
	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_TS_ALLOC;
	a.in.num_of_elements = 16;
	CHECK_EQ(mem(0, fd, &a), -ENOMEM);
	a.in.num_of_elements = 0;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	a.in.num_of_elements = HLR_TS_MAX_ELEMENTS + 1;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	hlr_close(&W, 0, fd);
	CHECK_EQ(W.ctx.ts_used, 0);
	CHECK_EQ(invariants(), HLR_OK);
}

/* ---- validation ---- */

/* A valid argument for @op (the handle names a live allocation). */
static void valid_args(union hl_mem_args *a, unsigned int op, uint64_t h)
{
	memset(a, 0, sizeof(*a));
	a->in.op = op;
	switch (op) {
	case HL_MEM_OP_ALLOC:
		a->in.alloc.mem_size = 0x10000;
		break;
	case HL_MEM_OP_FREE:
		a->in.free.handle = h;
		break;
	case HL_MEM_OP_MAP:
		a->in.map_device.handle = h;
		break;
	case HL_MEM_OP_UNMAP:
		a->in.unmap.device_virt_addr = HLR_DRAM_VA_BASE;
		break;
	case HL_MEM_OP_MAP_BLOCK:
		a->in.map_block.block_addr = HLR_CFG_BLOCK_BASE;
		break;
	case HL_MEM_OP_EXPORT_DMABUF_FD:
		a->in.export_dmabuf_fd.handle = h;
		break;
	case HL_MEM_OP_TS_ALLOC:
		a->in.num_of_elements = 1;
		break;
	}
}

/* Bytes of the operand union each op reads (F1: the rest must be 0). */
static const size_t used_bytes[] = { 16, 8, 16, 8, 8, 16, 0 };

static void test_reserved_fields(void)
{
	struct hlr_world *before = malloc(sizeof(*before));
	union hl_mem_args a;
	unsigned int op;
	uint64_t h;
	size_t i;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	memcpy(before, &W, sizeof(W));

	for (op = 0; op < 7; op++) {
		/* Every unused byte of the union, one at a time. */
		for (i = used_bytes[op]; i < 24; i++) {
			valid_args(&a, op, h);
			((unsigned char *)&a)[i] = 0x01;
			CHECK_EQ(mem(0, fd, &a), -EINVAL);
		}
		valid_args(&a, op, h);
		a.in.ctx_id = 1;			/* F2 */
		CHECK_EQ(mem(0, fd, &a), -EINVAL);
		if (op != HL_MEM_OP_TS_ALLOC) {
			valid_args(&a, op, h);
			a.in.num_of_elements = 1;
			CHECK_EQ(mem(0, fd, &a), -EINVAL);
		}
	}
	/* MAP with USERPTR reads all 24 bytes; without it byte 16+ is pad. */
	valid_args(&a, HL_MEM_OP_MAP, h);
	a.in.map_host.mem_size = 0x1000;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	/* Export by handle: mem_size must be zero. */
	valid_args(&a, HL_MEM_OP_EXPORT_DMABUF_FD, h);
	a.in.export_dmabuf_fd.mem_size = 0x10000;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);

	/* Nothing above changed the world. */
	CHECK(hlr_world_equal(before, &W));
	free(before);
	hlr_close(&W, 0, fd);
}

static void test_unknown_op(void)
{
	union hl_mem_args a;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	memset(&a, 0, sizeof(a));
	a.in.op = 7;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	a.in.op = 0xffffffffu;
	CHECK_EQ(mem(0, fd, &a), -EINVAL);
	hlr_close(&W, 0, fd);
}

static void test_unknown_flags(void)
{
	union hl_mem_args a;
	unsigned int op, bit;
	uint64_t h;
	int fd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	for (op = 0; op < 7; op++) {
		uint64_t ok = hlr_opcode_at(op)->accepted_flags;

		for (bit = 0; bit < 32; bit++) {
			if (ok & (1U << bit))
				continue;
			valid_args(&a, op, h);
			a.in.flags = 1U << bit;
			CHECK_EQ(mem(0, fd, &a), -EINVAL);
		}
	}
	/* Export: access mode 3 is not a mode (F3). */
	CHECK_EQ(do_export(0, fd, h, 0, 3, NULL), -EINVAL);
	/* HL_MEM_* bits that are not file flags are refused for export. */
	CHECK_EQ(do_export(0, fd, h, 0, HL_MEM_USERPTR, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, h, 0, HL_MEM_PREFETCH, NULL), -EINVAL);
	hlr_close(&W, 0, fd);
}

static void test_unknown_command(void)
{
	union hl_mem_args a;
	unsigned char big[64];
	int fd, bfd;
	uint64_t h;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	valid_args(&a, HL_MEM_OP_MAP_BLOCK, 0);
	/* Same magic and number, other size or direction: not ours (I11). */
	CHECK_EQ(hlr_ioctl(&W, 0, fd, _IOC(_IOC_READ | _IOC_WRITE, 'H', 5, 48),
			   &a, sizeof(a)), -ENOTTY);
	CHECK_EQ(hlr_ioctl(&W, 0, fd, _IOC(_IOC_WRITE, 'H', 5, 40),
			   &a, sizeof(a)), -ENOTTY);
	CHECK_EQ(hlr_ioctl(&W, 0, fd, _IOC(_IOC_READ | _IOC_WRITE, 'H', 1, 24),
			   &a, sizeof(a)), -ENOTTY);
	CHECK_EQ(hlr_ioctl(&W, 0, fd, 0, &a, sizeof(a)), -ENOTTY);
	/* Copy semantics. */
	CHECK_EQ(hlr_ioctl(&W, 0, fd, HL_IOCTL_MEMORY, NULL, 40), -EFAULT);
	CHECK_EQ(hlr_ioctl(&W, 0, fd, HL_IOCTL_MEMORY, &a, 39), -EFAULT);
	memset(big, 0xee, sizeof(big));
	memcpy(big, &a, sizeof(a));
	CHECK_EQ(hlr_ioctl(&W, 0, fd, HL_IOCTL_MEMORY, big, sizeof(big)), 0);
	CHECK_EQ(big[40], 0xee);	/* only _IOC_SIZE bytes written back */
	/* Descriptors. */
	CHECK_EQ(hlr_ioctl(&W, 0, 5, HL_IOCTL_MEMORY, &a, sizeof(a)), -EBADF);
	CHECK_EQ(hlr_ioctl(&W, 1, fd, HL_IOCTL_MEMORY, &a, sizeof(a)), -EBADF);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	CHECK_EQ(hlr_ioctl(&W, 0, bfd, HL_IOCTL_MEMORY, &a, sizeof(a)), -ENOTTY);
	hlr_close(&W, 0, bfd);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
}

/* ---- export ---- */

static void test_export_by_handle(void)
{
	struct hlr_fd_info info;
	union hl_mem_args a;
	uint64_t h;
	int fd, bfd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0, 0, &h), 0);

	memset(&a, 0, sizeof(a));
	a.in.op = HL_MEM_OP_EXPORT_DMABUF_FD;
	a.in.export_dmabuf_fd.handle = h;
	a.in.flags = HLR_O_CLOEXEC | 2;		/* O_RDWR */
	CHECK_EQ(mem(0, fd, &a), 0);
	bfd = a.out.fd;
	CHECK_EQ(bfd, 1);
	CHECK(zero_from(&a, 4));			/* D3 */
	CHECK_EQ(hlr_fd_query(&info, &W, 0, bfd), 0);
	CHECK_EQ(info.kind, HLR_FD_DMABUF);
	CHECK_EQ(info.cloexec, 1);
	CHECK_EQ(info.accmode, 2);
	CHECK_EQ(info.size, 0x20000);
	CHECK_EQ(W.allocs[h - 1].export_cnt, 1);
	CHECK_EQ(W.ctx.refs, 2);			/* owner-ref */

	/* No CPU access (D10). */
	CHECK_EQ(hlr_dmabuf_mmap(&W, 0, bfd), -EINVAL);
	CHECK_EQ(hlr_dmabuf_vmap(&W, 0, bfd), -EINVAL);
	CHECK_EQ(hlr_dmabuf_mmap(&W, 0, fd), -EBADF);

	/* Without O_CLOEXEC the descriptor is inherited. */
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	CHECK_EQ(hlr_fd_query(&info, &W, 0, bfd), 0);
	CHECK_EQ(info.cloexec, 0);
	CHECK_EQ(W.allocs[h - 1].export_cnt, 2);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, 1);
	hlr_close(&W, 0, bfd);
	CHECK_EQ(W.allocs[h - 1].export_cnt, 0);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
}

static void test_export_errors(void)
{
	struct hlr_world *before = malloc(sizeof(*before));
	uint64_t h, h2;
	int fd, bfd, i;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h2), 0);

	/* D14: upper bits of the handle are refused, not truncated. */
	CHECK_EQ(do_export(0, fd, h | (1ULL << 32), 0, 0, &bfd), -EINVAL);
	CHECK_EQ(do_export(0, fd, h | (1ULL << 63), 0, 0, &bfd), -EINVAL);
	CHECK_EQ(do_export(0, fd, 0, 0, 0, &bfd), -EINVAL);
	CHECK_EQ(do_export(0, fd, HLR_MAX_ALLOCS + 1, 0, 0, &bfd), -EINVAL);
	/* Export of a freed handle. */
	CHECK_EQ(do_free(0, fd, h2), 0);
	CHECK_EQ(do_export(0, fd, h2, 0, 0, &bfd), -EINVAL);

	/* D16: free while exported is refused with -EBUSY. */
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	CHECK_EQ(do_free(0, fd, h), -EBUSY);
	CHECK_EQ(hlr_close(&W, 0, bfd), 0);
	CHECK_EQ(do_free(0, fd, h), 0);

	/* D13: a full descriptor table fails before anything is taken. */
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	for (i = 2; i < HLR_MAX_FDS; i++)
		CHECK_EQ(hlr_dup(&W, 0, bfd, 0), i);
	CHECK_EQ(W.dmabufs[0].refs, HLR_MAX_FDS - 1);
	memcpy(before, &W, sizeof(W));
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), -EMFILE);
	CHECK(hlr_world_equal(before, &W));
	for (i = 1; i < HLR_MAX_FDS; i++)
		CHECK_EQ(hlr_close(&W, 0, i), 0);

	/* ...and so does running out of dma-buf objects. */
	for (i = 0; i < HLR_MAX_DMABUFS; i++)
		CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	memcpy(before, &W, sizeof(W));
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), -ENOMEM);
	CHECK(hlr_world_equal(before, &W));
	CHECK_EQ(invariants(), HLR_OK);
	for (i = 1; i <= HLR_MAX_DMABUFS; i++)
		CHECK_EQ(hlr_close(&W, 0, i), 0);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
	free(before);
}

static void test_export_by_addr_nommu(void)
{
	const uint64_t fsz = 0x10000;
	struct hlr_fd_info info;
	uint64_t h, pa;
	int fd, bfd;

	setup_policy(HLR_POLICY_OWNER_REF, 0);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 2 * fsz, 0, 0, &h), 0);
	CHECK_EQ(do_map(0, fd, h, 0, 0, &pa), 0);	/* physical address */
	CHECK_EQ(pa, HLR_DRAM_BASE);
	CHECK_EQ(do_map(0, fd, h, pa + fsz, HL_MEM_FORCE_HINT, NULL), -EINVAL);

	CHECK_EQ(do_export(0, fd, pa, 2 * fsz, HLR_O_CLOEXEC, &bfd), 0);
	CHECK_EQ(hlr_fd_query(&info, &W, 0, bfd), 0);
	CHECK_EQ(info.size, 2 * fsz);
	/* D5: unaligned address or size, empty, wrapping, out of DRAM. */
	CHECK_EQ(do_export(0, fd, pa + 0x1000, fsz, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, pa, fsz + 0x1000, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, pa, 0, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, pa + fsz, ~0ULL & ~(fsz - 1), 0, NULL),
		 -EINVAL);
	CHECK_EQ(do_export(0, fd, pa + 7 * fsz, 2 * fsz, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, pa + 8 * fsz, fsz, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, HLR_DRAM_BASE - fsz, fsz, 0, NULL), -EINVAL);
	CHECK_EQ(do_export(0, fd, pa + 7 * fsz, fsz, 0, &bfd), 0);

	CHECK_EQ(do_unmap(0, fd, pa), 0);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
	CHECK_EQ(hlr_open(&W, 1), -EBUSY);	/* owner-ref holds the device */
	hlr_close(&W, 0, 1);
	hlr_close(&W, 0, 2);
	CHECK_EQ(invariants(), HLR_OK);
	CHECK_EQ(hlr_open(&W, 1), 0);
}

/* ---- importers ---- */

static void test_attach_p2p(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_config cfg;
	uint64_t h;
	int fd, bfd;

	hlr_config_default(&cfg);
	cfg.nr_importers = 3;
	cfg.importers[2].max_seg_size = 0x10000;
	cfg.importers[2].p2p = 0;		/* behind a bridge, or in a VM */
	setup(&cfg);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);

	/* D9: the exporter refuses an importer that cannot reach the BAR. */
	CHECK_EQ(hlr_attach(&W, 2, 0, bfd), -EPERM);
	CHECK_EQ(hlr_map_attachment(t, &W, 0), -EINVAL);  /* nothing attached */
	CHECK_EQ(hlr_attach(&W, 3, 0, bfd), -EINVAL);
	CHECK_EQ(hlr_attach(&W, 0, 0, fd), -EINVAL);	/* not a dma-buf */
	CHECK_EQ(hlr_attach(&W, 0, 0, 5), -EBADF);
	CHECK_EQ(hlr_attach(&W, 0, 1, bfd), -EBADF);	/* other tenant */
	CHECK_EQ(W.dmabufs[0].refs, 1);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, bfd);
	hlr_close(&W, 0, fd);
	free(t);
}

static void test_map_segments(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_config cfg;
	uint64_t h, h2, h3;
	int fd, bfd, b2, b3, att, i;

	hlr_config_default(&cfg);
	cfg.nr_importers = 4;
	cfg.importers[0].max_seg_size = 0x4000;		/* splits pages */
	cfg.importers[1].max_seg_size = 0x20000 + 100;	/* merges 2 */
	cfg.importers[1].dma_offset = 0x100000000ULL;	/* IOMMU */
	cfg.importers[2].max_seg_size = 100;		/* under a page */
	cfg.importers[2].p2p = 1;
	cfg.importers[3].max_seg_size = 0x10000;
	cfg.importers[3].p2p = 1;
	setup(&cfg);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x40000, 0, HL_MEM_CONTIGUOUS, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);

	/* D6: 4 frames of 64 KiB, 16 KiB limit: 16 segments of 16 KiB. */
	att = hlr_attach(&W, 0, 0, bfd);
	CHECK(att >= 0);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(t->nents, 16);
	CHECK_EQ(t->orig_nents, 0);			/* D10 */
	for (i = 0; i < 16; i++) {
		CHECK_EQ(t->segs[i].length, 0x4000);
		CHECK_EQ(t->segs[i].dma_addr, HLR_BAR_BASE + i * 0x4000ULL);
		CHECK_EQ(t->segs[i].page, -1);
	}
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);

	/* Limit rounded down to 128 KiB: adjacent frames merge by two. */
	att = hlr_attach(&W, 1, 0, bfd);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(t->nents, 2);
	CHECK_EQ(t->segs[0].length, 0x20000);
	CHECK_EQ(t->segs[0].dma_addr, HLR_BAR_BASE + 0x100000000ULL);
	CHECK_EQ(t->segs[1].dma_addr, HLR_BAR_BASE + 0x100000000ULL + 0x20000);
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);

	/* A limit under one page cannot be served. */
	att = hlr_attach(&W, 2, 0, bfd);
	CHECK_EQ(hlr_map_attachment(t, &W, att), -EINVAL);
	CHECK_EQ(t->nents, 0);
	CHECK_EQ(hlr_detach(&W, att), 0);

	/* Frames that are not adjacent are not merged. */
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h2), 0);	/* frame 4 */
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0, 0, &h3), 0);	/* 5, 6 */
	CHECK_EQ(do_free(0, fd, h3), 0);
	CHECK_EQ(do_free(0, fd, h2), 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h2), 0);	/* frame 4 */
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h3), 0);	/* frame 5 */
	CHECK_EQ(do_free(0, fd, h2), 0);
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0, 0, &h2), 0);	/* 4 and 6 */
	CHECK_EQ(W.allocs[h2 - 1].frames[0], 4);
	CHECK_EQ(W.allocs[h2 - 1].frames[1], 6);
	CHECK_EQ(do_export(0, fd, h2, 0, 0, &b2), 0);
	att = hlr_attach(&W, 1, 0, b2);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(t->nents, 2);
	CHECK_EQ(t->segs[0].length, 0x10000);
	CHECK_EQ(t->segs[1].dma_addr - t->segs[0].dma_addr, 0x20000);
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);

	/* A 128 KiB allocation page over a 64 KiB limit splits in two. */
	CHECK_EQ(do_free(0, fd, h3), 0);
	CHECK_EQ(hlr_close(&W, 0, b2), 0);
	CHECK_EQ(do_free(0, fd, h2), 0);
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0x20000, 0, &h3), 0);
	CHECK_EQ(do_export(0, fd, h3, 0, 0, &b3), 0);
	att = hlr_attach(&W, 3, 0, b3);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(t->nents, 2);
	CHECK_EQ(t->segs[0].length, 0x10000);
	CHECK_EQ(t->segs[1].dma_addr, t->segs[0].dma_addr + 0x10000);
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);

	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, b3);
	hlr_close(&W, 0, bfd);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
	free(t);
}

static void test_map_fresh_table(void)
{
	struct hlr_sg_table *t1 = malloc(sizeof(*t1));
	struct hlr_sg_table *t2 = malloc(sizeof(*t2));
	struct hlr_sg_table *t3 = malloc(sizeof(*t3));
	uint64_t h;
	int fd, bfd, a0, a1;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, 0, &bfd), 0);
	a0 = hlr_attach(&W, 0, 0, bfd);
	a1 = hlr_attach(&W, 1, 0, bfd);
	CHECK(a0 >= 0 && a1 >= 0 && a0 != a1);

	/* D4: every map is a new table, per call and per attachment. */
	CHECK_EQ(hlr_map_attachment(t1, &W, a0), 0);
	CHECK_EQ(hlr_map_attachment(t2, &W, a0), 0);
	CHECK_EQ(hlr_map_attachment(t3, &W, a1), 0);
	CHECK(t1->id != 0 && t1->id != t2->id && t1->id != t3->id &&
	      t2->id != t3->id);
	CHECK_EQ(t1->nents, t2->nents);
	CHECK_EQ(t1->segs[0].dma_addr, t2->segs[0].dma_addr);

	CHECK_EQ(hlr_detach(&W, a0), -EBUSY);		/* still mapped */
	CHECK_EQ(hlr_unmap_attachment(&W, a1, t1), -EINVAL);	/* not a1's */
	CHECK_EQ(hlr_unmap_attachment(&W, a0, t1), 0);
	CHECK_EQ(hlr_unmap_attachment(&W, a0, t1), -EINVAL);	/* twice */
	CHECK_EQ(hlr_unmap_attachment(&W, a0, t2), 0);
	CHECK_EQ(hlr_unmap_attachment(&W, a1, t3), 0);
	CHECK_EQ(hlr_detach(&W, a0), 0);
	CHECK_EQ(hlr_detach(&W, a0), -EINVAL);
	CHECK_EQ(hlr_detach(&W, a1), 0);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, bfd);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_OK);
	free(t1);
	free(t2);
	free(t3);
}

/* ---- lifetime policies: the exfiltration scenario of the review ---- */

/*
 * Tenant 0 (A) allocates, exports and hands the buffer to importer @imp,
 * which maps it; A then closes the device file (keeping the dma-buf fd).
 * Returns the attachment, or a negative errno from attach.
 */
static int scenario_a_exports(int imp, struct hlr_sg_table *t, uint64_t *h,
			      int *bfd)
{
	int fd, att;

	fd = hlr_open(&W, 0);
	CHECK_EQ(fd, 0);
	CHECK_EQ(do_alloc(0, fd, 0x20000, 0, 0, h), 0);
	CHECK_EQ(do_export(0, fd, *h, 0, HLR_O_CLOEXEC | 2, bfd), 0);
	att = hlr_attach(&W, imp, 0, *bfd);
	if (att >= 0)
		CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	return att;
}

static void test_policy_none_leaks(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_access acc;
	uint64_t h, hb;
	int att, bfd, fdb;

	setup_policy(HLR_POLICY_NONE, 1);
	att = scenario_a_exports(0, t, &h, &bfd);	/* pinned, RDMA-like */
	CHECK(att >= 0);
	CHECK_EQ(W.ctx.refs, 1);		/* the buffer holds nothing */
	CHECK_EQ(invariants(), HLR_OK);

	CHECK_EQ(hlr_close(&W, 0, 0), 0);	/* A closes the device */
	CHECK_EQ(invariants(), HLR_VIOLATION_FREED_MAPPED);		/* (b) */

	/* B opens the device and is handed the same frames. */
	fdb = hlr_open(&W, 1);
	CHECK(fdb >= 0);
	CHECK_EQ(do_alloc(1, fdb, 0x20000, 0, 0, &hb), 0);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0x10000), 0);
	CHECK_EQ(acc.frame, 1);
	CHECK_EQ(acc.owner_tenant, 1);
	CHECK_EQ(acc.tag_tenant, 1);		/* B's secrets */
	CHECK_EQ(acc.exp_tenant, 0);
	CHECK_EQ(acc.foreign, 1);
	CHECK_EQ(invariants(), HLR_VIOLATION_FOREIGN_PAGE);		/* (a) */

	/* Cleanup still balances: nothing leaks in the end (c). */
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);
	CHECK_EQ(hlr_close(&W, 0, bfd), 0);
	CHECK_EQ(hlr_close(&W, 1, fdb), 0);
	CHECK_EQ(invariants(), HLR_OK);
	free(t);
}

static void test_policy_none_nommu(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_access acc;
	int fd, bfd, att;

	setup_policy(HLR_POLICY_NONE, 0);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_export(0, fd, HLR_DRAM_BASE, 0x10000, 0, &bfd), 0);
	att = hlr_attach(&W, 0, 0, bfd);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
	CHECK_EQ(invariants(), HLR_VIOLATION_FREED_MAPPED);
	CHECK(hlr_open(&W, 1) >= 0);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0), 0);
	CHECK_EQ(acc.owner_tenant, 1);
	CHECK_EQ(invariants(), HLR_VIOLATION_FOREIGN_PAGE);
	free(t);
}

static void test_policy_owner_ref_safe(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_access acc;
	uint64_t h, hb;
	int att, bfd, fdb;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	att = scenario_a_exports(0, t, &h, &bfd);
	CHECK(att >= 0);
	CHECK_EQ(hlr_close(&W, 0, 0), 0);
	CHECK_EQ(invariants(), HLR_OK);
	CHECK(W.ctx.live);

	/* D17: the live buffer keeps the device; B cannot get it. */
	CHECK_EQ(hlr_open(&W, 1), -EBUSY);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0x10000), 0);
	CHECK_EQ(acc.owner_tenant, 0);
	CHECK_EQ(acc.tag_tenant, 0);
	CHECK_EQ(acc.foreign, 0);

	/* Closing the fd is not enough: the importer still holds the file. */
	CHECK_EQ(hlr_close(&W, 0, bfd), 0);
	CHECK_EQ(hlr_open(&W, 1), -EBUSY);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0), 0);
	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0), -ENXIO);
	CHECK_EQ(hlr_detach(&W, att), 0);	/* last ref: release */
	CHECK(!W.ctx.live);
	CHECK_EQ(invariants(), HLR_OK);

	fdb = hlr_open(&W, 1);
	CHECK(fdb >= 0);
	CHECK_EQ(do_alloc(1, fdb, 0x20000, 0, 0, &hb), 0);
	CHECK_EQ(invariants(), HLR_OK);
	CHECK_EQ(hlr_close(&W, 1, fdb), 0);
	CHECK_EQ(invariants(), HLR_OK);
	free(t);
}

static void test_policy_revoke_safe(void)
{
	struct hlr_sg_table *t = malloc(sizeof(*t));
	struct hlr_sg_table *t2 = malloc(sizeof(*t2));
	struct hlr_access acc;
	uint64_t h, hb;
	int att, bfd, fdb;

	setup_policy(HLR_POLICY_REVOKE, 1);
	/* D18: a pinned importer cannot attach when buffers are revocable. */
	att = scenario_a_exports(0, t, &h, &bfd);
	CHECK_EQ(att, -EOPNOTSUPP);
	att = hlr_attach(&W, 1, 0, bfd);			/* dynamic */
	CHECK(att >= 0);
	CHECK_EQ(hlr_map_attachment(t, &W, att), 0);
	CHECK_EQ(W.ctx.refs, 1);
	CHECK_EQ(invariants(), HLR_OK);

	CHECK_EQ(hlr_close(&W, 0, 0), 0);	/* A closes: revoke */
	CHECK(!W.ctx.live);
	CHECK_EQ(W.attachments[att].invalidated, 1);	/* move_notify */
	CHECK_EQ(invariants(), HLR_OK);
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0), -ENODEV);
	CHECK_EQ(hlr_map_attachment(t2, &W, att), -ENODEV);
	CHECK_EQ(hlr_attach(&W, 1, 0, bfd), -ENODEV);

	fdb = hlr_open(&W, 1);
	CHECK(fdb >= 0);
	CHECK_EQ(do_alloc(1, fdb, 0x20000, 0, 0, &hb), 0);
	CHECK_EQ(W.pages[0].owner_tenant, 1);		/* same frames */
	CHECK_EQ(hlr_importer_access(&acc, &W, att, 0), -ENODEV);
	CHECK_EQ(invariants(), HLR_OK);

	CHECK_EQ(hlr_unmap_attachment(&W, att, t), 0);
	CHECK_EQ(hlr_detach(&W, att), 0);
	CHECK_EQ(hlr_close(&W, 0, bfd), 0);
	CHECK_EQ(hlr_close(&W, 1, fdb), 0);
	CHECK_EQ(invariants(), HLR_OK);
	free(t);
	free(t2);
}

static void test_dup_and_pass(void)
{
	struct hlr_fd_info info;
	uint64_t h;
	int fd, bfd, fd2, pfd;

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	fd = hlr_open(&W, 0);
	CHECK_EQ(do_alloc(0, fd, 0x10000, 0, 0, &h), 0);
	CHECK_EQ(do_export(0, fd, h, 0, HLR_O_CLOEXEC, &bfd), 0);
	/* Pass the dma-buf to tenant 1 (SCM_RIGHTS) and dup the device. */
	pfd = hlr_dup(&W, 0, bfd, 1);
	CHECK_EQ(pfd, 0);
	CHECK_EQ(hlr_fd_query(&info, &W, 1, pfd), 0);
	CHECK_EQ(info.kind, HLR_FD_DMABUF);
	CHECK_EQ(info.cloexec, 0);
	fd2 = hlr_dup(&W, 0, fd, 0);
	CHECK_EQ(W.ctx.refs, 3);
	CHECK_EQ(hlr_dup(&W, 0, 5, 1), -EBADF);
	CHECK_EQ(hlr_dup(&W, 0, fd, 7), -EINVAL);
	CHECK_EQ(invariants(), HLR_OK);
	hlr_close(&W, 0, fd);
	hlr_close(&W, 0, bfd);
	CHECK(W.ctx.live);
	hlr_close(&W, 0, fd2);
	CHECK(W.ctx.live);		/* tenant 1's copy keeps the buffer */
	CHECK_EQ(hlr_open(&W, 1), -EBUSY);
	hlr_close(&W, 1, pfd);
	CHECK(!W.ctx.live);
	CHECK_EQ(invariants(), HLR_OK);
}

static void test_leak_invariant(void)
{
	char why[128];

	setup_policy(HLR_POLICY_OWNER_REF, 1);
	CHECK_EQ(hlr_check_invariants(&W, why, sizeof(why)), HLR_OK);
	CHECK_EQ(why[0], '\0');
	/* An allocation nobody can reach any more. */
	W.allocs[0].used = 1;
	CHECK_EQ(hlr_check_invariants(&W, why, sizeof(why)),
		 HLR_VIOLATION_LEAK);
	CHECK(strstr(why, "allocation 0") != NULL);
	/* Broken bookkeeping is reported before anything else. */
	W.allocs[0].export_cnt = 1;
	CHECK_EQ(hlr_check_invariants(&W, NULL, 0), HLR_VIOLATION_REFCOUNT);
}

struct test {
	const char *name;
	void (*fn)(void);
};

#define T(fn)	{ #fn, fn }

static const struct test tests[] = {
	T(test_world_size_and_hash),
	T(test_config_invalid),
	T(test_tables),
	T(test_open_busy),
	T(test_alloc_free),
	T(test_alloc_errors),
	T(test_map_unmap_device),
	T(test_map_host),
	T(test_map_block),
	T(test_ts_alloc),
	T(test_reserved_fields),
	T(test_unknown_op),
	T(test_unknown_flags),
	T(test_unknown_command),
	T(test_export_by_handle),
	T(test_export_errors),
	T(test_export_by_addr_nommu),
	T(test_attach_p2p),
	T(test_map_segments),
	T(test_map_fresh_table),
	T(test_policy_none_leaks),
	T(test_policy_none_nommu),
	T(test_policy_owner_ref_safe),
	T(test_policy_revoke_safe),
	T(test_dup_and_pass),
	T(test_leak_invariant),
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int before = failures;

		current = tests[i].name;
		tests[i].fn();
		printf("%s %s\n", failures == before ? "ok  " : "FAIL",
		       tests[i].name);
	}
	printf("%zu tests, %d checks, %d failed\n",
	       sizeof(tests) / sizeof(tests[0]), checks, failures);
	return failures ? 1 : 0;
}
