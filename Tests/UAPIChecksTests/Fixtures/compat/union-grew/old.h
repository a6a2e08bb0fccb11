/* The in half of an in/out union grew past the union's size: the union grows, the number changes. */
#include <linux/types.h>
#include <linux/ioctl.h>

struct ug_in {
	__u64 addr;
	__u64 size;
	__u32 op;
	__u32 flags;
};

struct ug_out {
	__u64 handle;
};

union ug_args {
	struct ug_in in;
	struct ug_out out;
};

#define UG_IOCTL_MEM _IOWR('U', 0x05, union ug_args)
