/* A member of a union narrowed from __u64 to __s32 (fd fields are __s32, U8). */
#include <linux/types.h>

struct hl_mem_out {
	union {
		__u64 device_virt_addr;
		struct {
			__u64 handle;
			__u32 page_size;
			__u32 pad;
		} alloc;
		__s32 fd;
	};
};
