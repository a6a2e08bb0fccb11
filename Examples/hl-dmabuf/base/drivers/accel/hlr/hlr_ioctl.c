/*
 * hlr_ioctl.c - the ioctl entry point and argument validation
 *
 * hlr_ioctl() takes the command number and the argument bytes exactly as
 * userspace passes them. The command must be HL_IOCTL_MEMORY as compiled
 * (magic, number, direction and size); anything else is -ENOTTY (I11), so a
 * caller that computed the number from a wrong layout is told so. The
 * argument is copied in like copy_from_user() (-EFAULT if the buffer is
 * shorter than the size the command encodes), validated completely before
 * anything changes, and on success cleared and filled with the result
 * before it is copied back (D3).
 *
 * Validation, in this order, every failure -EINVAL:
 * - in.op is one of the HL_MEM_OP_* values;
 * - in.flags has no bit outside the set the op accepts (F3);
 * - in.ctx_id is zero (reserved, F2);
 * - in.num_of_elements is zero except for HL_MEM_OP_TS_ALLOC (F1);
 * - every byte of the operand union past the member the op uses is zero
 *   (F1; the member of HL_MEM_OP_MAP depends on HL_MEM_USERPTR).
 *
 * Range errors (an address plus size that wraps around 2^64, a range past
 * the end of DRAM) are -EINVAL as well, never -EOVERFLOW: the header
 * documents EINVAL for bad arguments.
 */
#include "uapi/misc/hl_memory.h"
#include "hlr_internal.h"

_Static_assert(HL_MEM_OP_TS_ALLOC + 1 == HLR_NR_MEM_OPS,
	       "every opcode of the header is dispatched");

#define HLR_UNION_BYTES	offsetof(struct hl_mem_in, op)
#define HLR_OPERANDS(m)	sizeof(((struct hl_mem_in *)0)->m)

_Static_assert(HLR_UNION_BYTES == 24, "operand union is 24 bytes");

#define HLR_OP(op, flags)	[op] = { #op, (op), (flags) }

/*
 * The opcodes this driver dispatches and the in.flags bits each accepts.
 * hlr_opcode_at() hands out this very table, so what verification sees is
 * what the dispatcher checks.
 */
const struct hlr_named_value hlr_mem_opcodes[HLR_NR_MEM_OPS] = {
	HLR_OP(HL_MEM_OP_ALLOC, HL_MEM_CONTIGUOUS | HL_MEM_SHARED),
	HLR_OP(HL_MEM_OP_FREE, 0),
	HLR_OP(HL_MEM_OP_MAP, HL_MEM_USERPTR | HL_MEM_FORCE_HINT |
			      HL_MEM_PREFETCH),
	HLR_OP(HL_MEM_OP_UNMAP, 0),
	HLR_OP(HL_MEM_OP_MAP_BLOCK, 0),
	HLR_OP(HL_MEM_OP_TS_ALLOC, 0),
};

/*
 * Bytes of the operand union each op reads; the rest must be zero. MAP
 * with HL_MEM_USERPTR reads map_host instead of map_device.
 */
static const uint32_t hlr_operand_bytes[HLR_NR_MEM_OPS] = {
	[HL_MEM_OP_ALLOC] = HLR_OPERANDS(alloc),
	[HL_MEM_OP_FREE] = HLR_OPERANDS(free),
	[HL_MEM_OP_MAP] = HLR_OPERANDS(map_device),
	[HL_MEM_OP_UNMAP] = HLR_OPERANDS(unmap),
	[HL_MEM_OP_MAP_BLOCK] = HLR_OPERANDS(map_block),
	[HL_MEM_OP_TS_ALLOC] = 0,
};

/**
 * hlr_mem_validate() - check the fields every op shares
 * @in: the copied-in operands.
 *
 * Return: 0, or -EINVAL.
 */
