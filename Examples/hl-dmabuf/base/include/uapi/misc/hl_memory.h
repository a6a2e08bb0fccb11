/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Memory ioctl of a habanalabs-style accelerator, as implemented by the
 * uapi-review reference driver.
 *
 * Written for the uapi-review project. The binary interface (command number,
 * structure sizes, member offsets, opcode and flag values) is the one of
 * HL_IOCTL_MEMORY in the Linux 6.1 <misc/habanalabs.h>, and the type and
 * member names are the same, so a program written against either header
 * builds against the other. Only the memory ioctl is described here; do not
 * include this header together with <misc/habanalabs.h>.
 *
 * The behaviour described is the contract of the kernel driver. The reference
 * driver follows it under its "owner-ref" lifetime policy; its other policies
 * ("none", "revoke") deliberately change what happens to exported buffers
 * when their owner goes away, to compare the designs discussed in review.
 */
#ifndef _UAPI_MISC_HL_MEMORY_H
#define _UAPI_MISC_HL_MEMORY_H

#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * DOC: HL_IOCTL_MEMORY
 *
 * A single command covers every memory operation of the calling compute
 * context: allocating and freeing device DRAM, mapping device or host memory
 * into the device virtual address space, unmapping, mapping hardware blocks
 * for mmap(), and allocating timestamp buffers.
 *
 * Userspace clears a &union hl_mem_args, fills in the &struct hl_mem_in half,
 * names the operation in &hl_mem_in.op and calls
 * ioctl(fd, HL_IOCTL_MEMORY, &args) on an open compute device file. The
 * argument is read and written (_IOWR), 40 bytes long, and has the same
 * layout on every ABI (x86_64, i386, x32, arm64, arm): all members are
 * naturally aligned, there is no implicit padding, and the 64-bit members
 * sit at offsets that are multiples of 8.
 *
 * On success the ioctl returns 0. The driver then clears all 40 bytes and
 * writes the result of the operation into &struct hl_mem_out, which overlays
 * the input; result fields that the operation does not produce read as zero.
 * On failure it returns -1 with errno set (EINVAL for an unknown operation,
 * an undefined flag bit, a non-zero reserved field or a bad argument, ENOMEM
 * when memory or address space runs out, EBUSY when the device cannot serve
 * requests, EFAULT for an unreadable argument); the
 * argument contents are then unspecified. The argument is validated before
 * anything is changed: every field or bit this header calls reserved, unused
 * or must-be-zero is checked, so that it can be given a meaning later without
 * breaking old programs.
 */

/*
 * Memory operations, selected by &hl_mem_in.op. Each one names the member of
 * the &hl_mem_in union that carries its operands and the member of
 * &hl_mem_out that carries its result.
 */

/* Allocate device DRAM; operands in in.alloc, result in out.handle. */
#define HL_MEM_OP_ALLOC			0

/* Release an allocation made by HL_MEM_OP_ALLOC; operands in in.free. */
#define HL_MEM_OP_FREE			1

/*
 * Map memory into the device virtual address space. Without HL_MEM_USERPTR
 * the operands are in in.map_device (a device DRAM allocation); with it they
 * are in in.map_host (host memory of the calling process). The result is
 * out.device_virt_addr.
 */
#define HL_MEM_OP_MAP			2

/* Remove a mapping made by HL_MEM_OP_MAP; operands in in.unmap. */
#define HL_MEM_OP_UNMAP			3

/*
 * Prepare a hardware block for mapping into the calling process with mmap()
 * on the device file; operands in in.map_block, results in out.block_handle
 * and out.block_size.
 */
#define HL_MEM_OP_MAP_BLOCK		4

/*
 * Allocate a buffer of timestamp records that user interrupt waits can fill
 * in; the number of records is in.num_of_elements, the union must be zero,
 * and the result is out.handle. The buffer is released when the device file
 * is closed.
 */
#define HL_MEM_OP_TS_ALLOC		6

/*
 * Flags for &hl_mem_in.flags with HL_MEM_OP_ALLOC and HL_MEM_OP_MAP. Each op
 * accepts only the flags listed for it; all other bits, including the
 * unassigned 0x10 and 0x20, must be zero.
 */

/* HL_MEM_OP_ALLOC: the allocation must be physically contiguous in DRAM. */
#define HL_MEM_CONTIGUOUS	0x1

/*
 * HL_MEM_OP_ALLOC: other compute contexts may map the allocation by its
 * handle; without it only the allocating context may map it.
 */
#define HL_MEM_SHARED		0x2

/* HL_MEM_OP_MAP: map host memory described by in.map_host, not device DRAM. */
#define HL_MEM_USERPTR		0x4

/*
 * HL_MEM_OP_MAP: fail with EINVAL instead of choosing another address when
 * the hint address cannot be used.
 */
#define HL_MEM_FORCE_HINT	0x8

/*
 * HL_MEM_OP_MAP: load the translations of the new mapping into the device
 * MMU cache right away. A performance hint; it does not change the result.
 */
#define HL_MEM_PREFETCH		0x40

