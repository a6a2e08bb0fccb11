/*
 * hlr.h - public interface of the habanalabs-style reference driver
 *
 * A userspace model of an accelerator's memory ioctl (HL_IOCTL_MEMORY of
 * uapi/misc/hl_memory.h) and of the dma-buf exporter behind
 * HL_MEM_OP_EXPORT_DMABUF_FD, written for uapi-review. Everything the model
 * knows lives in one flat value, struct hlr_world: fixed-size arrays, indices
 * instead of pointers, no heap. A model checker can copy it with memcpy(),
 * compare it with hlr_world_equal() and hash it with hlr_world_hash().
 *
 * Conventions: functions return 0 (or a non-negative index) on success and a
 * negative errno value on failure, as kernel code does; a failed call leaves
 * the world unchanged. Out parameters come first after the world.
 *
 * This header does not include the uAPI header: ioctl arguments are raw
 * bytes, exactly as userspace passes them, and the verification tables
 * describe the uAPI types by name.
 */
#ifndef HLR_H
#define HLR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Capacity of the model. Small on purpose: the world is copied per state. */
#define HLR_MAX_PAGES		16	/* DRAM frames */
#define HLR_MAX_ALLOCS		8	/* live allocations (handles) */
#define HLR_MAX_VA_MAPS		8	/* device virtual mappings */
#define HLR_MAX_TENANTS		3	/* processes that open files */
#define HLR_MAX_FDS		6	/* descriptors per tenant */
#define HLR_MAX_DMABUFS		4	/* live dma-buf objects */
#define HLR_MAX_IMPORTERS	4	/* importing devices */
#define HLR_MAX_ATTACHMENTS	6	/* live attachments */
#define HLR_MAX_MAPPINGS	6	/* live attachment mappings */
#define HLR_MAX_SEGS		64	/* entries in one returned table */
#define HLR_MAX_TS_BUFS		2	/* timestamp buffers per context */

/* The CPU page size the model assumes (PAGE_SIZE of the host kernel). */
#define HLR_HOST_PAGE_SIZE	4096ULL

/* Physical and bus addresses of device DRAM and of its PCI BAR window. */
#define HLR_DRAM_BASE		0x20000000ULL
#define HLR_BAR_BASE		0xf000000000ULL

/* Device virtual address ranges for DRAM and host mappings (MMU devices). */
#define HLR_DRAM_VA_BASE	0x1000000000ULL
#define HLR_HOST_VA_BASE	0x8000000000ULL
#define HLR_HOST_VA_SIZE	0x100000ULL
/* The DRAM virtual range is this many times the size of DRAM. */
#define HLR_DRAM_VA_FACTOR	4ULL

/* Hardware blocks that userspace may map with HL_MEM_OP_MAP_BLOCK. */
#define HLR_CFG_BLOCK_BASE	0x7ffc000000ULL
#define HLR_CFG_BLOCK_SIZE	0x1000U
#define HLR_NR_CFG_BLOCKS	4

/*
 * Handles that are mmap() offsets on the device file carry their type in
 * bits 61..63 and an index in the page-number bits:
 * (type << HLR_MMAP_TYPE_SHIFT) | (index << 12).
 */
#define HLR_MMAP_TYPE_SHIFT	61
#define HLR_MMAP_TYPE_TS	0x1ULL	/* HL_MEM_OP_TS_ALLOC handles */
#define HLR_MMAP_TYPE_BLOCK	0x4ULL	/* HL_MEM_OP_MAP_BLOCK handles */

/*
 * Allocation handles (HL_MEM_OP_ALLOC) are the allocation slot plus one:
 * never zero, upper 32 bits zero.
 */

/* An allocation page may span at most this many DRAM frames. */
#define HLR_MAX_FRAMES_PER_PAGE	4

/* Largest record count HL_MEM_OP_TS_ALLOC accepts. */
#define HLR_TS_MAX_ELEMENTS	1024U

/*
 * File flags accepted by HL_MEM_OP_EXPORT_DMABUF_FD, in the kernel's generic
 * <asm-generic/fcntl.h> numbering (x86, arm, arm64, riscv): O_CLOEXEC and
 * the access mode. Access mode 3 is invalid.
 */