static int hlr_mem_validate(const struct hl_mem_in *in)
{
	const unsigned char *u = (const unsigned char *)in;
	uint32_t used;
	size_t i;

	if (in->op >= HLR_NR_MEM_OPS)
		return -EINVAL;
	if (in->flags & ~hlr_mem_opcodes[in->op].accepted_flags)
		return -EINVAL;
	if (in->ctx_id)
		return -EINVAL;
	if (in->num_of_elements && in->op != HL_MEM_OP_TS_ALLOC)
		return -EINVAL;

	used = hlr_operand_bytes[in->op];
	if (in->op == HL_MEM_OP_MAP && (in->flags & HL_MEM_USERPTR))
		used = sizeof(in->map_host);
	for (i = used; i < HLR_UNION_BYTES; i++)
		if (u[i])
			return -EINVAL;
	return 0;
}

/**
 * hlr_mem_ioctl() - run one HL_IOCTL_MEMORY operation
 * @w: the world (the caller holds the device file, so a context is live).
 * @tenant: the calling process.
 * @args: the copied-in argument; on success the result replaces it.
 *
 * Return: 0 or a negative errno; on failure @args is unchanged.
 */
static long hlr_mem_ioctl(struct hlr_world *w, int tenant,
			  union hl_mem_args *args)
{
	const struct hl_mem_in *in = &args->in;
	uint64_t ops[3] = { in->map_host.host_virt_addr,
			    in->map_host.hint_addr, in->map_host.mem_size };
	union hl_mem_args out;
	uint64_t val = 0;	/* handle or address result */
	uint32_t size = 0;
	long rc;

	rc = hlr_mem_validate(in);
	if (rc)
		return rc;

	/* Every byte the op does not produce reads as zero (D3). */
	memset(&out, 0, sizeof(out));
	switch (in->op) {
	case HL_MEM_OP_ALLOC:
		rc = hlr_mem_alloc(w, &val, in->alloc.mem_size,
				   in->alloc.page_size, in->flags);
		out.out.handle = val;
		break;
	case HL_MEM_OP_FREE:
		rc = hlr_mem_free(w, in->free.handle);
		break;
	case HL_MEM_OP_MAP:
		rc = hlr_mem_map(w, &val, ops, in->flags);
		out.out.device_virt_addr = val;
		break;
	case HL_MEM_OP_UNMAP:
		rc = hlr_mem_unmap(w, in->unmap.device_virt_addr);
		break;
	case HL_MEM_OP_MAP_BLOCK:
		rc = hlr_mem_map_block(&val, &size,
				       in->map_block.block_addr);
		out.out.block_handle = val;
		out.out.block_size = size;
		break;
	case HL_MEM_OP_TS_ALLOC:
		rc = hlr_mem_ts_alloc(w, &val, in->num_of_elements);
		out.out.handle = val;
		break;
	default:
		rc = -EINVAL;	/* unreachable: validated above */
		break;
	}
	if (rc == 0)
		*args = out;
	return rc;
}

long hlr_ioctl(struct hlr_world *w, int tenant, int fd, unsigned int cmd,
	       void *arg, size_t arg_len)
{
	const struct hlr_fd *f = hlr_fd_peek(w, tenant, fd);
	union hl_mem_args kargs;
	long rc;

	if (!f)
		return -EBADF;
	/* dma-buf files implement none of the device's commands. */
	if (f->kind != HLR_FD_DEVICE || cmd != HL_IOCTL_MEMORY)
		return -ENOTTY;

	_Static_assert(_IOC_SIZE(HL_IOCTL_MEMORY) == sizeof(kargs),
		       "the command encodes the argument size");
	if (!arg || arg_len < _IOC_SIZE(cmd))
		return -EFAULT;
	memcpy(&kargs, arg, sizeof(kargs));		/* copy_from_user() */

	rc = hlr_mem_ioctl(w, tenant, &kargs);
	if (rc == 0)
		memcpy(arg, &kargs, sizeof(kargs));	/* copy_to_user() */
	HLR_DEBUG_CHECK(w);
	return rc;
}