/**
 * struct hl_mem_in - operands of HL_IOCTL_MEMORY (in, written by userspace)
 *
 * The first 24 bytes are a union whose member is chosen by @op. Bytes of the
 * union that the chosen member does not cover must be zero. All addresses
 * and sizes are in bytes.
 *
 * @alloc: operands of %HL_MEM_OP_ALLOC.
 * @alloc.mem_size: in; number of bytes to allocate; must not be zero. It is
 *	rounded up to a whole number of pages of the chosen page size.
 * @alloc.page_size: in; DRAM page size in bytes for this allocation. Zero
 *	selects the device default; any other value must be a power of two that
 *	the device supports.
 * @free: operands of %HL_MEM_OP_FREE.
 * @free.handle: in; a handle returned in &hl_mem_out.handle by
 *	%HL_MEM_OP_ALLOC. Fails with EINVAL while the allocation is still
 *	mapped.
 * @map_device: operands of %HL_MEM_OP_MAP without %HL_MEM_USERPTR.
 * @map_device.hint_addr: in; device virtual address at which the caller
 *	would like the mapping to start, or zero to let the driver choose. It
 *	must be aligned to the allocation's page size. A hint that cannot be
 *	used is ignored unless %HL_MEM_FORCE_HINT is set; compare it with
 *	&hl_mem_out.device_virt_addr to learn whether it was honoured.
 * @map_device.handle: in; handle of the allocation to map, as returned by
 *	%HL_MEM_OP_ALLOC.
 * @map_host: operands of %HL_MEM_OP_MAP with %HL_MEM_USERPTR.
 * @map_host.host_virt_addr: in; address of the buffer in the calling
 *	process. It need not be page aligned; the host pages that the range
 *	touches stay pinned for as long as the mapping exists.
 * @map_host.hint_addr: in; as @map_device.hint_addr.
 * @map_host.mem_size: in; length of the host buffer in bytes; not zero, and
 *	the range must not wrap around the end of the address space.
 * @map_block: operands of %HL_MEM_OP_MAP_BLOCK.
 * @map_block.block_addr: in; device address of the hardware block, inside the
 *	configuration space. Only blocks that the driver lets userspace map are
 *	accepted.
 * @unmap: operands of %HL_MEM_OP_UNMAP.
 * @unmap.device_virt_addr: in; the exact address that %HL_MEM_OP_MAP returned
 *	in &hl_mem_out.device_virt_addr.
 * @op: in; the operation, one of the HL_MEM_OP_* values. Any other value
 *	fails with EINVAL. Offset 24.
 * @flags: in; with %HL_MEM_OP_ALLOC and %HL_MEM_OP_MAP, a mask of the HL_MEM_*
 *	flags that the operation accepts. With every other operation, must be
 *	zero.
 *	Offset 28.
 * @ctx_id: in; reserved. The context is always the one of the device file
 *	the ioctl is issued on; this field is currently unused and must be zero.
 *	Offset 32.
 * @num_of_elements: in; with %HL_MEM_OP_TS_ALLOC, the number of timestamp
 *	records to allocate (not zero, and no more than the driver's limit).
 *	With every other operation, must be zero. Offset 36.
 *
 * Size: 40 bytes on every supported ABI; aligned like __u64 (8 bytes, 4 on
 * i386).
 */
struct hl_mem_in {
	union {
		struct {
			__u64 mem_size;
			__u64 page_size;
		} alloc;

		struct {
			__u64 handle;
		} free;

		struct {
			__u64 hint_addr;
			__u64 handle;
		} map_device;

		struct {
			__u64 host_virt_addr;
			__u64 hint_addr;
			__u64 mem_size;
		} map_host;

		struct {
			__u64 block_addr;
		} map_block;

		struct {
			__u64 device_virt_addr;
		} unmap;
	};

	__u32 op;
	__u32 flags;
	__u32 ctx_id;
	__u32 num_of_elements;
};

/**
 * struct hl_mem_out - result of HL_IOCTL_MEMORY (out, written by the driver)
 *
 * Valid only when the ioctl returned 0. The driver clears the whole argument
 * before writing the member that belongs to the operation, so every byte
 * the operation does not produce reads as zero. The three members of the
 * %HL_MEM_OP_MAP_BLOCK result are documented where they are declared.
 *
 * @device_virt_addr: out; %HL_MEM_OP_MAP: device virtual address at which the
 *	new mapping starts. For host memory it includes the offset of
 *	&hl_mem_in.map_host.host_virt_addr within its page. Never zero on
 *	success.
 * @handle: out; %HL_MEM_OP_ALLOC: opaque handle that names the new allocation
 *	in later calls (its upper 32 bits are zero). %HL_MEM_OP_TS_ALLOC: opaque
 *	handle of the timestamp buffer.
 *
 * Size: 16 bytes on every supported ABI; aligned like __u64 (8 bytes, 4 on
 * i386).
 */
struct hl_mem_out {
	union {
		__u64 device_virt_addr;

		__u64 handle;

		struct {
			/**
			 * @block_handle: out; value to pass as the offset
			 * argument of mmap() on the device file to map the
			 * hardware block.
			 */
			__u64 block_handle;

			/**
			 * @block_size: out; size of the hardware block in
			 * bytes, the length to pass to mmap().
			 */
			__u32 block_size;

			/**
			 * @pad: out; explicit padding up to 16 bytes, always
			 * written as zero.
			 */
			__u32 pad;
		};
	};
};

/**
 * union hl_mem_args - argument of HL_IOCTL_MEMORY (in and out)
 * @in: operands, filled in by userspace before the call.
 * @out: result, written by the driver over @in when the call succeeds.
 *
 * Size: 40 bytes (the size of @in) on every supported ABI; aligned like
 * __u64. The size is encoded in the command number, so it cannot change
 * without changing HL_IOCTL_MEMORY.
 */
union hl_mem_args {
	struct hl_mem_in in;
	struct hl_mem_out out;
};

/*
 * HL_IOCTL_MEMORY - run one memory operation (see the DOC section above).
 * Magic 'H', number 0x05, read and write, 40-byte argument: 0xc0284805 with
 * the generic _IOC encoding (x86, arm, arm64, riscv and others).
 */
#define HL_IOCTL_MEMORY		_IOWR('H', 0x05, union hl_mem_args)

#endif /* _UAPI_MISC_HL_MEMORY_H */