#define HLR_O_ACCMODE		00000003U
#define HLR_O_CLOEXEC		02000000U

/* Value of an index field that names nothing. */
#define HLR_NONE		0xffU

/**
 * enum hlr_policy - what an exported buffer does when its owner goes away
 * @HLR_POLICY_NONE: the dma-buf keeps no reference on the exporting context.
 *	Closing the device file frees the context's memory while importers
 *	still map it (the bug the reviewers feared; kept so a checker finds it).
 * @HLR_POLICY_OWNER_REF: each dma-buf holds a reference on the exporting
 *	context (the merged upstream design). The context, its memory and the
 *	exclusive use of the device last until the last dma-buf is released.
 * @HLR_POLICY_REVOKE: closing the device file revokes every buffer the
 *	context exported: all mappings are invalidated (move_notify) and the
 *	memory is freed. Only revocable (dynamic) importers may attach.
 */
enum hlr_policy {
	HLR_POLICY_NONE = 0,
	HLR_POLICY_OWNER_REF = 1,
	HLR_POLICY_REVOKE = 2,
};

/**
 * struct hlr_importer_config - one importing device
 * @max_seg_size: largest DMA segment the device takes
 *	(dma_get_max_seg_size()); rounded down to %HLR_HOST_PAGE_SIZE when a
 *	table is built.
 * @dma_offset: added to a BAR bus address to get the address the importer
 *	uses (an IOMMU translation; 0 for identity).
 * @p2p: the device reaches the accelerator by PCIe peer-to-peer.
 * @dynamic: the importer is dynamic, i.e. revocable: it handles move_notify
 *	by unmapping. Otherwise it is pinned (RDMA-like).
 * @pad: must be zero.
 */
struct hlr_importer_config {
	uint64_t max_seg_size;
	uint64_t dma_offset;
	uint8_t p2p;
	uint8_t dynamic;
	uint8_t pad[6];
};

/* Version of struct hlr_config understood by this library. */
#define HLR_CONFIG_VERSION	1

/**
 * struct hlr_config - the device and its surroundings
 * @version: %HLR_CONFIG_VERSION.
 * @policy: an &enum hlr_policy value.
 * @mmu: 1: DRAM is virtualised by the device MMU (export by handle);
 *	0: no MMU, DRAM is used by physical address (export by address).
 * @nr_importers: number of valid entries in @importers.
 * @dram_pages: number of DRAM frames, 1..%HLR_MAX_PAGES.
 * @pad: must be zero.
 * @page_size: DRAM frame size in bytes: a power of two, at least
 *	%HLR_HOST_PAGE_SIZE and at most 1 GiB.
 * @importers: the importing devices.
 */
struct hlr_config {
	uint32_t version;
	uint32_t policy;
	uint8_t mmu;
	uint8_t nr_importers;
	uint8_t dram_pages;
	uint8_t pad[5];
	uint64_t page_size;
	struct hlr_importer_config importers[HLR_MAX_IMPORTERS];
};

/*
 * The world. Its members are described in hlr_world.c; callers treat it as
 * an opaque value that may be copied, compared and hashed. No member holds
 * a pointer, and slots not in use are all-zero.
 */
struct hlr_page {
	uint16_t owner_gen;	/* owning context generation, 0: free */
	uint8_t owner_tenant;	/* owning tenant, HLR_NONE: free */
	uint8_t alloc;		/* allocation slot, HLR_NONE: none */
	uint16_t tag_gen;	/* contents: writer's generation, 0: never */
	uint8_t tag_tenant;	/* contents: writer's tenant, HLR_NONE: never */
	uint8_t pad;
};

struct hlr_alloc {
	uint8_t used;
	uint8_t shared;		/* HL_MEM_SHARED */
	uint8_t contiguous;	/* HL_MEM_CONTIGUOUS (forced without MMU) */
	uint8_t nframes;
	uint8_t frames_per_page;	/* allocation page / DRAM frame */
	uint8_t pad;
	uint16_t ctx_gen;
	uint16_t map_cnt;
	uint16_t export_cnt;
	uint8_t frames[HLR_MAX_PAGES];
	uint32_t pad2;
};

