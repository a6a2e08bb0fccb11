/*
 * hlr_bundled.c - the bundled uAPI header: ABI checks and embedded text
 *
 * The static assertions below pin the binary interface of
 * uapi/misc/hl_memory.h to the one of HL_IOCTL_MEMORY in Linux 6.1, so a
 * change to a size, an offset or the command number fails the build instead
 * of silently producing a driver that disagrees with real userspace.
 */
#include <stddef.h>

#include "uapi/misc/hl_memory.h"
#include "hlr_bundled.h"

#define HLR_UAPI_HEADER_PATH	"include/uapi/misc/hl_memory.h"

/* Size and offset of a member, checked together. */
#define HLR_CHECK_MEMBER(type, member, off, size)			\
	_Static_assert(offsetof(type, member) == (off),			\
		       #type "." #member " must be at offset " #off);	\
	_Static_assert(sizeof(((type *)0)->member) == (size),		\
		       #type "." #member " must be " #size " bytes")

/* struct hl_mem_in: a 24-byte union of per-op operands, then four __u32. */
_Static_assert(sizeof(struct hl_mem_in) == 40, "struct hl_mem_in must be 40 bytes");
HLR_CHECK_MEMBER(struct hl_mem_in, alloc, 0, 16);
HLR_CHECK_MEMBER(struct hl_mem_in, alloc.mem_size, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, alloc.page_size, 8, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, free, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, free.handle, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_device, 0, 16);
HLR_CHECK_MEMBER(struct hl_mem_in, map_device.hint_addr, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_device.handle, 8, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_host, 0, 24);
HLR_CHECK_MEMBER(struct hl_mem_in, map_host.host_virt_addr, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_host.hint_addr, 8, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_host.mem_size, 16, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_block, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, map_block.block_addr, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, unmap, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, unmap.device_virt_addr, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_in, op, 24, 4);
HLR_CHECK_MEMBER(struct hl_mem_in, flags, 28, 4);
HLR_CHECK_MEMBER(struct hl_mem_in, ctx_id, 32, 4);
HLR_CHECK_MEMBER(struct hl_mem_in, num_of_elements, 36, 4);

/* struct hl_mem_out: a 16-byte union. */
_Static_assert(sizeof(struct hl_mem_out) == 16, "struct hl_mem_out must be 16 bytes");
HLR_CHECK_MEMBER(struct hl_mem_out, device_virt_addr, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_out, handle, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_out, block_handle, 0, 8);
HLR_CHECK_MEMBER(struct hl_mem_out, block_size, 8, 4);
HLR_CHECK_MEMBER(struct hl_mem_out, pad, 12, 4);

/* union hl_mem_args: in and out overlay each other. */
_Static_assert(sizeof(union hl_mem_args) == 40, "union hl_mem_args must be 40 bytes");
HLR_CHECK_MEMBER(union hl_mem_args, in, 0, 40);
HLR_CHECK_MEMBER(union hl_mem_args, out, 0, 16);

/* Opcodes and flags keep their 6.1 values. */
_Static_assert(HL_MEM_OP_ALLOC == 0 && HL_MEM_OP_FREE == 1 &&
	       HL_MEM_OP_MAP == 2 && HL_MEM_OP_UNMAP == 3 &&
	       HL_MEM_OP_MAP_BLOCK == 4 && HL_MEM_OP_TS_ALLOC == 6,
	       "HL_MEM_OP_* values are ABI");
_Static_assert(HL_MEM_CONTIGUOUS == 0x1 && HL_MEM_SHARED == 0x2 &&
	       HL_MEM_USERPTR == 0x4 && HL_MEM_FORCE_HINT == 0x8 &&
	       HL_MEM_PREFETCH == 0x40, "HL_MEM_* flag values are ABI");

/* The command number, field by field (valid for every _IOC encoding)... */
_Static_assert(_IOC_TYPE(HL_IOCTL_MEMORY) == 'H', "HL_IOCTL_MEMORY magic is 'H'");
_Static_assert(_IOC_NR(HL_IOCTL_MEMORY) == 0x05, "HL_IOCTL_MEMORY number is 0x05");
_Static_assert(_IOC_SIZE(HL_IOCTL_MEMORY) == 40, "HL_IOCTL_MEMORY size is 40");
_Static_assert(_IOC_DIR(HL_IOCTL_MEMORY) == (_IOC_READ | _IOC_WRITE),
	       "HL_IOCTL_MEMORY is read-write");

/* ...and as a whole where the generic encoding (2 dir bits, 14 size bits) is used. */
#if !defined(__powerpc__) && !defined(__mips__) && !defined(__alpha__) && \
	!defined(__sparc__) && !defined(__hppa__)
_Static_assert(HL_IOCTL_MEMORY == 0xc0284805u, "HL_IOCTL_MEMORY must be 0xc0284805");
#endif

/*
 * The header's bytes, followed by a NUL. #embed is C23; clang accepts it in
 * gnu11 mode as an extension, which is what the target is built with.
 */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const char hlr_uapi_header[] = {
#embed "uapi/misc/hl_memory.h"
	, '\0'
};
#pragma clang diagnostic pop

const char *hlr_uapi_header_text(void)
{
	return hlr_uapi_header;
}

size_t hlr_uapi_header_length(void)
{
	return sizeof(hlr_uapi_header) - 1;
}

const char *hlr_uapi_header_path(void)
{
	return HLR_UAPI_HEADER_PATH;
}
