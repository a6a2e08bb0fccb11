/* An anonymous union gains a member that fits in it. */
#include <linux/types.h>

struct au_in {
	union {
		__u64 handle;
		struct {
			__u64 addr;
			__u64 size;
		} range;
	};
	__u32 op;
	__u32 flags;
};