struct hlr_va_map {
	uint8_t used;
	uint8_t kind;		/* enum hlr_va_kind (hlr_internal.h) */
	uint8_t alloc;
	uint8_t pad;
	uint16_t ctx_gen;
	uint16_t pad2;
	uint64_t start;		/* reserved range, page aligned */
	uint64_t size;
	uint64_t addr;		/* address returned to userspace */
};

struct hlr_ctx {
	uint8_t live;
	uint8_t tenant;
	uint16_t gen;
	uint16_t refs;		/* device fds + dma-bufs (owner-ref) */
	uint8_t ts_used;	/* bitmask of timestamp buffers */
	uint8_t pad;
};

struct hlr_dmabuf {
	uint8_t used;
	uint8_t exp_tenant;
	uint16_t exp_gen;	/* exporting context generation */
	uint8_t alloc;		/* handle path: allocation, else HLR_NONE */
	uint8_t nframes;
	uint8_t frames_per_page;
	uint8_t revoked;
	uint8_t holds_ctx;	/* owns a context reference (owner-ref) */
	uint8_t accmode;	/* O_RDONLY, O_WRONLY or O_RDWR */
	uint16_t refs;		/* file references: fds + attachments */
	uint32_t pad;
	uint64_t size;
	uint8_t frames[HLR_MAX_PAGES];
};

struct hlr_fd {
	uint8_t kind;		/* enum hlr_fd_kind */
	uint8_t obj;		/* dma-buf slot (dma-buf fds) */
	uint8_t cloexec;
	uint8_t pad;
};

struct hlr_attachment {
	uint8_t used;
	uint8_t importer;
	uint8_t dmabuf;
	uint8_t peer2peer;
	uint8_t dynamic;
	uint8_t invalidated;	/* move_notify delivered */
	uint8_t nmaps;
	uint8_t pad;
};

struct hlr_mapping {
	uint8_t used;
	uint8_t attachment;
	uint8_t invalidated;
	uint8_t nents;
};

struct hlr_world {
	struct hlr_config cfg;
	uint16_t last_gen;	/* generation given to the newest context */
	uint16_t pad[3];
	struct hlr_ctx ctx;	/* one compute context at a time */
	struct hlr_page pages[HLR_MAX_PAGES];
	struct hlr_alloc allocs[HLR_MAX_ALLOCS];
	struct hlr_va_map va_maps[HLR_MAX_VA_MAPS];
	struct hlr_dmabuf dmabufs[HLR_MAX_DMABUFS];
	struct hlr_fd fds[HLR_MAX_TENANTS][HLR_MAX_FDS];
	struct hlr_attachment attachments[HLR_MAX_ATTACHMENTS];
	struct hlr_mapping mappings[HLR_MAX_MAPPINGS];
};

/**
 * hlr_config_default() - a small MMU device under the owner-ref policy
 * @cfg: filled with version 1, owner-ref, MMU, 8 frames of 64 KiB and two
 *	importers: 0 pinned, 1 dynamic, both P2P-reachable, 64 KiB segments.
 */
void hlr_config_default(struct hlr_config *cfg);

/**
 * hlr_world_init() - the world right after boot
 * @w: the world to initialise.
 * @cfg: the configuration, copied into @w.
 *
 * Return: 0, or -EINVAL for an invalid configuration (@w is then zeroed).
 */
int hlr_world_init(struct hlr_world *w, const struct hlr_config *cfg);

/**
 * hlr_world_hash() - 64-bit hash of the world's canonical form
 * @w: the world.
 *
 * The canonical form is the world with every unused slot zeroed; worlds
 * that hlr_world_equal() calls equal hash equally.
 */
uint64_t hlr_world_hash(const struct hlr_world *w);

/**
 * hlr_world_equal() - compare two worlds in canonical form
 * @a: a world.
 * @b: another world.
 */
bool hlr_world_equal(const struct hlr_world *a, const struct hlr_world *b);

