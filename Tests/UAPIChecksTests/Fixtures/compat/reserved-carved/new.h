/* Reserved words carved into a flags field; the rest stays reserved. */
#include <linux/types.h>

struct rc_req {
	__u32 op;
	__u32 flags;
	__u32 pad[2];
	__u64 addr;
};
