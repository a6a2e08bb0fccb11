/*
 * hlr_tables.c - what the compiler built, for verification
 *
 * The Swift side parses uapi/misc/hl_memory.h into a model and lays it out
 * per ABI. These tables give the same facts as this compiler saw them: the
 * size and offset of every struct, union and member the driver uses, the
 * command it dispatches, the opcodes it handles (with the flags each one
 * accepts) and the HL_MEM_* flags. Member paths name members the way C
 * does, with members of anonymous unions and structs reached directly.
 */
#include "uapi/misc/hl_memory.h"
#include "hlr_internal.h"

#define HLR_TYPE(t)	{ #t, "", 0, sizeof(t), _Alignof(t) }
#define HLR_MEMBER(t, m) \
	{ #t, #m, offsetof(t, m), sizeof(((t *)0)->m), 0 }

static const struct hlr_layout hlr_layouts[] = {
	HLR_TYPE(struct hl_mem_in),
	HLR_MEMBER(struct hl_mem_in, alloc),
	HLR_MEMBER(struct hl_mem_in, alloc.mem_size),
	HLR_MEMBER(struct hl_mem_in, alloc.page_size),
	HLR_MEMBER(struct hl_mem_in, free),
	HLR_MEMBER(struct hl_mem_in, free.handle),
	HLR_MEMBER(struct hl_mem_in, map_device),
	HLR_MEMBER(struct hl_mem_in, map_device.hint_addr),
	HLR_MEMBER(struct hl_mem_in, map_device.handle),
	HLR_MEMBER(struct hl_mem_in, map_host),
	HLR_MEMBER(struct hl_mem_in, map_host.host_virt_addr),
	HLR_MEMBER(struct hl_mem_in, map_host.hint_addr),
	HLR_MEMBER(struct hl_mem_in, map_host.mem_size),
	HLR_MEMBER(struct hl_mem_in, map_block),
	HLR_MEMBER(struct hl_mem_in, map_block.block_addr),
	HLR_MEMBER(struct hl_mem_in, unmap),
	HLR_MEMBER(struct hl_mem_in, unmap.device_virt_addr),
	HLR_MEMBER(struct hl_mem_in, op),
	HLR_MEMBER(struct hl_mem_in, flags),
	HLR_MEMBER(struct hl_mem_in, ctx_id),
	HLR_MEMBER(struct hl_mem_in, num_of_elements),

	HLR_TYPE(struct hl_mem_out),
	HLR_MEMBER(struct hl_mem_out, device_virt_addr),
	HLR_MEMBER(struct hl_mem_out, handle),
	HLR_MEMBER(struct hl_mem_out, block_handle),
	HLR_MEMBER(struct hl_mem_out, block_size),
	HLR_MEMBER(struct hl_mem_out, pad),

	HLR_TYPE(union hl_mem_args),
	HLR_MEMBER(union hl_mem_args, in),
	HLR_MEMBER(union hl_mem_args, out),
};

#define HLR_VALUE(name, flags)	{ #name, (uint64_t)(name), (flags) }

static const struct hlr_named_value hlr_commands[] = {
	HLR_VALUE(HL_IOCTL_MEMORY, 0),
};

static const struct hlr_named_value hlr_flags[] = {
	HLR_VALUE(HL_MEM_CONTIGUOUS, 0),
	HLR_VALUE(HL_MEM_SHARED, 0),
	HLR_VALUE(HL_MEM_USERPTR, 0),
	HLR_VALUE(HL_MEM_FORCE_HINT, 0),
	HLR_VALUE(HL_MEM_PREFETCH, 0),
};

size_t hlr_layout_count(void)
{
	return HLR_ARRAY_SIZE(hlr_layouts);
}

const struct hlr_layout *hlr_layout_at(size_t i)
{
	return i < HLR_ARRAY_SIZE(hlr_layouts) ? &hlr_layouts[i] : NULL;
}

size_t hlr_command_count(void)
{
	return HLR_ARRAY_SIZE(hlr_commands);
}

const struct hlr_named_value *hlr_command_at(size_t i)
{
	return i < HLR_ARRAY_SIZE(hlr_commands) ? &hlr_commands[i] : NULL;
}

size_t hlr_opcode_count(void)
{
	return HLR_NR_MEM_OPS;
}

const struct hlr_named_value *hlr_opcode_at(size_t i)
{
	return i < HLR_NR_MEM_OPS ? &hlr_mem_opcodes[i] : NULL;
}

size_t hlr_flag_count(void)
{
	return HLR_ARRAY_SIZE(hlr_flags);
}

const struct hlr_named_value *hlr_flag_at(size_t i)
{
	return i < HLR_ARRAY_SIZE(hlr_flags) ? &hlr_flags[i] : NULL;
}