/**
 * hlr_open() - open the compute device
 * @w: the world.
 * @tenant: the opening process, 0..%HLR_MAX_TENANTS-1.
 *
 * Return: the new descriptor in @tenant's table; -EBUSY while a compute
 * context lives (under owner-ref, a live dma-buf keeps it alive); -EMFILE
 * when the table is full; -EINVAL for a bad tenant.
 */
int hlr_open(struct hlr_world *w, int tenant);

/**
 * hlr_close() - close a descriptor (device file or dma-buf)
 * @w: the world.
 * @tenant: owner of the descriptor table.
 * @fd: the descriptor.
 *
 * Return: 0, or -EBADF when @fd is not open.
 */
int hlr_close(struct hlr_world *w, int tenant, int fd);

/**
 * hlr_dup() - duplicate a descriptor, possibly into another tenant
 * @w: the world.
 * @tenant: owner of @fd.
 * @fd: the descriptor (device file or dma-buf).
 * @to_tenant: receiving table: @tenant for dup(2), another tenant for
 *	passing the descriptor over a socket (SCM_RIGHTS).
 *
 * The new descriptor refers to the same file and takes a reference on it;
 * it is not close-on-exec.
 *
 * Return: the new descriptor; -EBADF when @fd is not open; -EINVAL for a bad
 * @to_tenant; -EMFILE when the receiving table is full.
 */
int hlr_dup(struct hlr_world *w, int tenant, int fd, int to_tenant);

/**
 * hlr_ioctl() - ioctl(2) on a descriptor
 * @w: the world.
 * @tenant: the calling process.
 * @fd: the descriptor.
 * @cmd: the command number as userspace passes it.
 * @arg: the user buffer (read and written like copy_from/to_user).
 * @arg_len: the user buffer's size in bytes.
 *
 * Return: 0 on success; -EBADF for a closed @fd; -ENOTTY for a command the
 * file does not implement; -EFAULT when @arg is NULL or shorter than the
 * command's size; otherwise the operation's result (see hlr_ioctl.c).
 */
long hlr_ioctl(struct hlr_world *w, int tenant, int fd, unsigned int cmd,
	       void *arg, size_t arg_len);

/* File kinds reported by hlr_fd_query(). */
enum hlr_fd_kind {
	HLR_FD_NONE = 0,
	HLR_FD_DEVICE = 1,
	HLR_FD_DMABUF = 2,
};

/**
 * struct hlr_fd_info - what a descriptor refers to
 * @kind: an &enum hlr_fd_kind value.
 * @cloexec: the descriptor is close-on-exec.
 * @accmode: dma-buf access mode (O_RDONLY 0, O_WRONLY 1, O_RDWR 2).
 * @dmabuf: dma-buf slot, or %HLR_NONE.
 * @size: dma-buf size in bytes, or 0.
 */
struct hlr_fd_info {
	int kind;
	int cloexec;
	int accmode;
	int dmabuf;
	uint64_t size;
};

/**
 * hlr_fd_query() - describe a descriptor
 * @info: filled in on success.
 * @w: the world.
 * @tenant: owner of the descriptor table.
 * @fd: the descriptor.
 *
 * Return: 0, or -EBADF when @fd is not open.
 */
int hlr_fd_query(struct hlr_fd_info *info, const struct hlr_world *w,
		 int tenant, int fd);

/**
 * hlr_dmabuf_mmap() - mmap(2) on a dma-buf descriptor
 * @w: the world.
 * @tenant: owner of the descriptor table.
 * @fd: the descriptor.
 *
 * The exporter has no CPU mapping, so this always fails.
 *
 * Return: -EINVAL (no mmap op), or -EBADF when @fd is not a dma-buf.
 */
int hlr_dmabuf_mmap(struct hlr_world *w, int tenant, int fd);

/**
 * hlr_dmabuf_vmap() - kernel vmap of a dma-buf
 * @w: the world.
 * @tenant: owner of the descriptor table.
 * @fd: the descriptor.
 *
 * Return: -EINVAL (no vmap op), or -EBADF when @fd is not a dma-buf.
 */
int hlr_dmabuf_vmap(struct hlr_world *w, int tenant, int fd);

