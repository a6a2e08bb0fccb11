/* Reserved words carved into a flags field; the rest stays reserved. */
#include <linux/types.h>

struct rc_req {
	__u32 op;
	__u32 pad[3];
	__u64 addr;
};
