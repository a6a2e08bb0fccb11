/* _IOWR turned into _IOW: the direction bits are part of the number. */
#include <linux/types.h>
#include <linux/ioctl.h>

struct id_args {
	__u64 addr;
	__u64 size;
};

#define ID_IOCTL_SET _IOWR('D', 0x02, struct id_args)