/**
 * hlr_attach() - attach an importer to the dma-buf behind a descriptor
 * @w: the world.
 * @importer: index into the configuration's importers.
 * @tenant: the process handing its descriptor to the importer.
 * @fd: a dma-buf descriptor of @tenant.
 *
 * The attachment holds a file reference on the dma-buf (like an importer's
 * dma_buf_get()) until hlr_detach().
 *
 * Return: the attachment index; -EINVAL for a bad importer or a descriptor
 * that is not a dma-buf; -EBADF for a closed descriptor; -EPERM when the
 * importer cannot reach the device by P2P; -EOPNOTSUPP under revoke for a
 * pinned (non-revocable) importer; -ENODEV when the buffer was revoked;
 * -ENOMEM when no attachment slot is free.
 */
int hlr_attach(struct hlr_world *w, int importer, int tenant, int fd);

/**
 * hlr_detach() - detach an importer
 * @w: the world.
 * @attachment: index returned by hlr_attach().
 *
 * Return: 0; -EINVAL for a bad index; -EBUSY while tables are mapped.
 */
int hlr_detach(struct hlr_world *w, int attachment);

/**
 * struct hlr_sg_seg - one DMA segment as the importer sees it
 * @dma_addr: address the importer's DMA uses (BAR bus address + its offset).
 * @length: bytes, a multiple of %HLR_HOST_PAGE_SIZE.
 * @page: CPU page of the segment; always -1 (no struct page, D10).
 */
struct hlr_sg_seg {
	uint64_t dma_addr;
	uint64_t length;
	int64_t page;
};

/**
 * struct hlr_sg_table - a table returned by hlr_map_attachment()
 * @id: names this mapping; a fresh, distinct id for every live mapping.
 * @nents: number of DMA segments in @segs.
 * @orig_nents: 0: there is no CPU list (D10).
 * @pad: zero.
 * @segs: the segments.
 */
struct hlr_sg_table {
	uint32_t id;
	uint32_t nents;
	uint32_t orig_nents;
	uint32_t pad;
	struct hlr_sg_seg segs[HLR_MAX_SEGS];
};

/**
 * hlr_map_attachment() - map a dma-buf for its importer
 * @table: filled in with a newly built table on success.
 * @w: the world.
 * @attachment: index returned by hlr_attach().
 *
 * Return: 0; -EINVAL for a bad attachment or a segment limit under one
 * page; -EPERM without P2P; -ENODEV when the buffer was revoked; -ENOMEM
 * when the table does not fit or no mapping slot is free.
 */
int hlr_map_attachment(struct hlr_sg_table *table, struct hlr_world *w,
		       int attachment);

/**
 * hlr_unmap_attachment() - give back a table
 * @w: the world.
 * @attachment: the attachment that mapped @table.
 * @table: a table from hlr_map_attachment() on @attachment.
 *
 * Return: 0, or -EINVAL when @table is not a live mapping of @attachment.
 */
int hlr_unmap_attachment(struct hlr_world *w, int attachment,
			 const struct hlr_sg_table *table);

/**
 * struct hlr_access - what an importer's DMA at one offset reaches
 * @dram_addr: physical DRAM address.
 * @frame: DRAM frame index.
 * @owner_tenant: tenant owning the frame now, or %HLR_NONE when free.
 * @owner_gen: generation of the owning context now, or 0 when free.
 * @tag_tenant: contents tag: tenant that last wrote the frame.
 * @tag_gen: contents tag: generation of the context that last wrote it.
 * @exp_tenant: tenant that exported the buffer.
 * @exp_gen: generation of the exporting context.
 * @foreign: 1 when the frame is free or owned by anyone but the exporter.
 */
struct hlr_access {
	uint64_t dram_addr;
	int frame;
	int owner_tenant;
	int owner_gen;
	int tag_tenant;
	int tag_gen;
	int exp_tenant;
	int exp_gen;
	int foreign;
};

/**
 * hlr_importer_access() - model one DMA by an importer
 * @out: filled in on success.
 * @w: the world.
 * @attachment: the importer's attachment.
 * @offset: byte offset into the dma-buf.
 *
 * The importer reaches memory only through a live mapping; what it reaches
 * is whatever the frames recorded at export time hold now.
 *
 * Return: 0; -EINVAL for a bad attachment or an offset past the buffer;
 * -ENXIO when the attachment has no mapping; -ENODEV when its mappings were
 * invalidated (revoked).
 */
int hlr_importer_access(struct hlr_access *out, const struct hlr_world *w,
			int attachment, uint64_t offset);

/* Results of hlr_check_invariants(). */
enum hlr_violation {
	HLR_OK = 0,
	HLR_VIOLATION_FOREIGN_PAGE = 1,	/* (a) importer reaches another owner */
	HLR_VIOLATION_FREED_MAPPED = 2,	/* (b) freed frame still mapped */
	HLR_VIOLATION_LEAK = 3,		/* (c) left over after all closed */
	HLR_VIOLATION_REFCOUNT = 4,	/* internal bookkeeping disagrees */
};

/**
 * hlr_check_invariants() - check the safety invariants
 * @w: the world.
 * @why: receives a one-line message (may be NULL).
 * @len: size of @why.
 *
 * Return: %HLR_OK or the first &enum hlr_violation found.
 */
int hlr_check_invariants(const struct hlr_world *w, char *why, size_t len);

/* Verification tables: what the compiler built from uapi/misc/hl_memory.h. */

/**
 * struct hlr_layout - size and offset of a uAPI type or member
 * @type: "struct hl_mem_in", "struct hl_mem_out" or "union hl_mem_args".
 * @member: member path such as "alloc.mem_size" or "in"; "" for the type
 *	itself.
 * @offset: offsetof(), 0 for the type itself.
 * @size: sizeof().
 * @align: _Alignof() for the type itself, 0 for members.
 */
struct hlr_layout {
	const char *type;
	const char *member;
	size_t offset;
	size_t size;
	size_t align;
};

/**
 * struct hlr_named_value - a command, opcode or flag the driver handles
 * @name: the macro name in the uAPI header.
 * @value: its value as compiled.
 * @accepted_flags: for opcodes, the hl_mem_in.flags bits accepted; else 0.
 */
struct hlr_named_value {
	const char *name;
	uint64_t value;
	uint64_t accepted_flags;
};

/**
 * hlr_layout_count() - number of entries in the layout table
 *
 * Every struct and union of the uAPI header the driver uses, then each of
 * its members (nested members by dotted path), in declaration order.
 */
size_t hlr_layout_count(void);

/**
 * hlr_layout_at() - one layout entry
 * @i: index, below hlr_layout_count().
 *
 * Return: a static entry, or NULL when @i is out of range.
 */
const struct hlr_layout *hlr_layout_at(size_t i);

/**
 * hlr_command_count() - number of ioctl commands the driver dispatches
 */
size_t hlr_command_count(void);

/**
 * hlr_command_at() - one dispatched command (name and number as compiled)
 * @i: index, below hlr_command_count().
 *
 * Return: a static entry, or NULL when @i is out of range.
 */
const struct hlr_named_value *hlr_command_at(size_t i);

/**
 * hlr_opcode_count() - number of HL_MEM_OP_* values the dispatcher handles
 */
size_t hlr_opcode_count(void);

/**
 * hlr_opcode_at() - one handled opcode, from the dispatcher's own table
 * @i: index, below hlr_opcode_count(); equal to the opcode's value.
 *
 * Return: a static entry (name, value, accepted flags), or NULL.
 */
const struct hlr_named_value *hlr_opcode_at(size_t i);

/**
 * hlr_flag_count() - number of HL_MEM_* flag macros the driver knows
 */
size_t hlr_flag_count(void);

/**
 * hlr_flag_at() - one HL_MEM_* flag (name and value as compiled)
 * @i: index, below hlr_flag_count().
 *
 * Return: a static entry, or NULL when @i is out of range.
 */
const struct hlr_named_value *hlr_flag_at(size_t i);

/**
 * hlr_world_size() - sizeof(struct hlr_world), for callers that allocate
 * worlds without the C type
 */
size_t hlr_world_size(void);

#endif /* HLR_H */
